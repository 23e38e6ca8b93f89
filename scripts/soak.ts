/**
 * npm run soak -- [--seconds 60] [--engine memory|neo4j] [--connections 100] [--neo4j-uri bolt://…] [--json]
 *
 * Hammers POST /api/assess with a fixed mix of valid and invalid bodies and
 * checks that every answer is the status its body deserves (200, 400 or 413),
 * with no 5xx, no socket error, no timeout, and that the server's heap after
 * the run (after GC) is within 10 % of the heap before it.
 *
 * The server runs in a child process started with --expose-gc and reports its
 * own heap over IPC, so that autocannon's allocations never count as the
 * server's. It is warmed up first (caches, JIT), then measured. The rate limit
 * is off. With --engine neo4j and no --neo4j-uri a throw-away Neo4j is started
 * and graph-data loaded into it; with --neo4j-uri the graph already there is used.
 * Exit code 0 only when every check holds.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HEAP_TOLERANCE = 0.1;
const WARM_UP_SECONDS = 3;
/**
 * Overload is latency: a saturated 2-core machine queues requests for seconds
 * (Neo4j's engine queues them by design). Only an answer later than this counts
 * as a timeout: a hung request, not a slow one.
 */
const TIMEOUT_SECONDS = 120;

interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest, context: SoakContext) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: SoakContext) => void;
}
/** autocannon keeps one context per connection, whose requests go one at a time. */
interface SoakContext {
  sent?: (typeof SOAK_BODIES)[number];
}
interface AutocannonResult {
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; max: number };
  requests: { average: number };
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

// ---------- the request mix ----------

const json = { 'content-type': 'application/json' };

/** Bodies and the status each deserves: as many valid as invalid, the cheap refusals and the full assessments. */
export const SOAK_BODIES: { name: string; body: string; status: number }[] = [
  {
    name: 'doctor to prosecutor, danger',
    status: 200,
    body: JSON.stringify({
      profession: 'medecin',
      recipient: 'procureur-du-roi',
      facts: { professional_context: true, grave_imminent_danger: true, victim_minor_or_vulnerable: true },
    }),
  },
  { name: 'doctor, every recipient', status: 200, body: JSON.stringify({ profession: 'medecin', facts: {} }) },
  {
    name: 'social worker to SAJ, closed world',
    status: 200,
    body: JSON.stringify({ profession: 'assistant-social', recipient: 'saj', facts: { professional_context: true }, closedWorld: true }),
  },
  { name: 'lawyer to police', status: 200, body: JSON.stringify({ profession: 'avocat', recipient: 'police' }) },
  { name: 'teacher (not bound)', status: 200, body: JSON.stringify({ profession: 'enseignant', recipient: 'procureur-du-roi', facts: {} }) },
  {
    name: 'psychologist to prosecutor, sworn',
    status: 200,
    body: JSON.stringify({ profession: 'psychologue', recipient: 'juge-instruction', facts: { sworn_testimony: true } }),
  },
  { name: 'malformed JSON', status: 400, body: '{"profession": "medecin", ' },
  { name: 'unknown fact', status: 400, body: JSON.stringify({ profession: 'medecin', facts: { not_a_fact: true } }) },
  { name: 'unknown profession', status: 400, body: JSON.stringify({ profession: 'astronaute', facts: {} }) },
  { name: 'fact of the wrong type', status: 400, body: JSON.stringify({ profession: 'medecin', facts: { professional_context: 'oui' } }) },
  { name: 'Cypher in an id', status: 400, body: JSON.stringify({ profession: "medecin'}) DETACH DELETE n //", facts: {} }) },
  { name: '__proto__ fact', status: 400, body: '{"profession":"medecin","facts":{"__proto__":{"professional_context":true}}}' },
  { name: 'body too large', status: 413, body: JSON.stringify({ profession: 'medecin', padding: 'x'.repeat(20_000) }) },
];

export interface SoakReport {
  engine: string;
  seconds: number;
  connections: number;
  requests: number;
  '2xx': number;
  '4xx': number;
  '5xx': number;
  other: number;
  errors: number;
  timeouts: number;
  /** answers whose status was not the one their body deserves */
  unexpected: number;
  unexpectedExamples: string[];
  latencyMs: { p50: number; p99: number; max: number };
  heapBefore: number;
  heapAfter: number;
  heapGrowth: number;
  ok: boolean;
}

// ---------- the server side (child process) ----------

async function serve(engine: string, neo4jUri: string | undefined): Promise<void> {
  const { pino } = await import('pino');
  const { createApp, startWebServer } = await import('../server/api/app.ts');
  const store =
    engine === 'neo4j'
      ? await (await import('../server/store/neo4j/Neo4jGraphStore.ts')).Neo4jGraphStore.connect({ uri: neo4jUri! })
      : new (await import('../server/store/memory/MemoryGraphStore.ts')).MemoryGraphStore((await import('../server/graph/load.ts')).loadGraphData());
  const app = createApp({ store, logger: pino({ level: 'error' }), rateLimitPerMinute: 0, clientDir: '/nonexistent' });
  const server = await startWebServer(app);
  const gc = globalThis.gc;
  if (!gc) throw new Error('the soak server needs --expose-gc');
  const settledHeap = async () => {
    // Let the load's sockets close first: they are the load's, not a leak.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    return process.memoryUsage().heapUsed;
  };
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'heap') process.send!({ type: 'heap', heapUsed: await settledHeap() });
    if (message.type === 'stop') {
      await server.close();
      await store.close();
      process.exit(0);
    }
  });
  process.send!({ type: 'ready', url: server.url });
}

// ---------- the load side ----------

function ask<T>(child: ChildProcess, type: string, request?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) => reject(new Error(`the soak server exited (code ${code}) while waiting for "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (request) child.send(request);
  });
}

export async function runSoak(options: { seconds: number; engine: 'memory' | 'neo4j'; connections: number; neo4jUri?: string }): Promise<SoakReport> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let neo4jUri = options.neo4jUri;
  let stopNeo4j: (() => Promise<void>) | undefined;
  if (options.engine === 'neo4j' && !neo4jUri) {
    const { startNeo4j } = await import('./neo4j/server.ts');
    const { loadGraphData } = await import('../server/graph/load.ts');
    const { Neo4jGraphStore } = await import('../server/store/neo4j/Neo4jGraphStore.ts');
    const { Neo4jGraphLoader } = await import('../server/store/neo4j/Neo4jGraphLoader.ts');
    const neo4j = await startNeo4j({ heap: process.env.NEO4J_HEAP ?? '1g' });
    stopNeo4j = async () => {
      await neo4j.stop();
      rmSync(neo4j.home, { recursive: true, force: true });
    };
    neo4jUri = neo4j.uri;
    const store = await Neo4jGraphStore.connect({ uri: neo4jUri });
    try {
      await new Neo4jGraphLoader(store.neo4jDriver).replaceGraph(loadGraphData());
    } finally {
      await store.close();
    }
  }

  const child = fork(fileURLToPath(import.meta.url), ['--serve', '--engine', options.engine, ...(neo4jUri ? ['--neo4j-uri', neo4jUri] : [])], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { url } = await ask<{ url: string }>(child, 'ready');
    const unexpectedExamples: string[] = [];
    let unexpected = 0;
    // Round robin over all connections, so that the mix holds however few requests each connection makes.
    let next = 0;
    const requests: AutocannonRequest[] = [
      {
        method: 'POST',
        path: '/api/assess',
        headers: json,
        setupRequest: (request, context) => {
          context.sent = SOAK_BODIES[next++ % SOAK_BODIES.length];
          return { ...request, body: context.sent.body };
        },
        onResponse: (got, text, context) => {
          const { name, status } = context.sent!;
          if (got === status) return;
          unexpected++;
          if (unexpectedExamples.length < 5) unexpectedExamples.push(`${name}: ${got} instead of ${status}: ${text.slice(0, 200)}`);
        },
      },
    ];
    const load = (duration: number) => autocannon({ url, connections: options.connections, duration, timeout: TIMEOUT_SECONDS, requests });

    await load(Math.min(WARM_UP_SECONDS, options.seconds));
    unexpected = 0;
    unexpectedExamples.length = 0;
    const { heapUsed: heapBefore } = await ask<{ heapUsed: number }>(child, 'heap', { type: 'heap' });
    const result = await load(options.seconds);
    const { heapUsed: heapAfter } = await ask<{ heapUsed: number }>(child, 'heap', { type: 'heap' });

    const requestsDone = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
    const heapGrowth = (heapAfter - heapBefore) / heapBefore;
    const report: SoakReport = {
      engine: options.engine,
      seconds: options.seconds,
      connections: options.connections,
      requests: requestsDone,
      '2xx': result['2xx'],
      '4xx': result['4xx'],
      '5xx': result['5xx'],
      other: result['1xx'] + result['3xx'],
      errors: result.errors,
      timeouts: result.timeouts,
      unexpected,
      unexpectedExamples,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      heapBefore,
      heapAfter,
      heapGrowth,
      ok: false,
    };
    report.ok =
      requestsDone > 0 &&
      report['5xx'] === 0 &&
      report.other === 0 &&
      report.errors === 0 &&
      report.timeouts === 0 &&
      unexpected === 0 &&
      heapGrowth <= HEAP_TOLERANCE;
    return report;
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    }
    await stopNeo4j?.();
  }
}

export function describeReport(r: SoakReport): string {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return [
    `soak: ${r.engine}, ${r.seconds} s, ${r.connections} connections, POST /api/assess (${SOAK_BODIES.length} bodies, valid and invalid)`,
    `  requests   ${r.requests}  (2xx ${r['2xx']}, 4xx ${r['4xx']}, 5xx ${r['5xx']}, other ${r.other})`,
    `  errors     ${r.errors}  timeouts (> ${TIMEOUT_SECONDS} s) ${r.timeouts}  unexpected status ${r.unexpected}`,
    ...r.unexpectedExamples.map((e) => `    ${e}`),
    `  latency    p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`,
    `  heap       before ${mb(r.heapBefore)}, after ${mb(r.heapAfter)} (${(r.heapGrowth * 100).toFixed(1)} %, limit +${HEAP_TOLERANCE * 100} %)`,
    `  ${r.ok ? 'OK' : 'FAILED'}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      engine: { type: 'string', default: 'memory' },
      connections: { type: 'string', default: '100' },
      'neo4j-uri': { type: 'string' },
      json: { type: 'boolean', default: false },
      serve: { type: 'boolean', default: false },
    },
  });
  if (values.engine !== 'memory' && values.engine !== 'neo4j') throw new Error(`--engine is memory or neo4j, not "${values.engine}"`);
  if (values.serve) return serve(values.engine, values['neo4j-uri']);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  if (!(Number.isInteger(seconds) && seconds > 0)) throw new Error(`--seconds must be a positive integer, not "${values.seconds}"`);
  if (!(Number.isInteger(connections) && connections > 0)) throw new Error(`--connections must be a positive integer, not "${values.connections}"`);
  const report = await runSoak({ seconds, engine: values.engine, connections, neo4jUri: values['neo4j-uri'] });
  console.log(describeReport(report));
  if (values.json) console.log(`SOAK_REPORT ${JSON.stringify(report)}`);
  process.exitCode = report.ok ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  });
}
