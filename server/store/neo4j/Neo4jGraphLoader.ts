// Loads a validated graph into Neo4j in ONE write transaction: delete all,
// create all, stamp a new version. Readers see the old graph until the commit
// and the new one after it; a failure or a killed process rolls back, so no
// reader ever sees half a graph and the previous graph stays intact.
import { randomUUID } from 'node:crypto';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { searchTextOf } from '../../domain/search.ts';
import type { GraphData, GraphEdge, GraphNode, NodeType, RelationType } from '../../schema/graph.ts';
import {
  AWAIT_INDEXES,
  createEdges,
  createNodes,
  DELETE_BATCH,
  schemaStatements,
  SET_META,
} from './cypher.ts';
import { withDriverErrors } from './driver.ts';
import { graphReplaced } from './graphEvents.ts';

export interface LoadOptions {
  /** rows per UNWIND */
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

function groupBy<T, K extends string>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(item);
  }
  return groups;
}

function nodeRow(node: GraphNode): Record<string, unknown> {
  const scalars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) scalars[k] = v;
  }
  return { ...scalars, json: JSON.stringify(node), searchText: searchTextOf(node) };
}

function edgeRow(edge: GraphEdge): { source: string; target: string; props: Record<string, unknown> } {
  const { source, target } = edge;
  const props: Record<string, unknown> = { json: JSON.stringify(edge) };
  for (const [k, v] of Object.entries(edge)) if (v !== undefined) props[k] = v;
  return { source, target, props };
}

export class Neo4jGraphLoader {
  constructor(private readonly driver: Driver) {}

  async ensureSchema(): Promise<void> {
    await withDriverErrors(async () => {
      const session = this.driver.session({ defaultAccessMode: neo4j.session.WRITE });
      try {
        for (const statement of schemaStatements()) await session.run(statement);
        await session.run(AWAIT_INDEXES);
      } finally {
        await session.close();
      }
    });
  }

  async replaceGraph(data: GraphData, options: LoadOptions = {}): Promise<LoadReport> {
    const started = performance.now();
    const batchSize = options.batchSize ?? 2_000;
    const version = randomUUID();
    await this.ensureSchema();
    const session = this.driver.session({ defaultAccessMode: neo4j.session.WRITE });
    try {
      await withDriverErrors(() =>
        session.executeWrite(
          async (tx: ManagedTransaction) => {
            const done = { nodes: 0, edges: 0 };
            for (;;) {
              const result = await tx.run(DELETE_BATCH, { batch: neo4j.int(10_000) });
              if (Number(result.records[0].get('deleted')) === 0) break;
            }
            for (const [type, nodes] of groupBy(data.nodes, (n) => n.type as NodeType)) {
              for (let i = 0; i < nodes.length; i += batchSize) {
                await tx.run(createNodes(type), { rows: nodes.slice(i, i + batchSize).map(nodeRow) });
                done.nodes += Math.min(batchSize, nodes.length - i);
                await options.onBatch?.(done);
              }
            }
            for (const [type, edges] of groupBy(data.edges, (e) => e.type as RelationType)) {
              for (let i = 0; i < edges.length; i += batchSize) {
                await tx.run(createEdges(type), { rows: edges.slice(i, i + batchSize).map(edgeRow) });
                done.edges += Math.min(batchSize, edges.length - i);
                await options.onBatch?.(done);
              }
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
