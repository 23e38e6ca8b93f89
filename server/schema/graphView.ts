// The read-only view of (part of) the graph that an engine hands over and the
// domain walks: a node by id and its edges of one type, either direction.
// The in-memory engine hands its whole graph; Neo4j the subgraph its Cypher
// selected; unit tests a tiny graph written by hand.
import type { GraphEdge, GraphNode, RelationType } from './graph.ts';

export interface GraphView {
  node(id: string): GraphNode | undefined;
  /** edges of `type` leaving `id`, in no particular order (callers sort) */
  out(id: string, type: RelationType): readonly GraphEdge[];
  /** edges of `type` arriving at `id` */
  in(id: string, type: RelationType): readonly GraphEdge[];
}

/** A GraphView over nodes and edges given as plain data. Edges whose ends are missing are kept: a view may be partial. */
export class IndexedGraph implements GraphView {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edgeIds = new Set<string>();
  private readonly outIndex = new Map<string, GraphEdge[]>();
  private readonly inIndex = new Map<string, GraphEdge[]>();

  constructor(nodes: Iterable<GraphNode> = [], edges: Iterable<GraphEdge> = []) {
    for (const node of nodes) this.addNode(node);
    for (const edge of edges) this.addEdge(edge);
  }

  addNode(node: GraphNode): void {
    this.nodes.set(node.id, node);
  }

  /** Adds an edge once; a repeated id is ignored. */
  addEdge(edge: GraphEdge): void {
    if (this.edgeIds.has(edge.id)) return;
    this.edgeIds.add(edge.id);
    push(this.outIndex, `${edge.source}|${edge.type}`, edge);
    push(this.inIndex, `${edge.target}|${edge.type}`, edge);
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }
  out(id: string, type: RelationType): readonly GraphEdge[] {
    return this.outIndex.get(`${id}|${type}`) ?? NONE;
  }
  in(id: string, type: RelationType): readonly GraphEdge[] {
    return this.inIndex.get(`${id}|${type}`) ?? NONE;
  }
}

const NONE: readonly GraphEdge[] = Object.freeze([]);

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
