// The zero-setup engine: the whole graph in memory (graphology), with the
// indexes the queries need built once at load. A new graph replaces the old
// one whole, under a new version.
import { randomUUID } from 'node:crypto';
import { MultiDirectedGraph } from 'graphology';
import type { Fact, GraphData, GraphEdge, GraphNode, NodeType, RelationType } from '../../schema/graph.ts';
import { collectNeighbourhood } from '../shared/neighbourhood.ts';
import { DEFAULT_MAX_PATH_LENGTH, DEFAULT_PATH_LIMIT } from '../shared/paths.ts';
import type { GraphView } from '../../schema/graphView.ts';
import type { GraphCounts, GraphPath, GraphStore, NeighbourhoodOptions, PathOptions, SearchHit, SearchOptions, Subgraph } from '../GraphStore.ts';
import { Incidence } from './Incidence.ts';
import { SearchIndex } from './SearchIndex.ts';
import { shortestPathIds } from './shortestPaths.ts';

type Graph = MultiDirectedGraph<GraphNode, GraphEdge>;

/** One loaded graph with the indexes the queries need, built once and never changed. */
class MemoryGraph implements GraphView {
  readonly graph: Graph;
  readonly index: SearchIndex;
  /** each node's edges in plain arrays, for the traversals */
  readonly incidence: Incidence;
  readonly facts: Fact[];
  readonly version = randomUUID();
  private readonly outByType = new Map<string, GraphEdge[]>();
  private readonly inByType = new Map<string, GraphEdge[]>();

  constructor(data: GraphData) {
    this.graph = new MultiDirectedGraph<GraphNode, GraphEdge>();
    for (const node of data.nodes) this.graph.addNode(node.id, node);
    for (const edge of data.edges) {
      this.graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, edge);
      push(this.outByType, `${edge.source}|${edge.type}`, edge);
      push(this.inByType, `${edge.target}|${edge.type}`, edge);
    }
    this.incidence = new Incidence(data.edges);
    this.index = new SearchIndex(data.nodes);
    this.facts = data.facts;
  }

  node(id: string): GraphNode | undefined {
    return this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : undefined;
  }
  out(id: string, type: RelationType): readonly GraphEdge[] {
    return this.outByType.get(`${id}|${type}`) ?? NONE;
  }
  in(id: string, type: RelationType): readonly GraphEdge[] {
    return this.inByType.get(`${id}|${type}`) ?? NONE;
  }
}

const NONE: readonly GraphEdge[] = Object.freeze([]);

export class MemoryGraphStore implements GraphStore {
  readonly engine = 'memory' as const;
  /** replaced whole by `replaceGraph`: a request under way keeps the graph it started with */
  private current: MemoryGraph;

  constructor(data: GraphData) {
    this.current = new MemoryGraph(data);
  }

  /** Swaps in another graph at once, under a new version (the in-memory counterpart of `npm run db:load`). */
  replaceGraph(data: GraphData): void {
    this.current = new MemoryGraph(data);
  }

  async getNode(id: string): Promise<GraphNode | undefined> {
    return this.current.node(id);
  }

  async listNodes(type?: NodeType): Promise<GraphNode[]> {
    const nodes: GraphNode[] = [];
    this.current.graph.forEachNode((_, attributes) => {
      if (!type || attributes.type === type) nodes.push(attributes);
    });
    return nodes.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async neighbourhood(id: string, options: NeighbourhoodOptions): Promise<Subgraph | undefined> {
    const memory = this.current;
    const { graph, incidence } = memory;
    if (!graph.hasNode(id)) return undefined;
    const relationTypes = options.relationTypes?.length ? new Set(options.relationTypes) : undefined;
    const adjacent = async (frontier: string[], _relations: unknown, nodeTypes?: NodeType[]) => adjacentNodes(memory, frontier, relationTypes, nodeTypes);
    const { ids, truncated } = await collectNeighbourhood({ adjacent }, id, options);
    const included = new Set(ids);
    const edges: GraphEdge[] = [];
    for (const nodeId of ids) {
      for (const edge of incidence.out(nodeId)) {
        if (included.has(edge.target) && (!relationTypes || relationTypes.has(edge.type))) edges.push(edge);
      }
    }
    return {
      nodes: ids.map((n) => graph.getNodeAttributes(n)),
      edges: edges.sort((a, b) => (a.id < b.id ? -1 : 1)),
      truncated,
    };
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    return this.current.index.search(query, options);
  }

  async shortestPaths(from: string, to: string, options: PathOptions = {}): Promise<GraphPath[] | undefined> {
    const { graph, incidence } = this.current;
    if (!graph.hasNode(from) || !graph.hasNode(to)) return undefined;
    const paths = shortestPathIds(incidence, from, to, options.maxLength ?? DEFAULT_MAX_PATH_LENGTH, options.limit ?? DEFAULT_PATH_LIMIT);
    return paths.map((p) => ({
      nodes: p.nodes.map((n) => graph.getNodeAttributes(n)),
      edges: p.edges.map((e) => graph.getEdgeAttributes(e)),
    }));
  }

  /** The whole graph: walking it in memory costs less than selecting a part. */
  async routeSubgraph(): Promise<GraphView> {
    return this.current;
  }

  async relationSubgraph(relationTypes: RelationType[]): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
    const { graph } = this.current;
    const types = new Set(relationTypes);
    const edges: GraphEdge[] = [];
    const ends = new Set<string>();
    graph.forEachEdge((_, edge) => {
      if (!types.has(edge.type)) return;
      edges.push(edge);
      ends.add(edge.source).add(edge.target);
    });
    return {
      nodes: [...ends].sort().map((id) => graph.getNodeAttributes(id)),
      edges: edges.sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
  }

  async facts(): Promise<Fact[]> {
    return this.current.facts;
  }

  async counts(): Promise<GraphCounts> {
    const { graph } = this.current;
    const byType: Record<string, number> = {};
    const byRelation: Record<string, number> = {};
    graph.forEachNode((_, n) => (byType[n.type] = (byType[n.type] ?? 0) + 1));
    graph.forEachEdge((_, e) => (byRelation[e.type] = (byRelation[e.type] ?? 0) + 1));
    return { nodes: graph.order, edges: graph.size, byType: sortKeys(byType), byRelation: sortKeys(byRelation) };
  }

  async version(): Promise<string> {
    return this.current.version;
  }

  async close(): Promise<void> {}
}

/** distinct nodes joined to the frontier by an allowed edge, either direction, of an allowed type */
function adjacentNodes(memory: MemoryGraph, frontier: string[], relationTypes?: Set<RelationType>, nodeTypes?: NodeType[]): string[] {
  const types = nodeTypes?.length ? new Set(nodeTypes) : undefined;
  const found = new Set<string>();
  for (const node of frontier) {
    memory.incidence.forEach(node, (edge, other) => {
      if (relationTypes && !relationTypes.has(edge.type)) return;
      if (!types || types.has(memory.graph.getNodeAttributes(other).type)) found.add(other);
    });
  }
  return [...found];
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
