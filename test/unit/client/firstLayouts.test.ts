import { describe, expect, it } from 'vitest';
import recorded from '../../../client/src/lib/graph/firstLayouts.json';
import { layoutKey, recordedPlacement, recordLayout, type BoxSize } from '../../../client/src/lib/graph/firstLayouts.ts';

const boxes = (entries: [string, number, number][]) => new Map<string, BoxSize>(entries.map(([id, w, h]) => [id, { w, h }]));
const VIEW = boxes([
  ['cp-458', 120.4, 52],
  ['cp-458bis', 96, 70.2],
  ['tms', 60, 40],
]);
const LINKS: [string, string][] = [
  ['cp-458bis', 'cp-458'],
  ['tms', 'cp-458bis'],
];

describe('first layouts', () => {
  it('keys a view by its nodes, their box sizes in whole pixels and its relations, in any order', () => {
    const shuffled = boxes([
      ['tms', 60.2, 39.9],
      ['cp-458bis', 96, 70.4],
      ['cp-458', 119.6, 52],
    ]);
    expect(layoutKey(shuffled, [...LINKS].reverse())).toBe(layoutKey(VIEW, LINKS));
  });

  it('tells apart views that differ by a node, a pixel of a box, or a relation', () => {
    const key = layoutKey(VIEW, LINKS);
    const wider = new Map(VIEW).set('tms', { w: 61, h: 40 });
    const more = new Map(VIEW).set('saj', { w: 60, h: 40 });
    expect(
      new Set([key, layoutKey(wider, LINKS), layoutKey(more, LINKS), layoutKey(VIEW, [LINKS[0]!]), layoutKey(VIEW, [LINKS[0]!, ['cp-458bis', 'tms']])]).size,
    ).toBe(5);
  });

  it('gives the recorded positions of exactly that view, and nothing for any other', () => {
    const placed = new Map([
      ['cp-458', { x: 0, y: 0 }],
      ['cp-458bis', { x: 140.04, y: -12.36 }],
      ['tms', { x: 260, y: 30 }],
    ]);
    const record = recordLayout(layoutKey(VIEW, LINKS), placed);
    const layouts = new Map([[record.key, record.positions]]);
    expect(recordedPlacement(VIEW, LINKS, layouts)).toEqual(
      new Map([
        ['cp-458', { x: 0, y: 0 }],
        ['cp-458bis', { x: 140, y: -12.4 }],
        ['tms', { x: 260, y: 30 }],
      ]),
    );
    expect(recordedPlacement(new Map(VIEW).set('tms', { w: 80, h: 40 }), LINKS, layouts)).toBeUndefined();
    expect(recordedPlacement(VIEW, LINKS.slice(1), layouts)).toBeUndefined();
    // A record that misses a node of the view (hand-edited, or a hash collision) is not used.
    const { tms: _, ...partial } = record.positions;
    expect(recordedPlacement(VIEW, LINKS, new Map([[record.key, partial]]))).toBeUndefined();
  });

  it('ships records whose keys match their node count and whose positions are finite', () => {
    const { layouts } = recorded as unknown as { layouts: { key: string; positions: Record<string, [number, number]> }[] };
    expect(layouts.length).toBeGreaterThan(0);
    for (const layout of layouts) {
      expect(Number(/^(\d+)n/.exec(layout.key)?.[1])).toBe(Object.keys(layout.positions).length);
      for (const [x, y] of Object.values(layout.positions)) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    }
  });
});
