// One graph size, in a process of its own so that its memory figures are its
// own: build the graph (the real one, or the real one grown by the scale
// generator), validate it, load it into the in-memory engine and time the
// queries, then the same into a fresh Neo4j. Started by bench/run.ts, which
// receives the result over IPC.
import { rmSync } from 'node:fs';
import { loadGraphData } from '../server/graph/load.ts';
import type { GraphData } from '../server/schema/graph.ts';
import type { GraphStore } from '../server/store/GraphStore.ts';
import { MemoryGraphStore } from '../server/store/memory/MemoryGraphStore.ts';
import { Neo4jGraphLoader } from '../server/store/neo4j/Neo4jGraphLoader.ts';
import { Neo4jGraphStore } from '../server/store/neo4j/Neo4jGraphStore.ts';
import { startNeo4j } from '../scripts/neo4j/server.ts';
import { checkScaledGraph, scaleGraph } from '../scripts/scale-graph.ts';
import { collectGarbage, mib, peakResidentBytes, residentBytes, resetPeakResident } from './process-usage.ts';
import { measureSeries, querySeries, type SeriesPlan, type SeriesResult } from './queries.ts';

export interface EnginePhaseInput {
  /** nodes wanted; 0 for the real graph-data as it is */
  nodes: number;
  seed: number;
  plan: SeriesPlan;
  /** run validateGraph on the generated graph (the real graph is always validated by loadGraphData) */
  check: boolean;
  memory: boolean;
  neo4j?: { heap: string; pageCache: string; loadTimeoutMs: number };
}

export interface LoadFigures {
  ms: number;
  nodesPerSecond: number;
  relationsPerSecond: number;
  /** resident memory before the load, and its peak during the load (MiB) */
  residentBeforeMiB: number;
  peakResidentMiB: number;
  /** JS heap kept after the load, after a full collection (memory engine only, MiB) */
  retainedHeapMiB?: number;
  /** Neo4j: where the one transaction spent its time (ms) — nodes created, relations created, the rest (commit, index updates) */
  phasesMs?: { nodes: number; relations: number; commit: number };
}

export interface EngineFigures {
  engine: 'memory' | 'neo4j';
  config?: Record<string, string>;
  load?: LoadFigures;
  /** Neo4j: the same graph loaded again over the first, on the same server: what `npm run db:load` does against a running server (timed to the flip) */
  reload?: LoadFigures;
  queries: SeriesResult[];
  error?: string;
}

export interface EnginePhaseResult {
  nodes: number;
  relations: number;
  byType: Record<string, number>;
  /** building the graph: YAML read for the real graph, generation for the others (ms) */
  buildMs: number;
  validateMs?: number;
  problems?: number;
  engines: EngineFigures[];
}

function tally(items: { type: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[item.type] = (out[item.type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort());
}

function rates(ms: number, graph: GraphData) {
  return {
    ms: Math.round(ms),
    nodesPerSecond: Math.round(graph.nodes.length / (ms / 1000)),
    relationsPerSecond: Math.round(graph.edges.length / (ms / 1000)),
  };
}

async function runQueries(store: GraphStore, graph: GraphData, input: EnginePhaseInput, freshStore?: () => Promise<GraphStore>, jvmPid?: number) {
  const vocabulary = await store.facts();
  const results: SeriesResult[] = [];
  for (const series of querySeries({ store, freshStore, graph, seed: input.seed }, vocabulary)) {
    const result = await measureSeries(series, input.plan, jvmPid);
    const cpu = `${result.cpuMsPerCall} ms CPU/call${result.jvmCpuMsPerCall === undefined ? '' : ` + ${result.jvmCpuMsPerCall} JVM`}`;
    console.error(
      `  ${store.engine} ${series.id}: p50 ${result.p50} ms, p99 ${result.p99} ms over ${result.calls} calls, ${cpu}${result.capped ? ' (capped)' : ''}`,
    );
    results.push(result);
  }
  return results;
}

async function memoryEngine(graph: GraphData, input: EnginePhaseInput): Promise<EngineFigures> {
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  resetPeakResident();
  const residentBefore = residentBytes();
  const started = performance.now();
  const store = new MemoryGraphStore(graph);
  const ms = performance.now() - started;
  const peak = peakResidentBytes();
  collectGarbage();
  const load: LoadFigures = {
    ...rates(ms, graph),
    residentBeforeMiB: mib(residentBefore),
    peakResidentMiB: mib(peak),
    retainedHeapMiB: mib(process.memoryUsage().heapUsed - heapBefore),
  };
  console.error(`  memory load: ${load.ms} ms, peak ${load.peakResidentMiB} MiB`);
  return { engine: 'memory', load, queries: await runQueries(store, graph, input) };
}

async function neo4jEngine(graph: GraphData, input: EnginePhaseInput): Promise<EngineFigures> {
  const { heap, pageCache, loadTimeoutMs } = input.neo4j!;
  const config = { heap, pageCache };
  // The launcher reads its page cache size from the environment it inherits.
  process.env.NEO4J_PAGECACHE = pageCache;
  const server = await startNeo4j({ heap, readyTimeoutMs: 240_000 });
  let store: Neo4jGraphStore | undefined;
  try {
    store = await Neo4jGraphStore.connect({ uri: server.uri, queryTimeoutMs: 60_000 });
    const loader = new Neo4jGraphLoader(store.neo4jDriver);
    // Constraints and the full-text index first, so the timed load is the load.
    await loader.ensureSchema();
    const timedLoad = async (what: string): Promise<LoadFigures> => {
      const residentBefore = residentBytes(server.pid);
      resetPeakResident(server.pid);
      const started = performance.now();
      let nodesDone = 0;
      let relationsDone = 0;
      const report = await loader.replaceGraph(graph, {
        timeoutMs: loadTimeoutMs,
        onBatch: ({ edges }) => {
          if (edges === 0) nodesDone = performance.now();
          else relationsDone = performance.now();
        },
      });
      // Until the new graph is visible (the flip); a reload then removes the previous one, which readers never wait for.
      const visible = started + report.visibleMs;
      const figures: LoadFigures = {
        ...rates(visible - started, graph),
        residentBeforeMiB: mib(residentBefore),
        peakResidentMiB: mib(peakResidentBytes(server.pid)),
        phasesMs: { nodes: Math.round(nodesDone - started), relations: Math.round(relationsDone - nodesDone), commit: Math.round(visible - relationsDone) },
      };
      console.error(
        `  neo4j ${what}: ${figures.ms} ms (${figures.nodesPerSecond} nodes/s; nodes ${figures.phasesMs!.nodes}, relations ${figures.phasesMs!.relations}, flip ${figures.phasesMs!.commit}), JVM peak ${figures.peakResidentMiB} MiB`,
      );
      return figures;
    };
    const load = await timedLoad('load');
    const reload = await timedLoad('reload');
    // The load's own connection warmed nothing for readers: reconnect, as a server start would.
    await store.close();
    store = await Neo4jGraphStore.connect({ uri: server.uri, queryTimeoutMs: 60_000 });
    const fresh = () => Neo4jGraphStore.connect({ uri: server.uri, queryTimeoutMs: 60_000 });
    return { engine: 'neo4j', config, load, reload, queries: await runQueries(store, graph, input, fresh, server.pid) };
  } catch (err) {
    return { engine: 'neo4j', config, queries: [], error: (err as Error).message.slice(0, 500) };
  } finally {
    await store?.close();
    await server.stop();
    rmSync(server.home, { recursive: true, force: true });
  }
}

export async function runEnginePhase(input: EnginePhaseInput): Promise<EnginePhaseResult> {
  const started = performance.now();
  const base = loadGraphData();
  let graph = base;
  let validateMs: number | undefined;
  let problems: number | undefined;
  if (input.nodes > base.nodes.length) {
    graph = scaleGraph(base, { nodes: input.nodes, seed: input.seed });
  }
  const buildMs = Math.round(performance.now() - started);
  console.error(`  ${graph.nodes.length} nodes, ${graph.edges.length} relations built in ${buildMs} ms`);
  if (graph !== base && input.check) {
    const t0 = performance.now();
    problems = checkScaledGraph(graph).length;
    validateMs = Math.round(performance.now() - t0);
    console.error(`  validated in ${validateMs} ms: ${problems} problem(s)`);
  }
  const engines: EngineFigures[] = [];
  if (input.memory) engines.push(await memoryEngine(graph, input));
  collectGarbage();
  if (input.neo4j) engines.push(await neo4jEngine(graph, input));
  return { nodes: graph.nodes.length, relations: graph.edges.length, byType: tally(graph.nodes), buildMs, validateMs, problems, engines };
}

if (process.send) {
  process.once('message', (input: EnginePhaseInput) => {
    runEnginePhase(input).then(
      (result) => process.send!({ ok: true, result }, () => process.exit(0)),
      (err: Error) => process.send!({ ok: false, error: err.stack ?? err.message }, () => process.exit(1)),
    );
  });
}
