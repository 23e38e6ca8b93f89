// Fewer nodes rather than smaller ones. Two shapes of the graph are drawn as
// one group node, which a tap unfolds:
//  - a fan: the leaves hanging off one node by the same relation (the offences
//    art. 458bis lists, the professions that are each "un(e) dépositaire");
//  - a chain: an IS_A line through nodes that have no other relation in the
//    view (assistant social du CPAS → assistant social → travailleur social),
//    drawn between the nodes it joins, so the path stays on screen.
// Only nodes whose every relation in the view is inside the group are folded,
// so no path is hidden, and never a node the view emphasises or has selected.
import type { ElementDefinition } from 'cytoscape';
import { NODE_TYPE_PLURALS } from '../labels.ts';
import type { GraphEdge, GraphNode, NodeType, RelationType } from '../types.ts';
import type { GraphModel } from './model.ts';

/** Fewer leaves than this stay drawn one by one. */
export const FOLD_MIN = 5;
/** A chain of fewer nodes than this is drawn as it is: one group node for one node saves nothing. */
export const CHAIN_MIN = 2;

export interface NodeGroup {
  /** fan: `groupe:<anchor>:<relation>:<in|out>:<type>`; chain: `groupe:chaine:<first>:<last>` */
  id: string;
  kind: 'fan' | 'chain';
  type: NodeType;
  /** the drawn node the group starts beside */
  anchor: string;
  relation: RelationType;
  /** fan: the members point at the anchor (their relation's source) */
  inward: boolean;
  /** fan: by label; chain: in IS_A order, the most specific first */
  members: GraphNode[];
  /** the group's relations to the nodes left drawn, the group standing for its members */
  links: GraphEdge[];
}

export interface FoldedGraph extends GraphModel {
  groups: NodeGroup[];
}

export const isGroupId = (id: string) => id.startsWith('groupe:');

function edgesByNode(model: GraphModel): Map<string, GraphEdge[]> {
  const edges = new Map<string, GraphEdge[]>();
  for (const edge of model.edges) {
    for (const end of new Set([edge.source, edge.target])) {
      const own = edges.get(end);
      if (own) own.push(edge);
      else edges.set(end, [edge]);
    }
  }
  return edges;
}

/** The graph without the members of `groups`, and the groups. */
function withoutMembers(model: GraphModel, groups: NodeGroup[]): FoldedGraph {
  const folded = new Set(groups.flatMap((g) => g.members.map((m) => m.id)));
  return {
    nodes: model.nodes.filter((n) => !folded.has(n.id)),
    edges: model.edges.filter((e) => !folded.has(e.source) && !folded.has(e.target)),
    groups,
  };
}

/** The fans of same-type leaves of `model` worth folding, except the groups in `unfolded` and the nodes in `keep`. */
function leafFans(model: GraphModel, unfolded: ReadonlySet<string>, keep: ReadonlySet<string>): NodeGroup[] {
  const edges = edgesByNode(model);
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const fans = new Map<string, Omit<NodeGroup, 'type' | 'links'>>();
  for (const edge of model.edges) {
    for (const [leaf, anchor, inward] of [
      [edge.source, edge.target, true],
      [edge.target, edge.source, false],
    ] as const) {
      const node = byId.get(leaf);
      if (!node || edges.get(leaf)?.length !== 1 || keep.has(leaf) || leaf === anchor) continue;
      const id = `groupe:${anchor}:${edge.type}:${inward ? 'in' : 'out'}:${node.type}`;
      const fan = fans.get(id) ?? { id, kind: 'fan', anchor, relation: edge.type, inward, members: [] };
      fan.members.push(node);
      fans.set(id, fan);
    }
  }
  return [...fans.values()]
    .filter((fan) => fan.members.length >= FOLD_MIN && !unfolded.has(fan.id))
    .map((fan) => {
      const [source, target] = fan.inward ? [fan.id, fan.anchor] : [fan.anchor, fan.id];
      return {
        ...fan,
        type: fan.members[0].type,
        members: fan.members.sort((a, b) => a.label.localeCompare(b.label, 'fr')),
        links: [{ id: `${fan.id}:lien`, source, target, type: fan.relation }],
      };
    });
}

/** The graph with its large fans of same-type leaves folded, except the groups in `unfolded` and the nodes in `keep`. */
export function foldLeaves(model: GraphModel, unfolded: ReadonlySet<string>, keep: ReadonlySet<string>): FoldedGraph {
  return withoutMembers(model, leafFans(model, unfolded, keep));
}

/** The IS_A chains of `model` worth folding, except the groups in `unfolded` and the nodes in `keep`. */
function isAChains(model: GraphModel, unfolded: ReadonlySet<string>, keep: ReadonlySet<string>): NodeGroup[] {
  const edges = edgesByNode(model);
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const above = (id: string) => edges.get(id)?.find((e) => e.source === id);
  const below = (id: string) => edges.get(id)?.find((e) => e.target === id);
  // A link of a chain: every relation in the view is IS_A, at most one up and one down, none to itself.
  const foldable = (id: string | undefined): id is string => {
    const own = id === undefined || keep.has(id) || !byId.has(id) ? undefined : edges.get(id);
    if (!own?.length || own.some((e) => e.type !== 'IS_A' || e.source === e.target)) return false;
    return own.filter((e) => e.source === id).length <= 1 && own.filter((e) => e.target === id).length <= 1;
  };
  const seen = new Set<string>();
  const groups: NodeGroup[] = [];
  for (const node of model.nodes) {
    if (seen.has(node.id) || !foldable(node.id)) continue;
    let first = node.id;
    for (let up = below(first)?.source; foldable(up) && up !== node.id; up = below(first)?.source) first = up;
    const members: string[] = [];
    for (let id: string | undefined = first; foldable(id) && !members.includes(id); id = above(id)?.target) members.push(id);
    members.forEach((id) => seen.add(id));
    const last = members[members.length - 1];
    const [into, out] = [below(first), above(last)];
    // A cycle of IS_A has no end to hang from; a chain alone in the view has nothing to save room for.
    if (members.includes(out?.target ?? '') || (!into && !out) || members.length < CHAIN_MIN) continue;
    const id = `groupe:chaine:${first}:${last}`;
    if (unfolded.has(id)) continue;
    const links: GraphEdge[] = [];
    if (out) links.push({ id: `${id}:lien`, source: id, target: out.target, type: 'IS_A' });
    if (into) links.push({ id: `${id}:lien:amont`, source: into.source, target: id, type: 'IS_A' });
    const nodes = members.map((m) => byId.get(m)!);
    groups.push({ id, kind: 'chain', type: nodes[0].type, anchor: out?.target ?? into!.source, relation: 'IS_A', inward: !!out, members: nodes, links });
  }
  return groups;
}

/**
 * The graph as drawn: IS_A chains and large fans of leaves folded, except the
 * groups in `unfolded`. Fans keep `keep`; chains keep `keepInChains` too (a
 * node on a route still in doubt stays in its line).
 */
export function foldGraph(model: GraphModel, unfolded: ReadonlySet<string>, keep: ReadonlySet<string>, keepInChains = keep): FoldedGraph {
  // Fans and chains never share a node: a fan's leaf has one relation, and a
  // chain's node of one relation hangs from a node of at most two (below FOLD_MIN).
  return withoutMembers(model, [...isAChains(model, unfolded, new Set([...keep, ...keepInChains])), ...leafFans(model, unfolded, keep)]);
}

/** What a group node says: « 9 infractions (déplier) », « chaîne : A → B → C (déplier) ». */
export function groupLabel(group: NodeGroup): { label: string; display: string } {
  if (group.kind === 'fan') {
    const label = `${group.members.length} ${NODE_TYPE_PLURALS[group.type]} (déplier)`;
    return { label, display: label };
  }
  const [first, ...rest] = group.members.map((m) => m.label);
  return {
    label: `chaîne : ${[first, ...rest].join(' → ')} (déplier)`,
    // One member a line: a chain read top to bottom, from the most specific.
    display: ['chaîne :', first, ...rest.map((l) => `→ ${l}`), '(déplier)'].join('\n'),
  };
}

/** The group's node, beside `near`, and its links, as Cytoscape elements. */
export function groupElements(group: NodeGroup, near: { x: number; y: number }): ElementDefinition[] {
  return [
    { group: 'nodes', data: { id: group.id, type: group.type, ...groupLabel(group), folded: true }, position: { ...near }, classes: 'folded' },
    ...group.links.map((link): ElementDefinition => ({ group: 'edges', data: { ...link }, selectable: false })),
  ];
}
