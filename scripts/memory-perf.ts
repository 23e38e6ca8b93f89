// Times the in-memory engine's heavy queries (those of bench/queries.ts) on
// the real graph grown to a given size, outside the full benchmark:
//   npx tsx scripts/memory-perf.ts [--nodes 100000] [--seed 1] [--calls 9]
// (1M nodes: NODE_OPTIONS=--max-old-space-size=8000, ~2–3 min to generate and load)
import { parseArgs } from 'node:util';
import { loadGraphData } from '../server/graph/load.ts';
import { MemoryGraphStore } from '../server/store/memory/MemoryGraphStore.ts';
import { scaleGraph } from './scale-graph.ts';

const { values } = parseArgs({
  options: { nodes: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' }, calls: { type: 'string', default: '9' } },
});
const nodes = Number(values.nodes);
const calls = Number(values.calls);

const base = loadGraphData();
const graph = nodes > base.nodes.length ? scaleGraph(base, { nodes, seed: Number(values.seed) }) : base;
let started = performance.now();
const store = new MemoryGraphStore(graph);
console.log(`${graph.nodes.length} nodes, ${graph.edges.length} relations: loaded in ${Math.round(performance.now() - started)} ms`);

const queries: [string, () => Promise<unknown>][] = [
  ['search "necessite"', () => store.search('necessite')],
  ['search "458 bis"', () => store.search('458 bis')],
  ['shortest paths tms → procureur-du-roi', () => store.shortestPaths('tms', 'procureur-du-roi')],
  ['neighbourhood cp-458, depth 2', () => store.neighbourhood('cp-458', { depth: 2 })],
];
for (const [label, query] of queries) {
  await query(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    started = performance.now();
    await query();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(40)} median ${times[times.length >> 1].toFixed(2)} ms (min ${times[0].toFixed(2)}, max ${times[times.length - 1].toFixed(2)})`);
}
