import { describe, expect, it } from 'vitest';
import { FOLD_MIN, foldGraph, foldLeaves, groupLabel } from '../../../client/src/lib/graph/fold.ts';
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

/**
 *  exc ─APPLIES_TO→ dep ←IS_A─ ts ←IS_A─ as ←IS_A─ cpas ←APPLIES_TO─ exc46
 *  the chain as → ts folds between cpas and dep; cpas has another relation, dep too.
 */
function hierarchy(): GraphModel {
  return {
    nodes: [
      node('exc', 'Exception'),
      node('exc46', 'Exception'),
      node('dep', 'Profession'),
      node('ts', 'Profession'),
      node('as', 'Profession'),
      node('cpas', 'Profession'),
    ],
    edges: [
      edge('exc', 'APPLIES_TO', 'dep'),
      edge('ts', 'IS_A', 'dep'),
      edge('as', 'IS_A', 'ts'),
      edge('cpas', 'IS_A', 'as'),
      edge('exc46', 'APPLIES_TO', 'cpas'),
    ],
  };
}

const chainOf = (model: GraphModel, keep: string[] = [], unfolded: string[] = []) => foldGraph(model, new Set(unfolded), new Set(keep));

describe('foldGraph on IS_A chains', () => {
  it('draws a line of IS_A through nodes of no other relation as one group, between the nodes it joins', () => {
    const folded = chainOf(hierarchy());
    expect(folded.groups).toHaveLength(1);
    const [chain] = folded.groups;
    expect(chain).toMatchObject({ kind: 'chain', type: 'Profession', anchor: 'dep' });
    expect(chain.members.map((m) => m.id)).toEqual(['as', 'ts']);
    expect(chain.links.map((l) => [l.source, l.type, l.target])).toEqual([
      [chain.id, 'IS_A', 'dep'],
      ['cpas', 'IS_A', chain.id],
    ]);
    expect(folded.nodes.map((n) => n.id).sort()).toEqual(['cpas', 'dep', 'exc', 'exc46']);
    // What is left drawn never points at a folded node.
    const drawn = new Set([...folded.nodes.map((n) => n.id), chain.id]);
    expect([...folded.edges, ...chain.links].every((e) => drawn.has(e.source) && drawn.has(e.target))).toBe(true);
    expect(groupLabel(chain).label).toBe('chaîne : as → ts (déplier)');
  });

  it('folds the top of a hierarchy too, hanging from the one node it joins', () => {
    const model = hierarchy();
    model.edges.push(edge('dep', 'IS_A', 'tout'), edge('tout', 'IS_A', 'personne'));
    model.nodes.push(node('tout', 'Profession'), node('personne', 'Profession'));
    const chains = chainOf(model).groups.map((g) => g.members.map((m) => m.id));
    expect(chains).toContainEqual(['tout', 'personne']);
    const top = chainOf(model).groups.find((g) => g.members[0].id === 'tout')!;
    expect(top.links.map((l) => [l.source, l.target])).toEqual([['dep', top.id]]);
  });

  it('keeps a node with any other relation, so no path through it is hidden', () => {
    const model = hierarchy();
    model.edges.push(edge('exc', 'APPLIES_TO', 'ts'));
    expect(chainOf(model).groups).toEqual([]);
  });

  it('keeps a node where IS_A branches (two categories, or two kinds below it)', () => {
    const twoUp = hierarchy();
    twoUp.nodes.push(node('sec', 'Profession'));
    twoUp.edges.push(edge('as', 'IS_A', 'sec'), edge('sec', 'APPLIES_TO', 'exc'));
    expect(chainOf(twoUp).groups).toEqual([]);
    const twoDown = hierarchy();
    twoDown.nodes.push(node('as2', 'Profession'));
    twoDown.edges.push(edge('as2', 'IS_A', 'ts'), edge('exc46', 'APPLIES_TO', 'as2'));
    // ts has two kinds below it: only as is left, a chain of one, drawn as it is.
    expect(chainOf(twoDown).groups).toEqual([]);
  });

  it('never folds a kept (selected or emphasised) node, nor an unfolded chain', () => {
    expect(chainOf(hierarchy(), ['as']).groups).toEqual([]);
    const id = chainOf(hierarchy()).groups[0].id;
    expect(chainOf(hierarchy(), [], [id]).groups).toEqual([]);
    // Nodes a route still in doubt goes through stay in chains, not in fans' way.
    expect(foldGraph(hierarchy(), new Set(), new Set(), new Set(['ts'])).groups).toEqual([]);
  });

  it('leaves a chain of one, a chain alone in the view and a cycle as they are', () => {
    const short = hierarchy();
    short.edges.push(edge('exc', 'APPLIES_TO', 'as'));
    expect(chainOf(short).groups).toEqual([]);
    const alone: GraphModel = {
      nodes: [node('a', 'Recipient'), node('b', 'Recipient'), node('c', 'Recipient')],
      edges: [edge('a', 'IS_A', 'b'), edge('b', 'IS_A', 'c')],
    };
    expect(chainOf(alone).groups).toEqual([]);
    const cycle: GraphModel = { nodes: alone.nodes, edges: [...alone.edges, edge('c', 'IS_A', 'a')] };
    expect(chainOf(cycle).groups).toEqual([]);
  });

  it('folds fans and chains of one view together', () => {
    const model = offences(FOLD_MIN + 1);
    const chain = hierarchy();
    const folded = foldGraph({ nodes: [...model.nodes, ...chain.nodes], edges: [...model.edges, ...chain.edges] }, new Set(), new Set());
    expect(folded.groups.map((g) => g.kind).sort()).toEqual(['chain', 'fan']);
  });
});
