// What an exported image carries besides the graph, so it can be shared on
// its own: a title, the legend of the types drawn, the source (the brochure,
// how many articles are replaced) and the date of the export.
import { BROCHURE_SOURCE, NODE_TYPE_LABELS } from '../labels.ts';
import type { GraphNode, NodeType } from '../types.ts';
import { isReplaced } from './model.ts';
import { NODE_STYLES, type NodeShape } from './nodeStyles.ts';
import { GRAPH_FONT as FONT } from './stylesheet.ts';

export interface LegendEntry {
  label: string;
  shape: NodeShape;
  colour: string;
}

export interface ExportFrame {
  title: string;
  legend: LegendEntry[];
  source: string;
  date: string;
}

/** `marks`: what the emphasis drawn means, told in words (a dashed line is no colour alone), after the node types. */
export function exportFrameOf(title: string, nodes: GraphNode[], today = new Date(), marks: LegendEntry[] = []): ExportFrame {
  const types = (Object.keys(NODE_STYLES) as NodeType[]).filter((t) => nodes.some((n) => n.type === t));
  const articles = nodes.filter((n) => 'status' in n);
  const replaced = articles.filter(isReplaced).length;
  const statuses = articles.length
    ? ` ; articles : ${articles.length - replaced} en vigueur, ${replaced} remplacé${replaced > 1 ? 's' : ''} (à vérifier dans le texte en vigueur)`
    : '';
  return {
    title,
    legend: [...types.map((t) => ({ label: NODE_TYPE_LABELS[t], shape: NODE_STYLES[t].shape, colour: NODE_STYLES[t].colour })), ...marks],
    source: `Source : ${BROCHURE_SOURCE}${statuses}.`,
    date: `Exporté de Secretum le ${today.toLocaleDateString('fr-BE', { day: 'numeric', month: 'long', year: 'numeric' })} — aide à la réflexion, pas un avis juridique.`,
  };
}

/** The graph's PNG (drawn at `scale`) inside a white frame: title above, legend, source and date below. */
export async function framePng(graph: Blob, frame: ExportFrame, scale = 2): Promise<Blob> {
  const image = await createImageBitmap(graph);
  const pad = 24 * scale;
  const width = Math.max(image.width + 2 * pad, 900 * scale);
  const line = 20 * scale;
  const top = pad + 28 * scale;
  const height = top + image.height + pad + 3 * line + pad;
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [width, height];
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#1b1f23';
  g.font = `bold ${20 * scale}px ${FONT}`;
  g.fillText(frame.title, pad, pad + 20 * scale, width - 2 * pad);
  g.drawImage(image, (width - image.width) / 2, top);
  let y = top + image.height + pad;
  let x = pad;
  g.font = `${13 * scale}px ${FONT}`;
  for (const entry of frame.legend) {
    g.fillStyle = entry.colour;
    g.fillRect(x, y - 11 * scale, 12 * scale, 12 * scale);
    g.fillStyle = '#1b1f23';
    g.fillText(entry.label, x + 16 * scale, y);
    x += g.measureText(entry.label).width + 32 * scale;
  }
  g.fillStyle = '#3d434a';
  g.font = `${12 * scale}px ${FONT}`;
  g.fillText(frame.source, pad, (y += line), width - 2 * pad);
  g.fillText(frame.date, pad, (y += line), width - 2 * pad);
  const drawn = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Export PNG impossible'))), 'image/png'),
  );
  const text = withPngText(new Uint8Array(await drawn.arrayBuffer()), { Title: frame.title, Source: frame.source, 'Creation Time': frame.date });
  return new Blob([text as BlobPart], { type: 'image/png' });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The PNG with international text chunks (iTXt, UTF-8) after its header: title, source and date stay readable by tools. */
export function withPngText(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  const encoder = new TextEncoder();
  const chunks = Object.entries(entries).map(([keyword, text]) => {
    const data = new Uint8Array([...encoder.encode(keyword), 0, 0, 0, 0, 0, ...encoder.encode(text)]);
    const typed = new Uint8Array([...encoder.encode('iTXt'), ...data]);
    const chunk = new Uint8Array(12 + data.length);
    const view = new DataView(chunk.buffer);
    view.setUint32(0, data.length);
    chunk.set(typed, 4);
    view.setUint32(8 + data.length, crc32(typed));
    return chunk;
  });
  // The signature (8 bytes) and the IHDR chunk (25 bytes) come first.
  const head = 8 + 25;
  const parts = [png.subarray(0, head), ...chunks, png.subarray(head)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
