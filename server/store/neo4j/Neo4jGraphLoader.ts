// Loads a validated graph into Neo4j in ONE write transaction: delete all,
// create all, stamp a new version. Readers see the old graph until the commit
// and the new one after it; a failure or a killed process rolls back, so no
// reader ever sees half a graph and the previous graph stays intact.
import { randomUUID } from 'node:crypto';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { searchTextOf } from '../shared/search.ts';
import type { GraphData, GraphEdge, GraphNode } from '../../schema/graph.ts';
import {
  AWAIT_INDEXES,
  CREATE_EDGES,
  CREATE_NODES,
  DELETE_BATCH,
  dropConstraint,
  label,
  OBSOLETE_CONSTRAINTS,
  relation,
  SCHEMA,
  SCHEMA_NAMES,
  SET_META,
} from './cypher.ts';
import { column, withDriverErrors } from './driver.ts';
import { graphReplaced } from './graphEvents.ts';

export interface LoadOptions {
  /** rows per UNWIND (default 10,000) */
  batchSize?: number;
  /** called after each batch; a test throws here to prove a failed load changes nothing */
  onBatch?: (done: { nodes: number; edges: number }) => void | Promise<void>;
  /** transaction timeout; a large graph needs more */
  timeoutMs?: number;
}

export interface LoadReport {
  version: string;
  nodes: number;
  edges: number;
  ms: number;
}

/** Rows per statement by default: large, because each statement costs a round trip and server CPU of its own. */
const DEFAULT_BATCH_SIZE = 10_000;
/** Nodes detached and deleted per statement: bounds the statement's memory, not the transaction's. */
const DELETE_BATCH_SIZE = 20_000;

function nodeRow(node: GraphNode): Record<string, unknown> {
  return { id: node.id, type: label(node.type), label: node.label, json: JSON.stringify(node), searchText: searchTextOf(node) };
}

/** `elementIds` maps node ids to the element ids of the nodes just created. */
function edgeRow(edge: GraphEdge, elementIds: Map<string, string>): Record<string, unknown> {
  const source = elementIds.get(edge.source);
  const target = elementIds.get(edge.target);
  if (!source || !target) throw new Error(`relation ${edge.id} joins a node that is not in the graph`);
  // `role` (holder or recipient of an APPLIES_TO) is read by the route subgraph; a null property is not stored.
  const role = ('role' in edge && edge.role) || null;
  return { id: edge.id, type: relation(edge.type), source, target, role, json: JSON.stringify(edge) };
}

/** Neo4j no longer enforces unique ids (see SCHEMA in cypher.ts): the loader refuses duplicates before it writes. */
function checkUniqueIds(data: GraphData): void {
  const ids = new Set<string>();
  for (const { id } of data.nodes) {
    if (ids.has(id)) throw new Error(`node id ${id} appears twice`);
    ids.add(id);
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
    const version = randomUUID();
    checkUniqueIds(data);
    await this.ensureSchema();
    const session = this.driver.session({ defaultAccessMode: neo4j.session.WRITE });
    try {
      await withDriverErrors(() =>
        session.executeWrite(
          async (tx: ManagedTransaction) => {
            const done = { nodes: 0, edges: 0 };
            for (;;) {
              const result = await tx.run(DELETE_BATCH, { batch: neo4j.int(DELETE_BATCH_SIZE) });
              if (Number(result.records[0].get('deleted')) === 0) break;
            }
            const elementIds = new Map<string, string>();
            for (let i = 0; i < data.nodes.length; i += batchSize) {
              const rows = data.nodes.slice(i, i + batchSize).map(nodeRow);
              const created = await tx.run(CREATE_NODES, { rows });
              for (const r of created.records) elementIds.set(r.get('id') as string, r.get('elementId') as string);
              done.nodes += rows.length;
              await options.onBatch?.(done);
            }
            for (let i = 0; i < data.edges.length; i += batchSize) {
              const rows = data.edges.slice(i, i + batchSize).map((e) => edgeRow(e, elementIds));
              await tx.run(CREATE_EDGES, { rows });
              done.edges += rows.length;
              await options.onBatch?.(done);
            }
            await tx.run(SET_META, {
              version,
              loadedAt: new Date().toISOString(),
              facts: JSON.stringify(data.facts),
              nodes: neo4j.int(data.nodes.length),
              edges: neo4j.int(data.edges.length),
            });
          },
          { timeout: options.timeoutMs ?? 600_000 },
        ),
      );
      graphReplaced(this.driver);
    } finally {
      await session.close();
    }
    return { version, nodes: data.nodes.length, edges: data.edges.length, ms: Math.round(performance.now() - started) };
  }
}
