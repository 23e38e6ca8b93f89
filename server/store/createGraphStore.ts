// Picks the engine from configuration: GRAPH_ENGINE=memory (default) or neo4j.
// The Neo4j engine is imported lazily so that the default never loads the driver.
import { z } from 'zod';
import { loadGraphData, DEFAULT_GRAPH_DIR } from '../graph/load.ts';
import type { GraphStore } from './GraphStore.ts';
import { MemoryGraphStore } from './memory/MemoryGraphStore.ts';

export const StoreConfig = z.object({
  GRAPH_ENGINE: z.enum(['memory', 'neo4j']).default('memory'),
  GRAPH_DATA_DIR: z.string().default(DEFAULT_GRAPH_DIR),
  NEO4J_URI: z.string().default('bolt://127.0.0.1:7687'),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  NEO4J_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(16),
  NEO4J_MAX_QUEUED: z.coerce.number().int().nonnegative().default(2_000),
  NEO4J_VERSION_TTL_MS: z.coerce.number().int().nonnegative().default(1_000),
});
export type StoreConfig = z.infer<typeof StoreConfig>;

export function readStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const parsed = StoreConfig.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export async function createGraphStore(config: StoreConfig = readStoreConfig()): Promise<GraphStore> {
  if (config.GRAPH_ENGINE === 'memory') return new MemoryGraphStore(loadGraphData(config.GRAPH_DATA_DIR));
  const { Neo4jGraphStore } = await import('./neo4j/Neo4jGraphStore.ts');
  return Neo4jGraphStore.connect({
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    queryTimeoutMs: config.NEO4J_QUERY_TIMEOUT_MS,
    maxInFlight: config.NEO4J_MAX_IN_FLIGHT,
    maxQueued: config.NEO4J_MAX_QUEUED,
    versionTtlMs: config.NEO4J_VERSION_TTL_MS,
  });
}
