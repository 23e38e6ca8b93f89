// npm run db:load: validate graph-data, then load it into Neo4j under a new
// version switched in by one small transaction (NEO4J_URI — bolt://, neo4j://
// or neo4j+s:// —, NEO4J_USER, NEO4J_PASSWORD). Running it twice gives the same
// graph; a failure or a kill leaves the previous graph answering.
import { readFileSync } from 'node:fs';
import { findBrochure, loadGraphData } from '../server/graph/load.ts';
import { readStoreConfig } from '../server/store/createGraphStore.ts';
import { Neo4jGraphLoader } from '../server/store/neo4j/Neo4jGraphLoader.ts';
import { Neo4jGraphStore } from '../server/store/neo4j/Neo4jGraphStore.ts';

const config = readStoreConfig();
const brochure = findBrochure();
const data = loadGraphData(config.GRAPH_DATA_DIR, { brochureText: brochure ? readFileSync(brochure, 'utf8') : undefined });
const store = await Neo4jGraphStore.connect({ uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD });
try {
  const report = await new Neo4jGraphLoader(store.neo4jDriver).replaceGraph(data);
  console.log(
    `db:load: ${report.nodes} nodes and ${report.edges} relations loaded into ${config.NEO4J_URI}: visible after ${report.visibleMs} ms, ` +
      `previous graph removed after ${report.ms} ms (version ${report.version})`,
  );
} finally {
  await store.close();
}
