import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraphData } from '../../server/graph/load.ts';
import { Neo4jGraphLoader } from '../../server/store/neo4j/Neo4jGraphLoader.ts';
import { connectTestStore, neo4jSkipReason, startTestNeo4j, type TestNeo4j } from '../support/neo4j.ts';
import { graphStoreContract, pathGraph } from './graphStoreContract.ts';
import { ExplorerService } from '../../server/service/ExplorerService.ts';
import { checkSoundness } from '../acceptance/soundness.ts';

const skip = neo4jSkipReason();

describe.skipIf(skip)('Neo4j engine', () => {
  let server: TestNeo4j;
  beforeAll(async () => {
    server = await startTestNeo4j();
  });
  afterAll(() => server?.dispose());

  const connect = () => connectTestStore(server.uri);
  // As against a cluster or Aura: a routing driver (neo4j://), which asks the
  // server for its routing table and sends reads to readers, writes to the leader.
  const connectRouting = () => connectTestStore(server.uri.replace(/^bolt:/, 'neo4j:'));

  // Every `open` replaces the one database's graph: the contract's describes run in order.
  graphStoreContract('neo4j', async (data) => {
    const store = await connectRouting();
    await new Neo4jGraphLoader(store.neo4jDriver).replaceGraph(data);
    return store;
  });

  describe('the soundness of its answers (DOMAIN §5.1, property 1), on Neo4j', () => {
    it('keeps every claim true under every completion, on a few hundred generated situations', async () => {
      const store = await connect();
      try {
        const data = loadGraphData();
        await new Neo4jGraphLoader(store.neo4jDriver).replaceGraph(data);
        const runs = Number(process.env.PROPERTY_RUNS_NEO4J ?? 300);
        expect(await checkSoundness(new ExplorerService(store), data, runs, Number(process.env.PROPERTY_SEED ?? 20261202))).toBe(runs);
      } finally {
        await store.close();
      }
    }, 600_000);
  });

  describe('loading', () => {
    it('gives the same graph when run twice (idempotent)', async () => {
      const store = await connect();
      try {
        const loader = new Neo4jGraphLoader(store.neo4jDriver);
        const data = loadGraphData();
        await loader.replaceGraph(data);
        const first = { counts: await store.counts(), nodes: await store.listNodes() };
        await loader.replaceGraph(data);
        expect({ counts: await store.counts(), nodes: await store.listNodes() }).toEqual(first);
      } finally {
        await store.close();
      }
    });

    it('sees a load through its own driver at once, and one by another process after its version TTL', async () => {
      // A TTL longer than the test: what this store answers shows whether it asked the database again.
      const store = await connectTestStore(server.uri, { versionTtlMs: 600_000 });
      const other = await connect();
      const untrusting = await connectTestStore(server.uri, { versionTtlMs: 0 });
      try {
        const v1 = await store.version();
        await new Neo4jGraphLoader(store.neo4jDriver).replaceGraph(pathGraph);
        const v2 = await store.version();
        expect(v2).not.toBe(v1);
        await new Neo4jGraphLoader(other.neo4jDriver).replaceGraph(loadGraphData());
        const v3 = await untrusting.version();
        expect(v3).not.toBe(v2);
        expect(await other.version()).toBe(v3);
        // Within its TTL the first store still trusts the version it read: its cached answers stay consistent with it.
        expect(await store.version()).toBe(v2);
      } finally {
        await Promise.all([store.close(), other.close(), untrusting.close()]);
      }
    });

    it('leaves the previous graph intact and queryable when a load fails halfway', async () => {
      const store = await connect();
      try {
        const loader = new Neo4jGraphLoader(store.neo4jDriver);
        const data = loadGraphData();
        await loader.replaceGraph(data);
        const before = { counts: await store.counts(), node: await store.getNode('cp-458bis') };
        let batches = 0;
        let readDuringLoad: unknown;
        const failing = loader.replaceGraph(pathGraph, {
          batchSize: 1,
          onBatch: async () => {
            batches++;
            if (batches === 3) {
              // A reader while the load is under way sees the previous graph, whole.
              readDuringLoad = await store.counts();
              throw new Error('injected failure halfway through the load');
            }
          },
        });
        await expect(failing).rejects.toThrow('injected failure');
        expect(readDuringLoad).toEqual(before.counts);
        expect({ counts: await store.counts(), node: await store.getNode('cp-458bis') }).toEqual(before);
        // …and the next load succeeds.
        await loader.replaceGraph(pathGraph);
        expect((await store.counts()).nodes).toBe(pathGraph.nodes.length);
      } finally {
        await store.close();
      }
    });
  });
});
