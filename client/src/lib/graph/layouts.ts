// The two layouts. "force" is fcose; "layered" is dagre, left to right in the
// order law → article → exception → condition → recipient. Dagre ranks nodes by
// edge direction, and our relations point both ways (PART_OF goes article → law,
// DEROGATES_FROM exception → article), so the layered layout is run on guide
// elements instead: one invisible anchor per layer, chained two ranks apart,
// holds every node on its type's layer, and the real relations, re-oriented
// from lower to higher layer, let dagre order each layer to avoid crossings.
import type { ElementDefinition, LayoutOptions } from 'cytoscape';
import type { GraphEdge, GraphNode, NodeType } from '../types.ts';

export const LAYER_OF: Record<NodeType, number> = {
  Situation: 0,
  SituationKind: 0,
  Instrument: 0,
  Provision: 1,
  CaseLaw: 1,
  Offence: 1,
  Exception: 2,
  Limit: 2,
  Condition: 3,
  ConditionGroup: 3,
  Duty: 3,
  Profession: 4,
  Recipient: 4,
};

export const GUIDE_CLASS = 'rank-guide';

const FCOSE_FORCES = {
  name: 'fcose',
  nodeRepulsion: () => 12000,
  idealEdgeLength: () => 90,
  edgeElasticity: () => 0.3,
  nodeSeparation: 100,
};

/** fcose's springs from the current positions, labels counted, animated: makes room for new nodes. */
export const FORCE_LAYOUT = {
  ...FCOSE_FORCES,
  quality: 'default',
  randomize: false,
  animate: true,
  animationDuration: 350,
  // GraphView fits when the layout stops, never below the zoom where labels read at 12 px.
  fit: false,
  padding: 40,
  nodeDimensionsIncludeLabels: true,
  numIter: 2500,
} as LayoutOptions;

/** A new view: fcose in full from random positions, not animated, on the boxes of the nodes (forceDraw.ts). */
export const FRESH_LAYOUT = { ...FORCE_LAYOUT, name: 'fcose-boxes', randomize: true, animate: false } as LayoutOptions;

/** fcose's spectral phase alone, without springs: the positions of a large view. */
export const DRAFT_LAYOUT = { ...FCOSE_FORCES, quality: 'draft', randomize: true, animate: false, fit: false } as LayoutOptions;

export const LAYERED_LAYOUT = {
  name: 'dagre',
  rankDir: 'LR',
  nodeSep: 10,
  rankSep: 18,
  fit: false,
  animate: false,
  minLen: (edge: { data(key: string): unknown }) => Number(edge.data('minLen') ?? 1),
} as LayoutOptions;

/** The layered layout for a room (labels drawn at 20 px): layers and nodes packed closer. */
export const COMPACT_LAYERS = { rankSep: 4, nodeSep: 6 };

/**
 * Each node's layer: its type's, moved one layer on for each IS_A step below a node of the view
 * (dépositaire → médecin → psychiatre read left to right), so that a hierarchy the formation walks
 * in one step is drawn side by side, not at both ends of a tall layer.
 */
function layerValues(nodes: Pick<GraphNode, 'id' | 'type'>[], edges: Pick<GraphEdge, 'source' | 'target' | 'type'>[]): Map<string, number> {
  const parent = new Map(edges.filter((e) => e.type === 'IS_A').map((e) => [e.source, e.target]));
  const type = new Map(nodes.map((n) => [n.id, n.type]));
  const depth = (id: string, seen = new Set<string>()): number => {
    const up = parent.get(id);
    if (!up || type.get(up) !== type.get(id) || seen.has(up)) return 0;
    return 1 + depth(up, seen.add(id));
  };
  return new Map(nodes.map((n) => [n.id, LAYER_OF[n.type] + depth(n.id)]));
}

/** The guide elements that make dagre place each node on its layer. */
export function layeredGuides(
  nodes: Pick<GraphNode, 'id' | 'type'>[],
  edges: (Pick<GraphEdge, 'source' | 'target'> & { type?: GraphEdge['type'] })[],
): ElementDefinition[] {
  const values = layerValues(nodes, edges as Pick<GraphEdge, 'source' | 'target' | 'type'>[]);
  const layers = [...new Set(values.values())].sort((a, b) => a - b);
  const layerIndex = new Map(layers.map((layer, i) => [layer, i]));
  const layerOf = new Map(nodes.map((n) => [n.id, layerIndex.get(values.get(n.id)!)!]));
  const anchor = (i: number) => `${GUIDE_CLASS}:anchor:${i}`;
  const guide = (id: string, source: string, target: string, minLen: number): ElementDefinition => ({
    group: 'edges',
    data: { id: `${GUIDE_CLASS}:${id}`, source, target, minLen },
    classes: GUIDE_CLASS,
  });
  const elements: ElementDefinition[] = [];
  for (let i = 0; i <= layers.length; i++) {
    elements.push({ group: 'nodes', data: { id: anchor(i) }, classes: GUIDE_CLASS });
    if (i > 0) elements.push(guide(`chain:${i}`, anchor(i - 1), anchor(i), 2));
  }
  for (const node of nodes) {
    const i = layerOf.get(node.id)!;
    elements.push(guide(`in:${node.id}`, anchor(i), node.id, 1), guide(`out:${node.id}`, node.id, anchor(i + 1), 1));
  }
  edges.forEach((edge, n) => {
    const [from, to] = [layerOf.get(edge.source), layerOf.get(edge.target)];
    if (from === undefined || to === undefined || from === to) return;
    const [source, target] = from < to ? [edge.source, edge.target] : [edge.target, edge.source];
    elements.push(guide(`edge:${n}`, source, target, 2 * Math.abs(to - from)));
  });
  return elements;
}
