// Once before any test file: fetch the Neo4j jars (the slow first step), so
// that files starting their own Neo4j in parallel never race on the download.
import { ensureNeo4jJars, javaAvailable, mavenAvailable, neo4jJarsReady } from '../../scripts/neo4j/server.ts';

export default async function setup(): Promise<void> {
  if (neo4jJarsReady()) return;
  if (javaAvailable() && mavenAvailable()) {
    const started = Date.now();
    console.log('Fetching the Neo4j jars from Maven Central (first run only)…');
    await ensureNeo4jJars();
    console.log(`Neo4j jars ready in ${Math.round((Date.now() - started) / 1000)} s`);
  } else if (process.env.CI === 'true') {
    throw new Error('CI=true: Java 17 and Maven are required to run the Neo4j suites');
  }
}
