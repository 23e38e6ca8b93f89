/**
 * `npm run neo4j`: a persistent local Neo4j for development, in
 * .cache/neo4j/data, with Bolt on 127.0.0.1:$NEO4J_PORT (default 7687).
 * Authentication is off unless NEO4J_PASSWORD is set; NEO4J_HEAP and
 * NEO4J_PAGECACHE size its memory (defaults 2g and 256m).
 *
 * `--jars-only` fetches the jars and exits: CI can do the download up front,
 * once, instead of inside a test's timeout.
 */
import path from 'node:path';
import { NEO4J_CACHE_DIR, ensureNeo4jJars, javaAvailable, startNeo4j } from './server.ts';

const port = Number(process.env.NEO4J_PORT ?? 7687);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`NEO4J_PORT must be a port number, got "${process.env.NEO4J_PORT}"`);
  process.exit(2);
}
if (!javaAvailable()) {
  console.error('Neo4j needs Java 17 or newer: install a JDK (Debian: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME.');
  process.exit(1);
}

const home = path.join(NEO4J_CACHE_DIR, 'data');

try {
  const libDir = await ensureNeo4jJars();
  if (process.argv.includes('--jars-only')) {
    console.log(`Neo4j jars are in ${path.relative(process.cwd(), libDir) || libDir}`);
    process.exit(0);
  }
  const startedAt = Date.now();
  const server = await startNeo4j({ port, home });

  console.log(`Neo4j is ready at ${server.uri} (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  console.log(`  data:  ${path.relative(process.cwd(), home) || home}`);
  console.log(`  auth:  ${process.env.NEO4J_PASSWORD ? 'user "neo4j", password from NEO4J_PASSWORD' : 'disabled'}`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Neo4j…`);
    await server.stop();
    console.log('Neo4j stopped.');
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));

  // A server that dies on its own must not leave this command looking alive.
  const { code, signal } = await server.exited;
  if (!stopping) {
    console.error(`Neo4j exited unexpectedly (code ${code}, signal ${signal}); see ${path.join(home, 'logs', 'debug.log')}`);
    process.exit(1);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
