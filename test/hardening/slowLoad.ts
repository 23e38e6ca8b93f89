// A load meant to be killed: `node --import tsx test/hardening/slowLoad.ts <bolt-uri> <nodes>`
// replaces the graph with a big synthetic one, in small batches with a pause
// between them, and prints `batch <nodes> <edges>` after each committed batch,
// so that the test can SIGKILL it halfway through the load, before its flip.
import { Neo4jGraphLoader } from '../../server/store/neo4j/Neo4jGraphLoader.ts';
import { Neo4jGraphStore } from '../../server/store/neo4j/Neo4jGraphStore.ts';
import type { GraphData, GraphEdge, GraphNode } from '../../server/schema/graph.ts';

const [uri, size] = process.argv.slice(2);
const count = Number(size);
const citations = [{ source: 'brochure' as const, section: 'synthetic', quote: 'synthetic record' }];
const nodes: GraphNode[] = Array.from(
  { length: count },
  (_, i) => ({ id: `synthetic-${i}`, type: 'Recipient', label: `Destinataire synthétique ${i}`, citations }) as GraphNode,
);
const edges: GraphEdge[] = nodes
  .slice(1)
  .map((n, i) => ({ id: `IS_A:${n.id}:synthetic-${i}`, type: 'IS_A', source: n.id, target: `synthetic-${i}` }) as GraphEdge);
const data: GraphData = { nodes, edges, facts: [{ id: 'synthetic', question: 'Synthétique ?' }] };

const store = await Neo4jGraphStore.connect({ uri });
await new Neo4jGraphLoader(store.neo4jDriver).replaceGraph(data, {
  batchSize: 500,
  onBatch: async (done) => {
    console.log(`batch ${done.nodes} ${done.edges}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  },
});
console.log('committed');
await store.close();
