// The first layout of each mode's default view, recorded once from fcose's own
// result in Chromium (`npm run layouts:record`) and shipped with the client.
// A new view whose nodes (id, type, label as drawn), relations and stylesheet
// are exactly those of a recorded view is drawn on the recorded positions:
// fcose, whose first run in a page costs ~120 ms of compiling and computing
// before the first frame (~1 s on a busy 2-core machine), does not run for it.
// The key holds only what is the same in every browser: not the boxes' measured
// sizes, which vary with the fonts a browser has (the labels' own font is
// shipped with the client, graphFont.ts, so they measure as when recorded
// wherever it loads). Another graph, label or style, and fcose lays the view
// out as before.
import type { Position } from 'cytoscape';
import recorded from './firstLayouts.json';
import { graphStylesheet } from './stylesheet.ts';

/** What a node's box is made of, as data: its type (shape and size) and the label drawn. */
export interface NodeLook {
  type: string;
  display: string;
}

export interface RecordedLayout {
  /** the view's key (layoutKey) */
  key: string;
  /** the centre of each node's box, rounded to a tenth of a pixel */
  positions: Record<string, [number, number]>;
}

const RECORDED = new Map((recorded as unknown as { layouts: RecordedLayout[] }).layouts.map((layout) => [layout.key, layout.positions]));

/** FNV-1a, 32 bits: enough to tell views apart; the positions found are then checked node by node. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The stylesheet's fingerprint: a change of font, size or shape makes other boxes, so other layouts. */
const STYLE = fnv1a(JSON.stringify(graphStylesheet));

/** What a layout of boxes depends on: each node's id, type and label, the relations and the stylesheet; order does not count. */
export function layoutKey(looks: Map<string, NodeLook>, edges: [source: string, target: string][], style = STYLE): string {
  const nodes = [...looks].map(([id, look]) => `${id}:${look.type}:${look.display}`).sort();
  const links = edges.map(([source, target]) => `${source}>${target}`).sort();
  return `${nodes.length}n${links.length}e-${fnv1a(style + '#' + nodes.join('|') + '#' + links.join('|'))}`;
}

/** The recorded positions of the box centres for exactly this view, or undefined. */
export function recordedPlacement(
  looks: Map<string, NodeLook>,
  edges: [string, string][],
  layouts: ReadonlyMap<string, Record<string, [number, number]>> = RECORDED,
): Map<string, Position> | undefined {
  const positions = layouts.get(layoutKey(looks, edges));
  if (!positions || Object.keys(positions).length !== looks.size) return undefined;
  const placed = new Map<string, Position>();
  for (const id of looks.keys()) {
    const at = positions[id];
    if (!at) return undefined;
    placed.set(id, { x: at[0], y: at[1] });
  }
  return placed;
}

/** The form a layout is recorded in. */
export function recordLayout(key: string, placed: Map<string, Position>): RecordedLayout {
  const round = (value: number) => Math.round(value * 10) / 10;
  return { key, positions: Object.fromEntries([...placed].map(([id, { x, y }]) => [id, [round(x), round(y)]])) };
}

/** Set by the recorder (test/e2e/first-layouts.test.ts) before the page loads: each first layout is pushed here, with whether it was the recorded one. */
export interface LayoutRecorder {
  /** true while recording: fcose lays out every view, record or not */
  bypass?: boolean;
  push(entry: RecordedLayout & { fromRecord: boolean }): void;
}

export function layoutRecorder(): LayoutRecorder | undefined {
  return (globalThis as { __secretumLayouts?: LayoutRecorder }).__secretumLayouts;
}
