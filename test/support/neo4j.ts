// A real Neo4j for a test file: started from Maven Central jars by our own
// launcher, on a free port, stopped (and its home removed) after the file.
// Under CI=true a missing Java or Maven fails the run; on a laptop without
// Java the suite is skipped, loudly.
import { rmSync } from 'node:fs';
import { Neo4jGraphStore } from '../../server/store/neo4j/Neo4jGraphStore.ts';
import { javaAvailable, mavenAvailable, neo4jJarsReady, startNeo4j, type Neo4jServer } from '../../scripts/neo4j/server.ts';

export function neo4jSkipReason(): string | undefined {
  if (javaAvailable() && (neo4jJarsReady() || mavenAvailable())) return undefined;
  const reason = 'Java 17 and Maven are needed to start Neo4j (see README, "Neo4j")';
  if (process.env.CI === 'true') throw new Error(`CI=true: ${reason} — the Neo4j suites must run in CI`);
  console.warn(`\n*** SKIPPING the Neo4j suites: ${reason}. ***\n`);
  return reason;
}

export interface TestNeo4j extends Neo4jServer {
  /** stop for good and delete the database home */
  dispose(): Promise<void>;
}

export async function startTestNeo4j(): Promise<TestNeo4j> {
  const server = await startNeo4j({ heap: process.env.NEO4J_TEST_HEAP ?? '1g', readyTimeoutMs: 240_000 });
  return {
    ...server,
    dispose: async () => {
      await server.stop();
      rmSync(server.home, { recursive: true, force: true });
    },
  };
}

/**
 * A store on the test server with timeouts sized for a busy 2-core machine:
 * a cold JVM plans the route statement in seconds, and under load in more
 * than the default; a routing driver's first routing table can take longer
 * than the 5 s a connection may wait by default — a test must not fail for
 * the machine's load.
 */
export function connectTestStore(uri: string, options: { versionTtlMs?: number } = {}): Promise<Neo4jGraphStore> {
  return Neo4jGraphStore.connect({ uri, queryTimeoutMs: 120_000, acquisitionTimeoutMs: 120_000, ...options });
}
