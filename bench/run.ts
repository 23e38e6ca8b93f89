// npm run bench [-- --quick] [-- --only engines,http,ui] [-- --sizes real,10k] [-- --profile] [-- --neo4j-1m]
//
// How the explorer's cost grows with the graph, on both engines, against the
// machine's ceiling: graph sizes (scripts/scale-graph.ts), load, in-process
// queries, HTTP throughput beside bare Express and node:http, and the browser.
// Writes bench/results/<date>.json; a full run also rewrites the tables of
// bench/RESULTS.md (a quick run prints them and leaves RESULTS.md alone).
// Every step runs under a time limit; one that fails or overruns is reported
// as such and the run goes on.
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EnginePhaseInput, EnginePhaseResult } from './engine-phase.ts';
import { runHttpPhase, type HttpPlan } from './http-phase.ts';
import { describeMachine, loadAverage } from './machine.ts';
import type { SeriesPlan } from './queries.ts';
import { checkTargets, renderTables, spliceTables, type BenchResults } from './report.ts';
import { runUiPhase, type UiPlan } from './ui-phase.ts';

const BENCH = import.meta.dirname;
const SEED = 1;

interface SizePlan {
  label: string;
  nodes: number;
  neo4j?: { heap: string; pageCache: string };
  plan: SeriesPlan;
  /** the whole step, generation to the last Neo4j query */
  limitMs: number;
  /** V8 old space for the step's process */
  heapMiB: number;
}

const FULL_QUERIES: SeriesPlan = { rounds: 3, callsPerRound: 350, warmUpCalls: 50, capMs: 3_000 };
const QUICK_QUERIES: SeriesPlan = { rounds: 2, callsPerRound: 100, warmUpCalls: 20, capMs: 1_000 };
/** 100k nodes in one write transaction pass the transaction memory limit (70 % of the heap) of a 2g heap. */
const NEO4J = { heap: '4g', pageCache: '2g' };
/**
 * 1M nodes in one transaction exhausted the 5.6 GiB transaction memory of an 8g heap after all the
 * nodes and 0.85M of the 1.94M relations (366 s); a heap big enough does not fit beside the graph
 * in 24 GiB. Off by default; --neo4j-1m tries again.
 */
const NEO4J_1M = { heap: '8g', pageCache: '4g' };

/**
 * The full run fits in 15 minutes on the 2-core machine; the quick one (a smoke test of every
 * phase, in under 2) grows the graph to 10k only, runs Neo4j in process on the real graph only,
 * and HTTP at 10 connections on the embedded engine only.
 */
function plans(quick: boolean, neo4jMillion: boolean) {
  const q = quick ? QUICK_QUERIES : FULL_QUERIES;
  const sizes: SizePlan[] = [
    { label: 'real (graph-data)', nodes: 0, neo4j: NEO4J, plan: q, limitMs: 240_000, heapMiB: 2048 },
    { label: '10k', nodes: 10_000, neo4j: quick ? undefined : NEO4J, plan: q, limitMs: 420_000, heapMiB: 2048 },
  ];
  if (!quick) {
    sizes.push({ label: '100k', nodes: 100_000, neo4j: NEO4J, plan: q, limitMs: 420_000, heapMiB: 4096 });
    sizes.push({
      label: '1M',
      nodes: 1_000_000,
      neo4j: neo4jMillion ? NEO4J_1M : undefined,
      plan: q,
      limitMs: neo4jMillion ? 900_000 : 420_000,
      heapMiB: 12_288,
    });
  }
  const http: HttpPlan = quick
    ? { connections: [10], neo4jConnections: [], uncachedConnections: [10], coldConnections: [10], durationS: 1, warmUpS: 0.2, pauseMs: 100 }
    : {
        connections: [10, 100],
        neo4jConnections: [10, 100],
        uncachedConnections: [10],
        coldConnections: [10, 100],
        durationS: 10,
        warmUpS: 0.3,
        pauseMs: 100,
      };
  const ui: UiPlan = quick
    ? { sizes: [500, 2_000], repetitions: 1, panElements: 2_000, panMs: 1_000, seed: SEED, timeoutMs: 20_000 }
    : { sizes: [500, 2_000, 10_000], repetitions: 5, panElements: 2_000, panMs: 2_000, seed: SEED, timeoutMs: 20_000 };
  return { sizes, http, ui };
}

/** One graph size in its own process (bench/engine-phase.ts), killed if it overruns. */
function runSize(size: SizePlan): Promise<EnginePhaseResult> {
  const input: EnginePhaseInput = {
    nodes: size.nodes,
    seed: SEED,
    plan: size.plan,
    // validateGraph takes half a minute at 1M (it grows with the square of fan-in);
    // `npx tsx scripts/scale-graph.ts --nodes 1000000` checks that size on its own.
    check: size.nodes <= 100_000,
    memory: true,
    neo4j: size.neo4j && { ...size.neo4j, loadTimeoutMs: size.limitMs },
  };
  const child = fork(resolve(BENCH, 'engine-phase.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${size.heapMiB}`],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      // The Neo4j it started exits when its stdin (this child) goes away.
      child.kill('SIGKILL');
      fail(new Error(`did not finish within ${size.limitMs / 1000} s`));
    }, size.limitMs);
    child.once('message', (message: { ok: boolean; result?: EnginePhaseResult; error?: string }) => {
      clearTimeout(timer);
      if (message.ok) done(message.result!);
      else fail(new Error(message.error));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited with code ${code}`));
    });
    child.send(input);
  });
}

function withLimit<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<T>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what} did not finish within ${ms / 1000} s`)), ms))),
  ]);
}

function command(argv: string[]): string {
  const event = process.env.npm_lifecycle_event;
  if (event?.startsWith('bench')) return ['npm run', event, ...(argv.length ? ['--', ...argv] : [])].join(' ');
  return ['npx tsx bench/run.ts', ...argv].join(' ');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'neo4j-1m': { type: 'boolean', default: false },
      sizes: { type: 'string' },
    },
  });
  const quick = values.quick!;
  const only = new Set((values.only ?? 'engines,http,ui').split(','));
  const started = performance.now();
  const since = () => Math.round((performance.now() - started) / 1000);
  const date = new Date().toISOString();
  const planned = plans(quick, values['neo4j-1m']!);
  const { http, ui } = planned;
  // --sizes real,10k: only the graph sizes whose label starts with one of these
  const wanted = values.sizes?.split(',').map((label) => label.trim());
  const sizes = wanted ? planned.sizes.filter((size) => wanted.some((label) => size.label.startsWith(label))) : planned.sizes;
  const results: Omit<BenchResults, 'targets'> = {
    date,
    command: command(argv),
    mode: quick ? 'quick' : 'full',
    machine: describeMachine(),
    loadAverage: { start: loadAverage(), end: loadAverage() },
    durationS: 0,
    phaseS: {},
    plans: { sizes, http, ui, seed: SEED },
    sizes: [],
  };
  console.error(`bench (${results.mode}) — load average ${results.loadAverage.start.join(' ')}`);
  let phaseStarted = performance.now();
  const phaseDone = (phase: string) => {
    results.phaseS![phase] = Math.round((performance.now() - phaseStarted) / 1000);
    phaseStarted = performance.now();
  };

  if (only.has('engines')) {
    for (const size of sizes) {
      console.error(`\n[${size.label}] at ${since()} s`);
      try {
        results.sizes.push({ label: size.label, wanted: size.nodes, ...(await runSize(size)) });
      } catch (err) {
        console.error(`  ${size.label} failed: ${(err as Error).message}`);
        results.sizes.push({ label: size.label, wanted: size.nodes, error: (err as Error).message.slice(0, 500) });
      }
      phaseDone(size.label);
    }
  }
  if (only.has('http')) {
    console.error(`\n[http] at ${since()} s`);
    const profileDir = values.profile ? resolve(BENCH, 'results', `profile-${date.slice(0, 19).replace(/:/g, '')}.tmp`) : undefined;
    try {
      results.http = await withLimit(runHttpPhase({ ...http, profileDir }), quick ? 120_000 : 420_000, 'the HTTP phase');
      if (profileDir) console.error(`  CPU profiles of the API processes in ${profileDir}`);
    } catch (err) {
      results.httpError = (err as Error).message.slice(0, 500);
      console.error(`  http failed: ${results.httpError}`);
    }
    phaseDone('http');
  }
  if (only.has('ui')) {
    console.error(`\n[ui] at ${since()} s`);
    try {
      results.ui = await withLimit(runUiPhase(ui), quick ? 90_000 : 420_000, 'the browser phase');
    } catch (err) {
      results.uiError = (err as Error).message.slice(0, 500);
      console.error(`  ui failed: ${results.uiError}`);
    }
    phaseDone('ui');
  }

  results.loadAverage.end = loadAverage();
  results.durationS = Math.round((performance.now() - started) / 1000);
  const complete: BenchResults = { ...results, targets: checkTargets(results) };
  const tables = renderTables(complete);
  mkdirSync(resolve(BENCH, 'results'), { recursive: true });
  const file = resolve(BENCH, 'results', `${date.slice(0, 10)}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(complete, null, 2) + '\n');
  if (!quick && only.size === 3 && !wanted) {
    const resultsMd = resolve(BENCH, 'RESULTS.md');
    const document = existsSync(resultsMd) ? readFileSync(resultsMd, 'utf8') : '# Benchmark results\n';
    writeFileSync(resultsMd, spliceTables(document, tables));
    console.error(`\nwrote ${file} and the tables of bench/RESULTS.md in ${results.durationS} s`);
  } else {
    console.log(tables);
    console.error(`\nwrote ${file} in ${results.durationS} s (bench/RESULTS.md left as it was: only a full run rewrites it)`);
  }
  // Sockets of the drivers and servers are closed; nothing else should keep the process up.
  process.exit(0);
}

await main();
