// The impact rows of npm run bench alone (issue 27), embedded engine: dependants,
// a reform's full diff and the same diff on a fresh service, on the real graph
// and the 10k generated graph. `npx tsx bench/impact.ts [--seed 1] [--neo4j]`
// (--neo4j: the same series on a fresh Neo4j 5.26 loaded with each graph too).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadGraphData } from '../server/graph/load.ts';
import type { GraphStore } from '../server/store/GraphStore.ts';
import { MemoryGraphStore } from '../server/store/memory/MemoryGraphStore.ts';
import { Neo4jGraphLoader } from '../server/store/neo4j/Neo4jGraphLoader.ts';
import { Neo4jGraphStore } from '../server/store/neo4j/Neo4jGraphStore.ts';
import { startNeo4j } from '../scripts/neo4j/server.ts';
import { scaleGraph } from '../scripts/scale-graph.ts';
import { measureSeries, querySeries } from './queries.ts';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, neo4j: { type: 'boolean', default: false } } });
const seed = Number(values.seed);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const base = loadGraphData();
const server = values.neo4j ? await startNeo4j({ heap: '4g', readyTimeoutMs: 240_000 }) : undefined;
try {
  for (const [label, graph] of [
    ['real', base],
    ['10k', scaleGraph(base, { nodes: 10_000, seed })],
  ] as const) {
    const professions = graph.nodes.filter((n) => n.type === 'Profession').length;
    const stores: [string, GraphStore, () => Promise<void>][] = [['embedded', new MemoryGraphStore(graph), async () => {}]];
    if (server) {
      const store = await Neo4jGraphStore.connect({ uri: server.uri, queryTimeoutMs: 120_000 });
      const loader = new Neo4jGraphLoader(store.neo4jDriver);
      await loader.ensureSchema();
      await loader.replaceGraph(graph, { timeoutMs: 600_000 });
      stores.push(['Neo4j', store, () => store.close()]);
    }
    for (const [engine, store, close] of stores) {
      console.log(`${label}, ${engine}: ${graph.nodes.length} nodes, ${professions} professions, load ${load()}`);
      const impact = querySeries({ store, graph, seed }, await store.facts()).filter((s) => ['dependants', 'reform-diff', 'reform-diff-cold'].includes(s.id));
      for (const series of impact) {
        const plan = { rounds: 3, callsPerRound: series.id === 'dependants' ? 50 : 3, warmUpCalls: 1, capMs: 120_000 };
        const r = await measureSeries(series, plan, server?.pid);
        console.log(
          `  ${series.id}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.cpuMsPerCall} ms CPU/call, ${r.calls} calls ${r.digest ?? ''}`,
        );
      }
      await close();
    }
  }
} finally {
  await server?.stop();
}
console.log(`load at the end ${load()}`);
