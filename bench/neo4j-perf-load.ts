// Load cost of Neo4jGraphLoader on a fresh JVM per size (heap --heap, default
// 4g; page cache 2g, as the bench): a first load into the empty database, then
// reloads over it, each with its phases (until the new graph is visible, then
// the removal of the previous one), the JVM's CPU time by thread group (Bolt
// worker, JIT compilers, GC, the rest; from jstack, so a JDK is needed) — CPU
// time, unlike wall time, holds on a shared machine — and the peak resident
// memory of the JVM and of this process.
//   npx tsx bench/neo4j-perf-load.ts --sizes 0,10000,100000 [--runs 2] [--heap 1g] [--batch 5000] [--concurrency 2]
import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cpuMs, mib, peakResidentBytes, resetPeakResident } from './process-usage.ts';
import { loadGraphData } from '../server/graph/load.ts';
import { Neo4jGraphLoader } from '../server/store/neo4j/Neo4jGraphLoader.ts';
import { Neo4jGraphStore } from '../server/store/neo4j/Neo4jGraphStore.ts';
import { startNeo4j } from '../scripts/neo4j/server.ts';
import { scaleGraph } from '../scripts/scale-graph.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '0,10000,100000' },
    runs: { type: 'string', default: '2' },
    heap: { type: 'string', default: '4g' },
    batch: { type: 'string' },
    concurrency: { type: 'string' },
  },
});
process.env.NEO4J_PAGECACHE = '2g';

/** JVM CPU ms by thread group (Bolt worker, JIT compilers, GC, the rest), from jstack. */
function threadCpu(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of execSync(`jstack ${pid}`).toString().split('\n')) {
    const m = /^"([^"]*)".* cpu=([0-9.]+)ms/.exec(line);
    if (!m) continue;
    const group = /BoltWorker/.test(m[1]) ? 'worker' : /CompilerThread/.test(m[1]) ? 'jit' : /GC|G1/.test(m[1]) ? 'gc' : 'other';
    out[group] = (out[group] ?? 0) + Number(m[2]);
  }
  return out;
}

const base = loadGraphData();
for (const size of values.sizes!.split(',').map(Number)) {
  const graph = size ? scaleGraph(base, { nodes: size, seed: 1 }) : base;
  const server = await startNeo4j({ heap: values.heap, readyTimeoutMs: 240_000 });
  try {
    const store = await Neo4jGraphStore.connect({ uri: server.uri, queryTimeoutMs: 600_000 });
    const loader = new Neo4jGraphLoader(store.neo4jDriver);
    await loader.ensureSchema();
    for (let run = 0; run < Number(values.runs); run++) {
      resetPeakResident(server.pid);
      resetPeakResident();
      const t0 = performance.now();
      const jvm0 = cpuMs(server.pid);
      const node0 = cpuMs();
      const threads0 = threadCpu(server.pid);
      let nodesDone = 0;
      const report = await loader.replaceGraph(graph, {
        timeoutMs: 600_000,
        batchSize: values.batch ? Number(values.batch) : undefined,
        concurrency: values.concurrency ? Number(values.concurrency) : undefined,
        onBatch: ({ edges }) => {
          if (edges === 0) nodesDone = performance.now();
        },
      });
      const ms = performance.now() - t0;
      console.log(
        `${graph.nodes.length} nodes run ${run}: visible after ${report.visibleMs} ms, ${Math.round(graph.nodes.length / (report.visibleMs / 1000))} nodes/s ` +
          `(nodes ${Math.round(nodesDone - t0)}, relations and flip ${Math.round(t0 + report.visibleMs - nodesDone)}), previous graph removed after ${Math.round(ms)} ms; ` +
          `CPU JVM ${Math.round(cpuMs(server.pid) - jvm0)} ms (${Object.entries(threadCpu(server.pid))
            .map(([g, ms]) => `${g} ${Math.round(ms - (threads0[g] ?? 0))}`)
            .join(', ')}), node ${Math.round(cpuMs() - node0)} ms; ` +
          `peak RSS JVM ${mib(peakResidentBytes(server.pid))} MiB, node ${mib(peakResidentBytes())} MiB`,
      );
    }
    const counts = await store.counts();
    console.log(`  counts ${counts.nodes} / ${counts.edges}`);
    await store.close();
  } finally {
    await server.stop();
    rmSync(server.home, { recursive: true, force: true });
  }
}
