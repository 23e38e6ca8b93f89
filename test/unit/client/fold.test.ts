import { describe, expect, it } from 'vitest';
import { FOLD_MIN, foldLeaves } from '../../../client/src/lib/graph/fold.ts';
import type { GraphModel } from '../../../client/src/lib/graph/model.ts';
import type { GraphEdge, GraphNode } from '../../../client/src/lib/types.ts';

const node = (id: string, type: GraphNode['type']) => ({ id, type, label: id, citations: [] }) as unknown as GraphNode;
const edge = (source: string, type: GraphEdge['type'], target: string): GraphEdge => ({ id: `${source}-[${type}]->${target}`, source, type, target });

/** art. 458bis with `count` offences, one of which also leads elsewhere. */
function offences(count: number): GraphModel {
  const ids = Array.from({ length: count }, (_, i) => `off-${i}`);
  return {
    nodes: [node('cp-458bis', 'Provision'), node('cp-458', 'Provision'), ...ids.map((id) => node(id, 'Offence'))],
    edges: [edge('cp-458bis', 'REFERS_TO', 'cp-458'), ...ids.map((id) => edge('cp-458bis', 'REFERS_TO', id)), edge('off-0', 'REFERS_TO', 'cp-458')],
  };
}

describe('foldLeaves', () => {
  it('folds the leaves one node reaches by one relation into a group, keeping the rest', () => {
    const folded = foldLeaves(offences(FOLD_MIN + 2), new Set(), new Set());
    expect(folded.groups).toHaveLength(1);
    const [group] = folded.groups;
    expect(group).toMatchObject({ anchor: 'cp-458bis', relation: 'REFERS_TO', inward: false, type: 'Offence' });
    // off-0 has a second relation: folding it would hide a path.
    expect(group.members.map((m) => m.id)).not.toContain('off-0');
    expect(group.members).toHaveLength(FOLD_MIN + 1);
    expect(folded.nodes.map((n) => n.id).sort()).toEqual(['cp-458', 'cp-458bis', 'off-0']);
    expect(folded.edges.every((e) => folded.nodes.some((n) => n.id === e.target))).toBe(true);
  });

  it('leaves small fans, unfolded groups and kept nodes alone', () => {
    expect(foldLeaves(offences(FOLD_MIN), new Set(), new Set()).groups).toEqual([]);
    const id = foldLeaves(offences(10), new Set(), new Set()).groups[0].id;
    expect(foldLeaves(offences(10), new Set([id]), new Set()).groups).toEqual([]);
    const kept = foldLeaves(offences(10), new Set(), new Set(['off-3']));
    expect(kept.nodes.map((n) => n.id)).toContain('off-3');
    expect(kept.groups[0].members.map((m) => m.id)).not.toContain('off-3');
  });
});
