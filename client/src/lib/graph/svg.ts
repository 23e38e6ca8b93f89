// A real SVG document of the drawn graph: shapes, straight or curved edges
// with arrows, and labels, read from positions the graph view hands over.
import type { ExportFrame } from './exportFrame.ts';
import { shapeMarkup } from './shapes.ts';
import type { NodeShape } from './nodeStyles.ts';

export interface SvgNode {
  x: number;
  y: number;
  width: number;
  height: number;
  shape: NodeShape;
  fill: string;
  stroke: string;
  strokeWidth: number;
  dashed: boolean;
  opacity: number;
  label: string;
  fontSize: number;
  bold: boolean;
  /** label to the right of the node (layered layout) rather than below */
  labelBeside: boolean;
}

export interface SvgEdge {
  source: { x: number; y: number };
  target: { x: number; y: number };
  /** the point the curve passes through halfway */
  middle: { x: number; y: number };
  colour: string;
  width: number;
  dashed: boolean;
  opacity: number;
  label: string;
}

export interface SvgScene {
  frame: ExportFrame;
  nodes: SvgNode[];
  edges: SvgEdge[];
}

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const PADDING = 40;
const LINE_HEIGHT = 1.2;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r = (n: number) => Math.round(n * 10) / 10;

function textMarkup(lines: string[], x: number, y: number, size: number, attributes: string): string {
  const spans = lines.map((line, i) => `<tspan x="${r(x)}" dy="${i === 0 ? 0 : r(size * LINE_HEIGHT)}">${escape(line)}</tspan>`).join('');
  return `<text x="${r(x)}" y="${r(y)}" font-size="${size}" ${attributes}>${spans}</text>`;
}

function bounds(scene: SvgScene) {
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  const include = (x: number, y: number) => {
    [x1, y1, x2, y2] = [Math.min(x1, x), Math.min(y1, y), Math.max(x2, x), Math.max(y2, y)];
  };
  for (const node of scene.nodes) {
    const lines = node.label.split('\n');
    const labelWidth = Math.max(...lines.map((l) => l.length)) * node.fontSize * 0.55;
    const labelHeight = lines.length * node.fontSize * LINE_HEIGHT;
    if (node.labelBeside) {
      include(node.x - node.width / 2, node.y - Math.max(node.height, labelHeight) / 2);
      include(node.x + node.width / 2 + 6 + labelWidth, node.y + Math.max(node.height, labelHeight) / 2);
    } else {
      include(node.x - Math.max(node.width, labelWidth) / 2, node.y - node.height / 2);
      include(node.x + Math.max(node.width, labelWidth) / 2, node.y + node.height / 2 + 6 + labelHeight);
    }
  }
  for (const edge of scene.edges) [edge.source, edge.target, edge.middle].forEach((p) => include(p.x, p.y));
  if (x1 === Infinity) return { x: 0, y: 0, width: 200, height: 100 };
  return { x: x1 - PADDING, y: y1 - PADDING, width: x2 - x1 + 2 * PADDING, height: y2 - y1 + 2 * PADDING };
}

export function renderSvg(scene: SvgScene): string {
  const box = bounds(scene);
  const colours = [...new Set(scene.edges.map((e) => e.colour))];
  const markers = colours
    .map(
      (colour, i) =>
        `<marker id="arrow-${i}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`,
    )
    .join('');
  const edges = scene.edges.map((edge) => {
    const { source: s, target: t, middle: m } = edge;
    const control = { x: 2 * m.x - (s.x + t.x) / 2, y: 2 * m.y - (s.y + t.y) / 2 };
    const dash = edge.dashed ? ' stroke-dasharray="6 4"' : '';
    const path = `<path d="M${r(s.x)},${r(s.y)} Q${r(control.x)},${r(control.y)} ${r(t.x)},${r(t.y)}" fill="none" stroke="${edge.colour}" stroke-width="${edge.width}"${dash} marker-end="url(#arrow-${colours.indexOf(edge.colour)})"/>`;
    const label = edge.label
      ? textMarkup([edge.label], m.x, m.y + 3, 9, `text-anchor="middle" fill="#3d434a" stroke="#ffffff" stroke-width="3" paint-order="stroke"`)
      : '';
    return `<g opacity="${edge.opacity}">${path}${label}</g>`;
  });
  const nodes = scene.nodes.map((node) => {
    const dash = node.dashed ? ' stroke-dasharray="4 3"' : '';
    const shape = shapeMarkup(
      node.shape,
      node.x,
      node.y,
      node.width,
      node.height,
      `fill="${node.fill}" stroke="${node.stroke}" stroke-width="${node.strokeWidth}"${dash}`,
    );
    const weight = node.bold ? ' font-weight="bold"' : '';
    const lines = node.label.split('\n');
    const paint = `fill="#1b1f23" stroke="#ffffff" stroke-width="3" paint-order="stroke"${weight}`;
    const label = node.labelBeside
      ? textMarkup(
          lines,
          node.x + node.width / 2 + 5,
          node.y + node.fontSize * 0.35 - ((lines.length - 1) * node.fontSize * LINE_HEIGHT) / 2,
          node.fontSize,
          `text-anchor="start" ${paint}`,
        )
      : textMarkup(lines, node.x, node.y + node.height / 2 + 4 + node.fontSize, node.fontSize, `text-anchor="middle" ${paint}`);
    return `<g opacity="${node.opacity}">${shape}${label}</g>`;
  });
  const width = Math.max(box.width, MIN_WIDTH);
  const frame = frameMarkup(scene.frame, box, width);
  const outer = { x: box.x, y: box.y - frame.top, width, height: box.height + frame.top + frame.bottom };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${r(outer.x)} ${r(outer.y)} ${r(outer.width)} ${r(outer.height)}" width="${Math.ceil(outer.width)}" height="${Math.ceil(outer.height)}" font-family="${FONT}">`,
    `<title>${escape(scene.frame.title)}</title>`,
    `<desc>${escape(`${scene.frame.source} ${scene.frame.date}`)}</desc>`,
    `<defs>${markers}</defs>`,
    `<rect x="${r(outer.x)}" y="${r(outer.y)}" width="${r(outer.width)}" height="${r(outer.height)}" fill="#ffffff"/>`,
    frame.markup,
    `<g>${edges.join('')}</g>`,
    `<g>${nodes.join('')}</g>`,
    '</svg>',
  ].join('\n');
}

const MIN_WIDTH = 760;
/** A generous average advance of a character, in em: text measured by it never overruns the frame in the usual sans-serif fonts. */
const CHARACTER_EM = 0.6;

/** The words of `text` in lines no wider than `width` at `size` (estimated: the SVG is written without a font to measure with). */
function wrap(text: string, width: number, size: number): string[] {
  const most = Math.max(1, Math.floor(width / (size * CHARACTER_EM)));
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= most) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Title above the graph; legend, source and date below it, wrapped to the document's width; and the heights they take above and below. */
function frameMarkup(
  frame: ExportFrame,
  box: { x: number; y: number; width: number; height: number },
  width: number,
): { markup: string; top: number; bottom: number } {
  const [left, right] = [box.x + PADDING, box.x + width - PADDING];
  // Bold type runs wider than the average the wrapping assumes.
  const heading = wrap(frame.title, (right - left) / 1.1, 18);
  const top = 40 + (heading.length - 1) * 18 * LINE_HEIGHT;
  const title = textMarkup(heading, left, box.y - top + 26, 18, 'font-weight="bold" fill="#1b1f23"');
  let x = left;
  let y = box.y + box.height + 18;
  const legend = frame.legend.map((entry) => {
    const advance = 16 + entry.label.length * 12 * CHARACTER_EM + 16;
    if (x > left && x + advance - 16 > right) [x, y] = [left, y + 20];
    const mark = shapeMarkup(entry.shape, x + 6, y - 4, 12, 12, `fill="${entry.colour}"`);
    const text = textMarkup([entry.label], x + 16, y, 12, 'fill="#1b1f23"');
    x += advance;
    return mark + text;
  });
  const [source, date] = [frame.source, frame.date].map((line) => wrap(line, right - left, 11));
  y += 24;
  const sourceText = textMarkup(source, left, y, 11, 'fill="#3d434a"');
  y += source.length * 11 * LINE_HEIGHT + 5;
  const dateText = textMarkup(date, left, y, 11, 'fill="#3d434a"');
  y += (date.length - 1) * 11 * LINE_HEIGHT;
  return { markup: `<g>${title}${legend.join('')}${sourceText}${dateText}</g>`, top, bottom: y - (box.y + box.height) + 22 };
}
