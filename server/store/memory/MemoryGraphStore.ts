// The zero-setup engine: the whole graph in memory (graphology), with the
// indexes the queries need built once at load.
import { randomUUID } from 'node:crypto';
import { MultiDirectedGraph } from 'graphology';
import type { Fact, GraphData, GraphEdge, GraphNode, NodeType, RelationType } from '../../schema/graph.ts';
import { collectNeighbourhood } from '../../domain/neighbourhood.ts';
import { comparePaths, DEFAULT_MAX_PATH_LENGTH, DEFAULT_PATH_LIMIT, type PathIds } from '../../domain/paths.ts';
import { buildRouteCandidates, type GraphView, type RouteCandidates } from '../../domain/routes.ts';
import { matchesAll, queryTokens, rankHits, searchTextOf } from '../../domain/search.ts';
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

type Graph = MultiDirectedGraph<GraphNode, GraphEdge>;

/** Word → nodes, with the words sorted so that a prefix is a binary search away. */
class PrefixIndex {
  private words: string[] = [];
  private postings = new Map<string, string[]>();
  readonly searchText = new Map<string, string>();

  constructor(nodes: GraphNode[]) {
    for (const node of nodes) {
      const text = searchTextOf(node);
      this.searchText.set(node.id, text);
      for (const word of new Set(text.split(' '))) {
        if (!this.postings.has(word)) this.postings.set(word, []);
        this.postings.get(word)!.push(node.id);
      }
    }
    this.words = [...this.postings.keys()].sort();
  }

  /** nodes having a word that starts with `prefix` */
  withPrefix(prefix: string): Set<string> {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const ids = new Set<string>();
    for (let i = lo; i < this.words.length && this.words[i].startsWith(prefix); i++) {
      for (const id of this.postings.get(this.words[i])!) ids.add(id);
    }
    return ids;
  }
}

export class MemoryGraphStore implements GraphStore, GraphView {
  readonly engine = 'memory' as const;
  private readonly graph: Graph;
  private readonly index: PrefixIndex;
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
    this.index = new PrefixIndex(data.nodes);
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
    const { ids, truncated } = await collectNeighbourhood(
      {
        adjacent: async (frontier, _relations, nodeTypes) => {
          const types = nodeTypes?.length ? new Set(nodeTypes) : undefined;
          const found: string[] = [];
          for (const f of frontier) {
            this.graph.forEachEdge(f, (_key, edge) => {
              if (relationTypes && !relationTypes.has(edge.type)) return;
              const other = edge.source === f ? edge.target : edge.source;
              if (!types || types.has(this.graph.getNodeAttributes(other).type)) found.push(other);
            });
          }
          return found;
        },
      },
      id,
      options,
    );
    const included = new Set(ids);
    const edges: GraphEdge[] = [];
    for (const nodeId of ids) {
      this.graph.forEachOutEdge(nodeId, (_key, edge) => {
        if (included.has(edge.target) && (!relationTypes || relationTypes.has(edge.type))) edges.push(edge);
      });
    }
    return {
      nodes: ids.map((n) => this.graph.getNodeAttributes(n)),
      edges: edges.sort((a, b) => (a.id < b.id ? -1 : 1)),
      truncated,
    };
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const tokens = queryTokens(query);
    if (!tokens.length) return [];
    const types = options.types?.length ? new Set(options.types) : undefined;
    const candidates = this.index.withPrefix(tokens[0]);
    const hits: { node: GraphNode }[] = [];
    for (const id of candidates) {
      const node = this.graph.getNodeAttributes(id);
      if (types && !types.has(node.type)) continue;
      if (matchesAll(tokens, this.index.searchText.get(id)!)) hits.push({ node });
    }
    return rankHits(tokens, hits, options.limit ?? 20);
  }

  async shortestPaths(from: string, to: string, options: PathOptions = {}): Promise<GraphPath[] | undefined> {
    if (!this.graph.hasNode(from) || !this.graph.hasNode(to)) return undefined;
    const maxLength = options.maxLength ?? DEFAULT_MAX_PATH_LENGTH;
    const limit = options.limit ?? DEFAULT_PATH_LIMIT;
    if (from === to) return [{ nodes: [this.graph.getNodeAttributes(from)], edges: [] }];
    const fromStart = this.distances(from, maxLength);
    const total = fromStart.get(to);
    if (total === undefined) return [];
    const toEnd = this.distances(to, total);
    // Walk forward along edges that stay on some shortest path, in canonical
    // order, so the first `limit` paths found are the first in that order.
    const found: PathIds[] = [];
    const walk = (node: string, path: PathIds) => {
      if (found.length >= limit) return;
      if (node === to) {
        found.push({ nodes: [...path.nodes], edges: [...path.edges] });
        return;
      }
      const steps: { next: string; edge: string }[] = [];
      this.graph.forEachEdge(node, (key, edge) => {
        const next = edge.source === node ? edge.target : edge.source;
        if (fromStart.get(node)! + 1 === fromStart.get(next) && fromStart.get(next)! + (toEnd.get(next) ?? Infinity) === total) {
          steps.push({ next, edge: key });
        }
      });
      steps.sort((a, b) => comparePaths({ nodes: [node, a.next], edges: [a.edge] }, { nodes: [node, b.next], edges: [b.edge] }));
      for (const step of steps) {
        path.nodes.push(step.next);
        path.edges.push(step.edge);
        walk(step.next, path);
        path.nodes.pop();
        path.edges.pop();
      }
    };
    walk(from, { nodes: [from], edges: [] });
    return found.map((p) => ({
      nodes: p.nodes.map((n) => this.graph.getNodeAttributes(n)),
      edges: p.edges.map((e) => this.graph.getEdgeAttributes(e)),
    }));
  }

  /** hop counts from `start`, ignoring direction, up to `max` */
  private distances(start: string, max: number): Map<string, number> {
    const dist = new Map([[start, 0]]);
    let frontier = [start];
    for (let d = 1; d <= max && frontier.length; d++) {
      const next: string[] = [];
      for (const node of frontier) {
        this.graph.forEachNeighbor(node, (neighbour) => {
          if (!dist.has(neighbour)) {
            dist.set(neighbour, d);
            next.push(neighbour);
          }
        });
      }
      frontier = next;
    }
    return dist;
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
