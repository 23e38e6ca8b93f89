// "The graph is unchanged" observed from outside the code under test: the
// Neo4j side reads every node and relationship of the database, whatever its
// label (an injected `CREATE (:Pwned)` would not carry :Node), with its own
// Cypher; the memory side hashes the very objects the store holds.
import { createHash } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import type { GraphData } from '../../server/schema/graph.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';

export interface Checksum {
  nodes: number;
  relationships: number;
  sha256: string;
}

function digest(rows: string[]): string {
  const hash = createHash('sha256');
  for (const row of rows.sort()) hash.update(row).update('\n');
  return hash.digest('hex');
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

export async function neo4jChecksum(driver: Driver): Promise<Checksum> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => {
      const nodes = await tx.run('MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props');
      const rels = await tx.run('MATCH (a)-[r]->(b) RETURN elementId(r) AS id, elementId(a) AS a, type(r) AS type, elementId(b) AS b, properties(r) AS props');
      const rows = [
        ...nodes.records.map((r) => canonical({ id: r.get('id'), labels: [...(r.get('labels') as string[])].sort(), props: r.get('props') })),
        ...rels.records.map((r) => canonical({ id: r.get('id'), a: r.get('a'), type: r.get('type'), b: r.get('b'), props: r.get('props') })),
      ];
      return { nodes: nodes.records.length, relationships: rels.records.length, sha256: digest(rows) };
    });
  } finally {
    await session.close();
  }
}

/** The loaded data (the store keeps these very objects) and everything the store lists. */
export async function memoryChecksum(data: GraphData, store: GraphStore): Promise<Checksum> {
  const rows = [canonical(data), canonical(await store.listNodes()), canonical(await store.counts()), canonical(await store.facts())];
  return { nodes: data.nodes.length, relationships: data.edges.length, sha256: digest(rows) };
}
