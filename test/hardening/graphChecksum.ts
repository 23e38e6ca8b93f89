// "The graph is unchanged" observed from outside the code under test: the
// Neo4j side reads, with its own Cypher, every node and relationship readers
// can reach — every node of the active version and every node that carries no
// version at all, whatever its label (an injected `CREATE (:Pwned)` has
// neither :Node nor a version) — and the relationships between them. Nodes of
// another version are a load's staging, invisible to readers by design. The
// memory side hashes the very objects the store holds.
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
      const visible = `OPTIONAL MATCH (m:SecretumMeta {key: 'graph'}) WITH m.version AS active MATCH (n) WHERE n.graphVersion IS NULL OR n.graphVersion = active`;
      const nodes = await tx.run(`${visible} RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props`);
      const rels = await tx.run(
        `${visible} MATCH (n)-[r]->(b) WHERE b.graphVersion IS NULL OR b.graphVersion = active
         RETURN elementId(r) AS id, elementId(n) AS a, type(r) AS type, elementId(b) AS b, properties(r) AS props`,
      );
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
