// Fewer nodes rather than smaller ones: the leaves hanging off one node by the
// same relation (the offences art. 458bis lists, the professions that are each
// "un(e) dépositaire") are drawn as one group node, which a tap unfolds. Only
// leaves are folded — a node with other relations stays, so no path is hidden —
// and never a node the view emphasises or has selected.
import type { ElementDefinition } from 'cytoscape';
import type { GraphEdge, GraphNode, NodeType, RelationType } from '../types.ts';
import type { GraphModel } from './model.ts';

/** Fewer leaves than this stay drawn one by one. */
export const FOLD_MIN = 5;

export interface NodeGroup {
  /** `groupe:<anchor>:<relation>:<in|out>` */
  id: string;
  type: NodeType;
  anchor: string;
  relation: RelationType;
  /** the members point at the anchor (their relation's source) */
  inward: boolean;
  members: GraphNode[];
}

export interface FoldedGraph extends GraphModel {
  groups: NodeGroup[];
}

export const isGroupId = (id: string) => id.startsWith('groupe:');

/** The graph with its large fans of same-type leaves folded, except the groups in `unfolded` and the nodes in `keep`. */
export function foldLeaves(model: GraphModel, unfolded: ReadonlySet<string>, keep: ReadonlySet<string>): FoldedGraph {
  const degree = new Map<string, number>();
  for (const edge of model.edges) {
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const fans = new Map<string, { anchor: string; relation: RelationType; inward: boolean; members: GraphNode[] }>();
  for (const edge of model.edges) {
    for (const [leaf, anchor, inward] of [
      [edge.source, edge.target, true],
      [edge.target, edge.source, false],
    ] as const) {
      const node = byId.get(leaf);
      if (!node || degree.get(leaf) !== 1 || keep.has(leaf) || leaf === anchor) continue;
      const id = `groupe:${anchor}:${edge.type}:${inward ? 'in' : 'out'}:${node.type}`;
      const fan = fans.get(id) ?? { anchor, relation: edge.type, inward, members: [] };
      fan.members.push(node);
      fans.set(id, fan);
    }
  }
  const groups: NodeGroup[] = [];
  const folded = new Set<string>();
  for (const [id, fan] of fans) {
    if (fan.members.length < FOLD_MIN || unfolded.has(id)) continue;
    groups.push({ id, type: fan.members[0].type, ...fan, members: fan.members.sort((a, b) => a.label.localeCompare(b.label, 'fr')) });
    fan.members.forEach((m) => folded.add(m.id));
  }
  return {
    nodes: model.nodes.filter((n) => !folded.has(n.id)),
    edges: model.edges.filter((e: GraphEdge) => !folded.has(e.source) && !folded.has(e.target)),
    groups,
  };
}

/** The group's node and its one edge to the anchor, as Cytoscape elements. */
export function groupElements(group: NodeGroup, near: { x: number; y: number }, label: string): ElementDefinition[] {
  const [source, target] = group.inward ? [group.id, group.anchor] : [group.anchor, group.id];
  return [
    { group: 'nodes', data: { id: group.id, type: group.type, label, display: label, folded: true }, position: { ...near }, classes: 'folded' },
    { group: 'edges', data: { id: `${group.id}:lien`, source, target, type: group.relation }, selectable: false },
  ];
}
