// The Neo4j engine: every request runs through a bounded queue (identical
// questions share one answer) in a read transaction with a timeout, against
// the active version of the graph; answers are rebuilt from the stored
// properties so they equal the in-memory engine's to the last property.
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { DEFAULT_MAX_NODES } from '../shared/neighbourhood.ts';
import { comparePaths, DEFAULT_MAX_PATH_LENGTH, DEFAULT_PATH_LIMIT } from '../shared/paths.ts';
import { matchesAll, queryTokens, rankHits } from '../shared/search.ts';
import { EngineUnavailableError } from '../../schema/errors.ts';
import type { Fact, GraphEdge, GraphNode, NodeType, RelationType } from '../../schema/graph.ts';
import { IndexedGraph, type GraphView } from '../../schema/graphView.ts';
import type { GraphCounts, GraphPath, GraphStore, NeighbourhoodOptions, PathOptions, SearchHit, SearchOptions, Subgraph } from '../GraphStore.ts';
import * as Q from './cypher.ts';
import { column, createDriver, DEFAULT_POOL_SIZE, withDriverErrors, type Neo4jConnection } from './driver.ts';
import { onGraphReplaced } from './graphEvents.ts';
import { decodeEdge, decodeFact, decodeNode, type StoredEdge } from './propertyMapping.ts';

/** A node's properties as read. */
type StoredNode = Record<string, unknown>;
import { RequestQueue } from './RequestQueue.ts';

/** Most full-text hits ranked per query; more would only be cut by `limit`. */
const SEARCH_CANDIDATES = 5_000;
/** Most shortest paths read before canonical ordering. */
const PATH_CAP = 1_000;
/** Reads that find the graph replaced while they ran are run again, on the new one, this many times. */
const VERSION_RETRIES = 3;
export const DEFAULT_MAX_IN_FLIGHT = 16;
export const DEFAULT_MAX_QUEUED = 2_000;
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

type Version = string | null;

function escapeLucene(token: string): string {
  return token.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&');
}

async function activeVersion(tx: ManagedTransaction): Promise<Version> {
  const [version] = column<Version>(await tx.run(Q.ACTIVE_VERSION), 'version');
  return version ?? null;
}

export class Neo4jGraphStore implements GraphStore {
  readonly engine = 'neo4j' as const;
  private readonly timeoutMs: number;
  private readonly versionTtlMs: number;
  private readonly queue: RequestQueue;
  /** the version last read for caching, and until when it is trusted */
  private knownVersion?: { version: Promise<string>; until: number };
  /** the active version the last read found: the next read's first guess (undefined: ask first) */
  private activeGuess?: Version;
  private readonly stopListening: () => void;

  private constructor(
    private readonly driver: Driver,
    connection: Neo4jConnection,
  ) {
    this.timeoutMs = connection.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    this.versionTtlMs = connection.versionTtlMs ?? 1_000;
    const pool = connection.maxConnectionPoolSize ?? DEFAULT_POOL_SIZE;
    this.queue = new RequestQueue({
      maxInFlight: Math.min(pool, connection.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT),
      maxQueued: connection.maxQueued ?? DEFAULT_MAX_QUEUED,
    });
    this.stopListening = onGraphReplaced(driver, () => {
      this.knownVersion = undefined;
      this.activeGuess = undefined;
    });
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
      await this.read('warm-up', async (tx) => {
        await tx.run(Q.ROUTE_SUBGRAPH, { profession: '', recipient: null, version: null });
        for (const depth of [1, 2, 3]) await tx.run(Q.neighbourhood(depth), { id: '', relations: null, types: null, maxNodes: neo4j.int(1), version: null });
      });
    } catch {
      // A failed warm-up costs only speed; real queries report real errors.
    }
  }

  /** For the loader, which writes with the same driver. */
  get neo4jDriver(): Driver {
    return this.driver;
  }

  /** What the queue runs and holds now. */
  get queueState(): RequestQueue['state'] {
    return this.queue.state;
  }

  private async inReadTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>, session?: Session): Promise<T> {
    const own = session ?? this.driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      return await own.executeRead(work, { timeout: this.timeoutMs });
    } finally {
      if (!session) await own.close();
    }
  }

  /**
   * One question, through the queue (`key` names it: equal keys share one
   * answer), in a read transaction on the active version. The version is
   * checked again after the work: a read that overlapped a load's flip (and
   * the removal of the graph it read) runs again on the new graph, so no
   * answer mixes two graphs or misses half of one. `work` returns plain
   * data that callers decode, each into objects of its own.
   */
  private read<T>(key: string, work: (tx: ManagedTransaction, version: Version) => Promise<T>): Promise<T> {
    return this.queue.run(key, () =>
      withDriverErrors(async () => {
        const session = this.driver.session({ defaultAccessMode: neo4j.session.READ });
        try {
          for (let attempt = 0; attempt <= VERSION_RETRIES; attempt++) {
            const guess = this.activeGuess;
            const out = await this.inReadTransaction(async (tx) => {
              const version = guess === undefined ? await activeVersion(tx) : guess;
              const result = await work(tx, version);
              return { result, version, after: await activeVersion(tx) };
            }, session);
            this.activeGuess = out.after;
            if (out.after === out.version) return out.result;
          }
          throw new EngineUnavailableError('the graph was replaced during every attempt to read it; retry later');
        } finally {
          await session.close();
        }
      }),
    );
  }

  async getNode(id: string): Promise<GraphNode | undefined> {
    const [node] = await this.read(`node:${id}`, async (tx, version) => column<StoredNode>(await tx.run(Q.NODE_BY_ID, { id, version }), 'node'));
    return node ? decodeNode(node) : undefined;
  }

  async listNodes(type?: NodeType): Promise<GraphNode[]> {
    const rows = await this.read(`list:${type ?? ''}`, async (tx, version) =>
      column<StoredNode>(await tx.run(Q.LIST_NODES, { type: type ?? null, version }), 'node'),
    );
    return rows.map(decodeNode);
  }

  async neighbourhood(id: string, options: NeighbourhoodOptions): Promise<Subgraph | undefined> {
    const params = {
      id,
      relations: options.relationTypes?.length ? options.relationTypes : null,
      types: options.nodeTypes?.length ? options.nodeTypes : null,
      maxNodes: neo4j.int(Math.max(1, options.maxNodes ?? DEFAULT_MAX_NODES)),
    };
    const key = `neighbourhood:${JSON.stringify([id, options.depth, params.relations, params.types, params.maxNodes.toNumber()])}`;
    // One round trip: the levels, the nodes and the edges are selected by one statement.
    const [record] = await this.read(key, async (tx, version) => (await tx.run(Q.neighbourhood(options.depth), { ...params, version })).records);
    if (!record) return undefined;
    return {
      nodes: (record.get('nodes') as StoredNode[]).map(decodeNode),
      edges: (record.get('edges') as StoredEdge[]).map(decodeEdge),
      truncated: record.get('truncated') as boolean,
    };
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const tokens = queryTokens(query);
    if (!tokens.length) return [];
    const lucene = tokens.map((t) => `${escapeLucene(t)}*`).join(' AND ');
    const types = options.types?.length ? new Set(options.types) : undefined;
    const rows = await this.read(`search:${lucene}`, async (tx, version) =>
      (await tx.run(Q.SEARCH, { query: lucene, limit: neo4j.int(SEARCH_CANDIDATES), version })).records.map((r) => ({
        node: r.get('node') as StoredNode,
        searchText: r.get('searchText') as string,
      })),
    );
    const hits = rows
      // Lucene selects; the shared rule confirms, so both engines keep the same hits.
      .filter((h) => matchesAll(tokens, h.searchText) && (!types || types.has(h.node.type as NodeType)))
      .map((h) => ({ node: decodeNode(h.node) }));
    return rankHits(tokens, hits, options.limit ?? 20);
  }

  async shortestPaths(from: string, to: string, options: PathOptions = {}): Promise<GraphPath[] | undefined> {
    const maxLength = options.maxLength ?? DEFAULT_MAX_PATH_LENGTH;
    const limit = options.limit ?? DEFAULT_PATH_LIMIT;
    const found = await this.read(`paths:${JSON.stringify([from, to, maxLength, limit])}`, async (tx, version) => {
      const ends = column<StoredNode>(await tx.run(Q.NODES_BY_IDS, { ids: [from, to], version }), 'node');
      if (!ends.some((n) => n.id === from) || !ends.some((n) => n.id === to)) return undefined;
      if (from === to) return { paths: [{ nodes: [from], edges: [] as StoredEdge[] }], nodes: ends };
      const result = await tx.run(Q.allShortestPaths(maxLength), { from, to, cap: neo4j.int(PATH_CAP), version });
      const paths = result.records
        .map((r) => {
          const edges = r.get('edges') as StoredEdge[];
          return { nodes: r.get('nodes') as string[], edges: edges.map((e) => e.props.id as string), stored: edges };
        })
        .sort(comparePaths)
        .slice(0, limit)
        .map((p) => ({ nodes: p.nodes, edges: p.stored }));
      const ids = [...new Set(paths.flatMap((p) => p.nodes))];
      return { paths, nodes: column<StoredNode>(await tx.run(Q.NODES_BY_IDS, { ids, version }), 'node') };
    });
    if (!found) return undefined;
    const nodes = new Map(found.nodes.map((stored) => [stored.id as string, stored]));
    return found.paths.map((p) => ({ nodes: p.nodes.map((id) => decodeNode(nodes.get(id)!)), edges: p.edges.map(decodeEdge) }));
  }

  async version(): Promise<string> {
    const now = performance.now();
    if (!this.knownVersion || this.knownVersion.until < now) {
      // Shared while in flight: a burst of requests reads the version once.
      const version = this.queue.run('version', () =>
        withDriverErrors(async () => {
          const active = await this.inReadTransaction(activeVersion);
          this.activeGuess = active;
          return active ?? 'empty';
        }),
      );
      const known = { version, until: now + this.versionTtlMs };
      this.knownVersion = known;
      version.catch(() => this.knownVersion === known && (this.knownVersion = undefined));
    }
    return this.knownVersion.version;
  }

  /** The part of the graph route finding walks, selected by one Cypher statement. */
  async routeSubgraph(profession: string, recipient?: string, situation?: string): Promise<GraphView> {
    // An unknown profession matches no row: the empty view makes the route finder say so.
    const records = await this.read(`route:${JSON.stringify([profession, recipient ?? null])}`, async (tx, version) =>
      (await tx.run(Q.ROUTE_SUBGRAPH, { profession, recipient: recipient ?? null, version })).records.map((r) => ({
        nodes: r.get('nodes') as StoredNode[],
        edges: r.get('edges') as StoredEdge[],
      })),
    );
    const view = new IndexedGraph();
    for (const record of records) {
      for (const node of record.nodes) view.addNode(decodeNode(node));
      for (const edge of record.edges) view.addEdge(decodeEdge(edge));
    }
    // The kind of situation asked, and the rules it involves (the route statement selects the rules themselves).
    const kind = situation === undefined ? undefined : await this.neighbourhood(situation, { depth: 1, relationTypes: ['INVOLVES'] });
    for (const node of kind?.nodes ?? []) if (!view.node(node.id)) view.addNode(node);
    for (const edge of kind?.edges ?? []) view.addEdge(edge);
    return view;
  }

  async relationSubgraph(relationTypes: RelationType[]): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
    const types = [...new Set(relationTypes)].sort();
    if (!types.length) return { nodes: [], edges: [] };
    const [record] = await this.read(`relations:${types.join(',')}`, async (tx, version) => (await tx.run(Q.relationSubgraph(types), { version })).records);
    return {
      nodes: ((record?.get('nodes') ?? []) as StoredNode[]).map(decodeNode),
      edges: ((record?.get('edges') ?? []) as StoredEdge[]).map(decodeEdge),
    };
  }

  async facts(): Promise<Fact[]> {
    const rows = await this.read('facts', async (tx, version) => column<Record<string, unknown>>(await tx.run(Q.FACTS, { version }), 'props'));
    return rows.map(decodeFact);
  }

  async counts(): Promise<GraphCounts> {
    // Shared by every caller that asked at the same time: each gets its own copy.
    return structuredClone(await this.readCounts());
  }

  private readCounts(): Promise<GraphCounts> {
    return this.read('counts', async (tx, version) => {
      const tally = async (query: string) => {
        const out: Record<string, number> = {};
        for (const r of (await tx.run(query, { version })).records) out[r.get('key') as string] = r.get('n') as number;
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
