// What the graph view draws: plain nodes and edges, and how an element is
// emphasised. Route answers name nodes by id (the catalogue supplies them)
// and give each edge with its ends.
import type { ElementDefinition } from 'cytoscape';
import { RELATION_LABELS } from '../labels.ts';
import type { Elements, GraphEdge, GraphNode } from '../types.ts';

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** open: on an open route; undetermined: on a route still in doubt; closed: dimmed;
 *  current / visited / ahead: the step-by-step walk of the formation mode (traced: visited on a route that is not open);
 *  dependant: what rests on the explorer's selected node; lost / gained / changed: what a reform (« Et si… ? ») does to a route. */
export type Emphasis = 'open' | 'undetermined' | 'closed' | 'current' | 'visited' | 'traced' | 'ahead' | 'dependant' | 'lost' | 'gained' | 'changed';

/** The emphases that stand out (a route, a walk, what rests on a node, a reform's marks): kept unfolded, listed in the text version. */
export const STANDING_OUT: ReadonlySet<Emphasis> = new Set(['open', 'current', 'visited', 'traced', 'dependant', 'lost', 'gained', 'changed']);

export const EMPTY_GRAPH: GraphModel = { nodes: [], edges: [] };

/** The graph made of several element lists (routes), each element once. */
export function graphOfElements(lists: Elements[], lookup: (id: string) => GraphNode | undefined): GraphModel {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const list of lists) {
    for (const id of list.nodes) {
      const node = lookup(id);
      if (node) nodes.set(id, node);
    }
    for (const edge of list.edges) edges.set(edge.id, edge);
  }
  const drawn = [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target));
  return { nodes: [...nodes.values()], edges: drawn };
}

/** A room's layered labels wrap at this many characters: a layer narrow enough that a relation across two fits a projector's canvas. */
export const NARROW_LABEL_CHARS = 14;

/** Graph labels wrap on words at about `width` characters, cut after `most` lines (the SVG export draws the same lines). */
export function wrapLabel(label: string, width = 22, most = 3): string {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, most).join('\n') + (lines.length > most ? '…' : '');
}

export function isReplaced(node: object): boolean {
  const status = (node as { status?: string }).status;
  return status === 'replaced' || status === 'repealed';
}

/** The Cytoscape element of a node, placed at `near` (its neighbour) so an incremental layout starts close. */
export function nodeElement(node: GraphNode, near: { x: number; y: number }): ElementDefinition {
  return {
    group: 'nodes',
    data: {
      id: node.id,
      type: node.type,
      label: node.label,
      display: wrapLabel(node.label) + (isReplaced(node) ? '\n(remplacé)' : ''),
      // The same label in a narrower column, for layers drawn for a room (stylesheet.ts, label-narrow).
      narrow: wrapLabel(node.label, NARROW_LABEL_CHARS, 4) + (isReplaced(node) ? '\n(remplacé)' : ''),
      replaced: isReplaced(node),
    },
    position: { x: near.x + Math.random() * 40 - 20, y: near.y + Math.random() * 40 - 20 },
  };
}

export function edgeElement(edge: GraphEdge): ElementDefinition {
  return { group: 'edges', data: { ...edge, label: RELATION_LABELS[edge.type] }, selectable: false };
}
