// The first layout of each mode's default view, recorded once from fcose's own
// result in Chromium (`npm run layouts:record`) and shipped with the client.
// A new view whose nodes, box sizes and relations are exactly those of a
// recorded view is drawn on the recorded positions: fcose, whose first run in
// a page costs ~120 ms of compiling and computing before the first frame, does
// not run for it. Any difference — another graph, another font that measures
// a label one pixel wider — and fcose lays the view out as before: the record
// is only ever a layout fcose itself produced for these very boxes.
import type { Position } from 'cytoscape';
import recorded from './firstLayouts.json';

export interface BoxSize {
  w: number;
  h: number;
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

/** What a layout of boxes depends on: each node's id and box size in whole pixels, and the relations; order does not count. */
export function layoutKey(boxes: Map<string, BoxSize>, edges: [source: string, target: string][]): string {
  const nodes = [...boxes].map(([id, box]) => `${id}:${Math.round(box.w)}x${Math.round(box.h)}`).sort();
  const links = edges.map(([source, target]) => `${source}>${target}`).sort();
  return `${nodes.length}n${links.length}e-${fnv1a(nodes.join('|') + '#' + links.join('|'))}`;
}

/** The recorded positions of the box centres for exactly this view, or undefined. */
export function recordedPlacement(
  boxes: Map<string, BoxSize>,
  edges: [string, string][],
  layouts: ReadonlyMap<string, Record<string, [number, number]>> = RECORDED,
): Map<string, Position> | undefined {
  const positions = layouts.get(layoutKey(boxes, edges));
  if (!positions || Object.keys(positions).length !== boxes.size) return undefined;
  const placed = new Map<string, Position>();
  for (const id of boxes.keys()) {
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
