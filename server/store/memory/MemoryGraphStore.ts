// The zero-setup engine: the whole graph in memory (graphology), with the
// indexes the queries need built once at load.
import { randomUUID } from 'node:crypto';
import { MultiDirectedGraph } from 'graphology';
import type { Fact, GraphData, GraphEdge, GraphNode, NodeType, RelationType } from '../../schema/graph.ts';
import { collectNeighbourhood } from '../../domain/neighbourhood.ts';
import { DEFAULT_MAX_PATH_LENGTH, DEFAULT_PATH_LIMIT } from '../../domain/paths.ts';
import { buildRouteCandidates, type GraphView, type RouteCandidates } from '../../domain/routes.ts';
import type {
  GraphCounts,
  GraphPath,
  GraphStore,
  NeighbourhoodOptions,
  PathOptions,
  SearchHit,
  SearchOptions,
  Subgraph,
} from '../GraphStore.ts';
import { Incidence } from './Incidence.ts';
import { SearchIndex } from './SearchIndex.ts';
import { shortestPathIds } from './shortestPaths.ts';

type Graph = MultiDirectedGraph<GraphNode, GraphEdge>;

export class MemoryGraphStore implements GraphStore, GraphView {
  readonly engine = 'memory' as const;
  private readonly graph: Graph;
  private readonly index: SearchIndex;
  /** each node's edges in plain arrays, for the traversals */
  private readonly incidence: Incidence;
  private readonly factList: Fact[];
  private readonly outByType = new Map<string, GraphEdge[]>();
  private readonly inByType = new Map<string, GraphEdge[]>();
  /** a store never changes its graph: one version for its life */
  private readonly graphVersion = randomUUID();

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
    this.factList = data.facts;
  }

  // GraphView, for the pure route finder
  node(id: string): GraphNode | undefined {
    return this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : undefined;
  }
  out(id: string, type: RelationType): GraphEdge[] {
    return [...(this.outByType.get(`${id}|${type}`) ?? [])];
  }
  in(id: string, type: RelationType): GraphEdge[] {
    return [...(this.inByType.get(`${id}|${type}`) ?? [])];
  }

  async getNode(id: string): Promise<GraphNode | undefined> {
    return this.node(id);
  }

  async listNodes(type?: NodeType): Promise<GraphNode[]> {
    const nodes: GraphNode[] = [];
    this.graph.forEachNode((_, attributes) => {
      if (!type || attributes.type === type) nodes.push(attributes);
    });
    return nodes.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async neighbourhood(id: string, options: NeighbourhoodOptions): Promise<Subgraph | undefined> {
    if (!this.graph.hasNode(id)) return undefined;
    const relationTypes = options.relationTypes?.length ? new Set(options.relationTypes) : undefined;
    const { ids, truncated } = await collectNeighbourhood({ adjacent: async (frontier, _relations, nodeTypes) => this.adjacent(frontier, relationTypes, nodeTypes) }, id, options);
    const included = new Set(ids);
    const edges: GraphEdge[] = [];
    for (const nodeId of ids) {
      for (const edge of this.incidence.out(nodeId)) {
        if (included.has(edge.target) && (!relationTypes || relationTypes.has(edge.type))) edges.push(edge);
      }
    }
    return {
      nodes: ids.map((n) => this.graph.getNodeAttributes(n)),
      edges: edges.sort((a, b) => (a.id < b.id ? -1 : 1)),
      truncated,
    };
  }

  /** distinct nodes joined to the frontier by an allowed edge, either direction, of an allowed type */
  private adjacent(frontier: string[], relationTypes?: Set<RelationType>, nodeTypes?: NodeType[]): string[] {
    const types = nodeTypes?.length ? new Set(nodeTypes) : undefined;
    const found = new Set<string>();
    for (const node of frontier) {
      this.incidence.forEach(node, (edge, other) => {
        if (relationTypes && !relationTypes.has(edge.type)) return;
        if (!types || types.has(this.graph.getNodeAttributes(other).type)) found.add(other);
      });
    }
    return [...found];
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    return this.index.search(query, options);
  }

  async shortestPaths(from: string, to: string, options: PathOptions = {}): Promise<GraphPath[] | undefined> {
    if (!this.graph.hasNode(from) || !this.graph.hasNode(to)) return undefined;
    const paths = shortestPathIds(this.incidence, from, to, options.maxLength ?? DEFAULT_MAX_PATH_LENGTH, options.limit ?? DEFAULT_PATH_LIMIT);
    return paths.map((p) => ({
      nodes: p.nodes.map((n) => this.graph.getNodeAttributes(n)),
      edges: p.edges.map((e) => this.graph.getEdgeAttributes(e)),
    }));
  }

  async routeCandidates(profession: string, recipient?: string): Promise<RouteCandidates> {
    return buildRouteCandidates(this, profession, recipient);
  }

  async facts(): Promise<Fact[]> {
    return this.factList;
  }

  async counts(): Promise<GraphCounts> {
    const byType: Record<string, number> = {};
    const byRelation: Record<string, number> = {};
    this.graph.forEachNode((_, n) => (byType[n.type] = (byType[n.type] ?? 0) + 1));
    this.graph.forEachEdge((_, e) => (byRelation[e.type] = (byRelation[e.type] ?? 0) + 1));
    return { nodes: this.graph.order, edges: this.graph.size, byType: sortKeys(byType), byRelation: sortKeys(byRelation) };
  }

  async version(): Promise<string> {
    return this.graphVersion;
  }

  async close(): Promise<void> {}
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
