// The Neo4j engine: every request path runs in a read transaction with a
// timeout; answers are rebuilt from the stored JSON so they equal the
// in-memory engine's to the last property.
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { DEFAULT_MAX_NODES } from '../shared/neighbourhood.ts';
import { comparePaths, DEFAULT_MAX_PATH_LENGTH, DEFAULT_PATH_LIMIT } from '../shared/paths.ts';
import { matchesAll, queryTokens, rankHits } from '../shared/search.ts';
import type { Fact, GraphEdge, GraphNode, NodeType } from '../../schema/graph.ts';
import { IndexedGraph, type GraphView } from '../../schema/graphView.ts';
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
import * as Q from './cypher.ts';
import { column, createDriver, withDriverErrors, type Neo4jConnection } from './driver.ts';
import { onGraphReplaced } from './graphEvents.ts';

/** Most full-text hits ranked per query; more would only be cut by `limit`. */
const SEARCH_CANDIDATES = 5_000;
/** Most shortest paths read before canonical ordering. */
const PATH_CAP = 1_000;

function escapeLucene(token: string): string {
  return token.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&');
}

export class Neo4jGraphStore implements GraphStore {
  readonly engine = 'neo4j' as const;
  private readonly timeoutMs: number;
  private readonly versionTtlMs: number;
  /** the version last read, and until when it is trusted */
  private knownVersion?: { version: Promise<string>; until: number };
  private readonly stopListening: () => void;

  private constructor(
    private readonly driver: Driver,
    connection: Neo4jConnection,
  ) {
    this.timeoutMs = connection.queryTimeoutMs ?? 10_000;
    this.versionTtlMs = connection.versionTtlMs ?? 1_000;
    this.stopListening = onGraphReplaced(driver, () => (this.knownVersion = undefined));
  }

  /** Connects and verifies the server answers; the caller owns the store and closes it. */
  static async connect(connection: Neo4jConnection): Promise<Neo4jGraphStore> {
    const driver = createDriver(connection);
    try {
      await withDriverErrors(() => driver.verifyConnectivity());
    } catch (err) {
      await driver.close();
      throw err;
    }
    const store = new Neo4jGraphStore(driver, connection);
    await store.warmUp();
    return store;
  }

  /** Plan the heavy statements once at start, so the first user does not pay for it (a cold plan can take seconds). */
  private async warmUp(): Promise<void> {
    try {
      await this.read(async (tx) => {
        await tx.run(Q.ROUTE_SUBGRAPH, { profession: '', recipient: null });
        for (const depth of [1, 2, 3]) await tx.run(Q.neighbourhood(depth), { id: '', relations: null, types: null, maxNodes: neo4j.int(1) });
      });
    } catch {
      // A failed warm-up costs only speed; real queries report real errors.
    }
  }

  /** For the loader, which writes with the same driver. */
  get neo4jDriver(): Driver {
    return this.driver;
  }

  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return withDriverErrors(async () => {
      const session = this.driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        return await session.executeRead(work, { timeout: this.timeoutMs });
      } finally {
        await session.close();
      }
    });
  }

  async getNode(id: string): Promise<GraphNode | undefined> {
    const [json] = await this.read(async (tx) => column<string>(await tx.run(Q.NODE_BY_ID, { id }), 'json'));
    return json ? (JSON.parse(json) as GraphNode) : undefined;
  }

  async listNodes(type?: NodeType): Promise<GraphNode[]> {
    const rows = await this.read(async (tx) => column<string>(await tx.run(Q.LIST_NODES, { type: type ?? null }), 'json'));
    return rows.map((json) => JSON.parse(json) as GraphNode);
  }

  async neighbourhood(id: string, options: NeighbourhoodOptions): Promise<Subgraph | undefined> {
    const params = {
      id,
      relations: options.relationTypes?.length ? options.relationTypes : null,
      types: options.nodeTypes?.length ? options.nodeTypes : null,
      maxNodes: neo4j.int(Math.max(1, options.maxNodes ?? DEFAULT_MAX_NODES)),
    };
    // One round trip: the levels, the nodes and the edges are selected by one statement.
    const [record] = await this.read(async (tx) => (await tx.run(Q.neighbourhood(options.depth), params)).records);
    if (!record) return undefined;
    return {
      nodes: (record.get('nodes') as string[]).map((j) => JSON.parse(j) as GraphNode),
      edges: (record.get('edges') as string[]).map((j) => JSON.parse(j) as GraphEdge),
      truncated: record.get('truncated') as boolean,
    };
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const tokens = queryTokens(query);
    if (!tokens.length) return [];
    const lucene = tokens.map((t) => `${escapeLucene(t)}*`).join(' AND ');
    const types = options.types?.length ? new Set(options.types) : undefined;
    const rows = await this.read(async (tx) => (await tx.run(Q.SEARCH, { query: lucene, limit: neo4j.int(SEARCH_CANDIDATES) })).records);
    const hits = rows
      .map((r) => ({ node: JSON.parse(r.get('json') as string) as GraphNode, searchText: r.get('searchText') as string }))
      // Lucene selects; the shared rule confirms, so both engines keep the same hits.
      .filter((h) => matchesAll(tokens, h.searchText) && (!types || types.has(h.node.type)))
      .map(({ node }) => ({ node }));
    return rankHits(tokens, hits, options.limit ?? 20);
  }

  async shortestPaths(from: string, to: string, options: PathOptions = {}): Promise<GraphPath[] | undefined> {
    const maxLength = options.maxLength ?? DEFAULT_MAX_PATH_LENGTH;
    const limit = options.limit ?? DEFAULT_PATH_LIMIT;
    return this.read(async (tx) => {
      const ends = column<string>(await tx.run(Q.NODES_BY_IDS, { ids: [from, to] }), 'json').map((j) => JSON.parse(j) as GraphNode);
      if (!ends.some((n) => n.id === from) || !ends.some((n) => n.id === to)) return undefined;
      if (from === to) return [{ nodes: ends, edges: [] }];
      const result = await tx.run(Q.allShortestPaths(maxLength), { from, to, cap: neo4j.int(PATH_CAP) });
      const paths = result.records
        .map((r) => {
          const edges = (r.get('edges') as string[]).map((j) => JSON.parse(j) as GraphEdge);
          return { nodes: r.get('nodes') as string[], edges: edges.map((e) => e.id), edgeObjects: edges };
        })
        .sort(comparePaths)
        .slice(0, limit);
      const ids = [...new Set(paths.flatMap((p) => p.nodes))];
      const nodes = new Map(
        column<string>(await tx.run(Q.NODES_BY_IDS, { ids }), 'json').map((j) => {
          const node = JSON.parse(j) as GraphNode;
          return [node.id, node] as const;
        }),
      );
      return paths.map((p) => ({ nodes: p.nodes.map((id) => nodes.get(id)!), edges: p.edgeObjects }));
    });
  }

  async version(): Promise<string> {
    const now = performance.now();
    if (!this.knownVersion || this.knownVersion.until < now) {
      // Shared while in flight: a burst of requests reads the version once.
      const version = this.read(async (tx) => (await this.meta(tx)).version ?? 'empty');
      const known = { version, until: now + this.versionTtlMs };
      this.knownVersion = known;
      version.catch(() => this.knownVersion === known && (this.knownVersion = undefined));
    }
    return this.knownVersion.version;
  }

  /** The part of the graph route finding walks, selected by one Cypher statement. */
  async routeSubgraph(profession: string, recipient?: string): Promise<GraphView> {
    // An unknown profession matches no row: the empty view makes the route finder say so.
    const records = await this.read(async (tx) => (await tx.run(Q.ROUTE_SUBGRAPH, { profession, recipient: recipient ?? null })).records);
    const view = new IndexedGraph();
    for (const record of records) {
      for (const json of record.get('nodes') as string[]) view.addNode(JSON.parse(json) as GraphNode);
      for (const json of record.get('edges') as string[]) view.addEdge(JSON.parse(json) as GraphEdge);
    }
    return view;
  }

  private async meta(tx: ManagedTransaction): Promise<{ version?: string; facts: Fact[] }> {
    const [record] = (await tx.run(Q.GRAPH_VERSION)).records;
    return record ? { version: record.get('version') as string, facts: JSON.parse(record.get('facts') as string) as Fact[] } : { facts: [] };
  }

  async facts(): Promise<Fact[]> {
    return (await this.read((tx) => this.meta(tx))).facts;
  }

  async counts(): Promise<GraphCounts> {
    return this.read(async (tx) => {
      const tally = async (query: string) => {
        const out: Record<string, number> = {};
        for (const r of (await tx.run(query)).records) out[r.get('key') as string] = r.get('n') as number;
        return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
      };
      const byType = await tally(Q.NODE_COUNTS);
      const byRelation = await tally(Q.EDGE_COUNTS);
      const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
      return { nodes: sum(byType), edges: sum(byRelation), byType, byRelation };
    });
  }

  async close(): Promise<void> {
    this.stopListening();
    await this.driver.close();
  }
}
