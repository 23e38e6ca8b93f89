import { describe, expect, it } from 'vitest';
import recorded from '../../../client/src/lib/graph/firstLayouts.json';
import { layoutKey, recordedPlacement, recordLayout, type NodeLook } from '../../../client/src/lib/graph/firstLayouts.ts';

const looks = (entries: [string, string, string][]) => new Map<string, NodeLook>(entries.map(([id, type, display]) => [id, { type, display }]));
const VIEW = looks([
  ['cp-458', 'Provision', 'Art. 458 Code pénal'],
  ['cp-458bis', 'Provision', 'Art. 458bis Code pénal'],
  ['tms', 'Profession', 'Travailleur(se)\nmédico-social(e)'],
]);
const LINKS: [string, string][] = [
  ['cp-458bis', 'cp-458'],
  ['tms', 'cp-458bis'],
];

describe('first layouts', () => {
  it('keys a view by its nodes (id, type, label drawn) and its relations, in any order, and by nothing a browser measures', () => {
    const shuffled = new Map([...VIEW].reverse());
    expect(layoutKey(shuffled, [...LINKS].reverse())).toBe(layoutKey(VIEW, LINKS));
  });

  it('tells apart views that differ by a node, a label, a type, a relation or the stylesheet', () => {
    const key = layoutKey(VIEW, LINKS);
    const relabelled = new Map(VIEW).set('tms', { type: 'Profession', display: 'TMS' });
    const retyped = new Map(VIEW).set('tms', { type: 'Recipient', display: 'Travailleur(se)\nmédico-social(e)' });
    const more = new Map(VIEW).set('saj', { type: 'Recipient', display: 'SAJ' });
    expect(
      new Set([
        key,
        layoutKey(relabelled, LINKS),
        layoutKey(retyped, LINKS),
        layoutKey(more, LINKS),
        layoutKey(VIEW, [LINKS[0]!]),
        layoutKey(VIEW, [LINKS[0]!, ['cp-458bis', 'tms']]),
        layoutKey(VIEW, LINKS, 'another stylesheet'),
      ]).size,
    ).toBe(7);
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
    expect(recordedPlacement(new Map(VIEW).set('tms', { type: 'Profession', display: 'TMS' }), LINKS, layouts)).toBeUndefined();
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
