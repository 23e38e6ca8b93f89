// The impact rows of npm run bench alone (issue 27), embedded engine: dependants,
// a reform's full diff and the same diff on a fresh service, on the real graph
// and the 10k generated graph. `npx tsx bench/impact.ts [--seed 1]`
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadGraphData } from '../server/graph/load.ts';
import { MemoryGraphStore } from '../server/store/memory/MemoryGraphStore.ts';
import { scaleGraph } from '../scripts/scale-graph.ts';
import { measureSeries, querySeries } from './queries.ts';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' } } });
const seed = Number(values.seed);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const base = loadGraphData();
for (const [label, graph] of [
  ['real', base],
  ['10k', scaleGraph(base, { nodes: 10_000, seed })],
] as const) {
  const store = new MemoryGraphStore(graph);
  const professions = graph.nodes.filter((n) => n.type === 'Profession').length;
  console.log(`${label}: ${graph.nodes.length} nodes, ${professions} professions, load ${load()}`);
  const impact = querySeries({ store, graph, seed }, await store.facts()).filter((s) => ['dependants', 'reform-diff', 'reform-diff-cold'].includes(s.id));
  for (const series of impact) {
    const plan = { rounds: 3, callsPerRound: series.id === 'dependants' ? 50 : 5, warmUpCalls: 1, capMs: 120_000 };
    const r = await measureSeries(series, plan);
    console.log(`  ${series.id}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.cpuMsPerCall} ms CPU/call, ${r.calls} calls ${r.digest ?? ''}`);
  }
}
console.log(`load at the end ${load()}`);
