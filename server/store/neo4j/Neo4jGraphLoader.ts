// Loads a validated graph into Neo4j under a new version: nodes and
// relationships in batched transactions, each committed,
// all tagged with the version; then ONE small transaction moves the active-
// version pointer that every reader joins on; then the previous version is
// deleted in batches. A reader sees the old graph until the flip and the new
// one after it, never half of one; a failed or killed load leaves only an
// inactive version behind (removed by the next load), and the previous graph
// answering. Memory stays bounded on the server: a transaction holds one
// batch; this process keeps the graph it loads and an element id per node.
import { randomUUID } from 'node:crypto';
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { searchTextOf } from '../shared/search.ts';
import type { GraphData, GraphEdge, GraphNode, NodeType, RelationType } from '../../schema/graph.ts';
import {
  ACTIVE_VERSION,
  AWAIT_INDEXES,
  COUNT_VERSION,
  CREATE_FACTS,
  createEdges,
  createNodes,
  DELETE_FACTS,
  DELETE_UNVERSIONED_BATCH,
  DELETE_VERSION_BATCH,
  dropConstraint,
  OBSOLETE_CONSTRAINTS,
  SCHEMA,
  SCHEMA_NAMES,
  SET_ACTIVE_VERSION,
  STORED_COUNTS,
  STORED_VERSIONS,
} from './cypher.ts';
import { column, withDriverErrors } from './driver.ts';
import { graphReplaced } from './graphEvents.ts';
import {
  edgeProperties,
  encodeEdge,
  encodeFact,
  encodeNodeChecked,
  nodeProperties,
  ORDER_PROPERTY,
  SEARCH_PROPERTY,
  VERSION_PROPERTY,
} from './propertyMapping.ts';

export interface LoadOptions {
  /** rows per batch, one committed transaction each (default 5,000) */
  batchSize?: number;
  /** called after each committed batch; a test throws here to prove a failed load changes nothing readers see */
  onBatch?: (done: { nodes: number; edges: number }) => void | Promise<void>;
  /** timeout of each transaction of the load */
  timeoutMs?: number;
  /** batches written at once (default 2: the server parses one while it commits another) */
  concurrency?: number;
}

export interface LoadReport {
  version: string;
  nodes: number;
  edges: number;
  /** until the new graph was visible (the flip) */
  visibleMs: number;
  /** including the removal of the previous version */
  ms: number;
}

/** Rows per statement by default: large, because each statement costs a round trip and server CPU of its own. */
const DEFAULT_BATCH_SIZE = 5_000;
/** Nodes detached and deleted per transaction: bounds its memory. */
const DELETE_BATCH_SIZE = 10_000;
const DEFAULT_CONCURRENCY = 2;

/**
 * `work` on each job, `concurrency` at a time. After a failure no new job
 * starts, the running ones finish, and the first error is thrown: the caller
 * then removes a version no transaction still writes to.
 */
async function inParallel<T>(jobs: T[], concurrency: number, work: (job: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < jobs.length) {
      const job = jobs[next++];
      try {
        await work(job);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failure) throw failure.error;
}

/** Items grouped by `key`, each group cut into slices of at most `size`: one statement per group, one transaction per slice. */
function slicesBy<T, K>(items: T[], key: (item: T) => K, size: number): { key: K; items: T[] }[] {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  const slices: { key: K; items: T[] }[] = [];
  for (const [k, group] of groups) for (let i = 0; i < group.length; i += size) slices.push({ key: k, items: group.slice(i, i + size) });
  return slices;
}

/** The statement that creates nodes of one type, with the order of the values in its rows. */
function nodeStatement(type: NodeType) {
  const keys = [SEARCH_PROPERTY, ...nodeProperties(type)];
  return { keys, statement: createNodes(type, keys, keys.indexOf('id')) };
}

/** A node as the values of `keys`, encoded lazily, batch by batch, so the next batch is encoded while the server writes this one. */
function nodeRow(node: GraphNode, keys: string[]): unknown[] {
  const props = encodeNodeChecked(node, { [SEARCH_PROPERTY]: searchTextOf(node) });
  return keys.map((k) => props[k] ?? null);
}

/** `elementIds` maps node ids to the element ids of the nodes this load created. */
function edgeRow(edge: GraphEdge, keys: string[], elementIds: Map<string, string>): unknown[] {
  const props = encodeEdge(edge);
  return [elementIds.get(edge.source), elementIds.get(edge.target), ...keys.map((k) => props[k] ?? null)];
}

/** Neo4j does not enforce unique ids (every version holds them): the loader refuses duplicates and dangling ends before it writes. */
function checkGraph(data: GraphData): void {
  const ids = new Set<string>();
  for (const { id } of data.nodes) {
    if (ids.has(id)) throw new Error(`node id ${id} appears twice`);
    ids.add(id);
  }
  for (const edge of data.edges) {
    if (!ids.has(edge.source) || !ids.has(edge.target)) throw new Error(`relation ${edge.id} joins a node that is not in the graph`);
  }
}

export class Neo4jGraphLoader {
  constructor(private readonly driver: Driver) {}

  /** Creates the constraints and index that are missing and drops obsolete ones; one read when all is in place. */
  async ensureSchema(): Promise<void> {
    await withDriverErrors(async () => {
      const session = this.driver.session({ defaultAccessMode: neo4j.session.WRITE });
      try {
        const [names] = column<string[]>(await session.run(SCHEMA_NAMES), 'names');
        const existing = new Set(names);
        for (const name of OBSOLETE_CONSTRAINTS.filter((n) => existing.has(n))) await session.run(dropConstraint(name));
        const missing = SCHEMA.filter(({ name }) => !existing.has(name));
        for (const { statement } of missing) await session.run(statement);
        if (missing.length) await session.run(AWAIT_INDEXES);
      } finally {
        await session.close();
      }
    });
  }

  async replaceGraph(data: GraphData, options: LoadOptions = {}): Promise<LoadReport> {
    const started = performance.now();
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const timeout = options.timeoutMs ?? 600_000;
    const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    const version = randomUUID();
    checkGraph(data);
    await this.ensureSchema();
    const session = this.driver.session({ defaultAccessMode: neo4j.session.WRITE });
    // A session runs one transaction at a time: concurrent batches each take a session of their own.
    const write = <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> =>
      withDriverErrors(async () => {
        const own = this.driver.session({ defaultAccessMode: neo4j.session.WRITE });
        try {
          return await own.executeWrite(work, { timeout });
        } finally {
          await own.close();
        }
      });
    try {
      const [active] = column<string | null>(await withDriverErrors(() => session.run(ACTIVE_VERSION)), 'version');
      const [counts] = (await withDriverErrors(() => session.run(STORED_COUNTS))).records;
      const onlyActive = active !== null && counts.get('active') === counts.get('stored');
      const stored = onlyActive ? [active] : column<string | null>(await withDriverErrors(() => session.run(STORED_VERSIONS)), 'version');
      // What killed or failed loads left: removed first, so the database holds at most two graphs.
      for (const leftover of stored.filter((v) => v !== null && v !== active)) await this.deleteVersion(session, leftover!, timeout);
      try {
        const done = { nodes: 0, edges: 0 };
        const elementIds = new Map<string, string>();
        const nodeStatements = new Map<NodeType, ReturnType<typeof nodeStatement>>();
        await inParallel(
          slicesBy(data.nodes, (n) => n.type, batchSize),
          concurrency,
          async ({ key: type, items }) => {
            if (!nodeStatements.has(type)) nodeStatements.set(type, nodeStatement(type));
            const { keys, statement } = nodeStatements.get(type)!;
            const rows = items.map((n) => nodeRow(n, keys));
            const created = await write((tx) => tx.run(statement, { rows, version }));
            const [record] = created.records;
            const ids = record.get('ids') as string[];
            const elements = record.get('elementIds') as string[];
            if (ids.length !== rows.length) throw new Error(`load ${version}: ${ids.length} of ${rows.length} ${type} nodes created`);
            ids.forEach((id, i) => elementIds.set(id, elements[i]));
            done.nodes += rows.length;
            await options.onBatch?.(done);
          },
        );
        const edgeKeys = edgeProperties();
        const edgeStatements = new Map<RelationType, string>();
        await inParallel(
          slicesBy(data.edges, (e) => e.type, batchSize),
          concurrency,
          async ({ key: type, items }) => {
            if (!edgeStatements.has(type)) edgeStatements.set(type, createEdges(type, edgeKeys));
            const rows = items.map((e) => edgeRow(e, edgeKeys, elementIds));
            const result = await write((tx) => tx.run(edgeStatements.get(type)!, { rows }));
            const created = Number(result.records[0].get('created'));
            if (created !== rows.length) throw new Error(`load ${version}: ${created} of ${rows.length} ${type} relations created`);
            done.edges += rows.length;
            await options.onBatch?.(done);
          },
        );
        const facts = data.facts.map((f, i) => encodeFact(f, { [VERSION_PROPERTY]: version, [ORDER_PROPERTY]: neo4j.int(i) }));
        await write((tx) => tx.run(CREATE_FACTS, { rows: facts }));
        await write(async (tx) => {
          const [count] = column<number>(await tx.run(COUNT_VERSION, { version }), 'nodes');
          if (count !== data.nodes.length) throw new Error(`load ${version}: ${count} of ${data.nodes.length} nodes stored (another load removed them?)`);
          await tx.run(SET_ACTIVE_VERSION, {
            version,
            loadedAt: new Date().toISOString(),
            nodes: neo4j.int(data.nodes.length),
            edges: neo4j.int(data.edges.length),
          });
        });
      } catch (err) {
        await this.deleteVersion(session, version, timeout).catch(() => {});
        throw err;
      }
      graphReplaced(this.driver);
      const visibleMs = Math.round(performance.now() - started);
      // Readers of the previous version that overlap its removal see the flip when they check the version, and run again.
      if (active && stored.includes(active)) await this.deleteVersion(session, active, timeout);
      if (stored.includes(null)) await this.deleteBatches(session, DELETE_UNVERSIONED_BATCH, {}, timeout);
      await write((tx) => tx.run(DELETE_FACTS, { keep: version }));
      return { version, nodes: data.nodes.length, edges: data.edges.length, visibleMs, ms: Math.round(performance.now() - started) };
    } finally {
      await session.close();
    }
  }

  private deleteVersion(session: Session, version: string, timeout: number): Promise<void> {
    return this.deleteBatches(session, DELETE_VERSION_BATCH, { version }, timeout);
  }

  private async deleteBatches(session: Session, statement: string, params: Record<string, unknown>, timeout: number): Promise<void> {
    for (;;) {
      const result = await withDriverErrors(() =>
        session.executeWrite((tx) => tx.run(statement, { ...params, batch: neo4j.int(DELETE_BATCH_SIZE) }), { timeout }),
      );
      if (Number(result.records[0].get('deleted')) === 0) return;
    }
  }
}
