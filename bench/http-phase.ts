// HTTP throughput and latency with autocannon (its programmatic API), run
// from this process against servers in a child process (bench/http-servers.ts):
// the real API on each engine, and a bare Express and a bare node:http server
// answering the same bytes, back to back, so each API figure has its ceilings
// measured under the same conditions.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { loadGraphData } from '../server/graph/load.ts';
import { Neo4jGraphLoader } from '../server/store/neo4j/Neo4jGraphLoader.ts';
import { Neo4jGraphStore } from '../server/store/neo4j/Neo4jGraphStore.ts';
import { startNeo4j } from '../scripts/neo4j/server.ts';
import type { HttpServersInput, HttpServersReady, HttpTarget, ServerCommand } from './http-servers.ts';
import { cpuMs } from './process-usage.ts';
import { EXAMPLES } from './queries.ts';

export interface HttpPlan {
  connections: number[];
  durationS: number;
  warmUpS: number;
  /** quiet time before and after each measured run */
  pauseMs: number;
  /** connection counts for the API on Neo4j; none: Neo4j is not started */
  neo4jConnections: number[];
  /** connection counts at which the API also runs with its answer cache off (on Neo4j: assess only, for time) */
  uncachedConnections: number[];
  /** connection counts of the cold assess runs (a new question each request, no cache at all), on each engine started */
  coldConnections: number[];
  /** write a V8 CPU profile of the API process to this directory */
  profileDir?: string;
}

export const HTTP_SERVERS = [
  'api (memory)',
  'api (memory), no answer cache',
  'api (neo4j)',
  'api (neo4j), no answer cache',
  'api (memory), cold',
  'api (neo4j), cold',
  'bare express',
  'bare node:http',
] as const;
export type HttpServerName = (typeof HTTP_SERVERS)[number];

export interface HttpRun {
  target: string;
  server: HttpServerName;
  connections: number;
  bodyBytes: number;
  /** requests per second: mean and standard deviation over the seconds of the run */
  requestsPerSecond: number;
  requestsStddev: number;
  latencyP50: number;
  latencyP99: number;
  /** non-2xx answers, socket errors and timeouts */
  failures: number;
  /** requests answered in the measured run */
  requests?: number;
  /** CPU time the server's Node process spent per answered request (ms): unlike req/s, unmoved by other load on the machine */
  cpuMsPerRequest: number;
  /** the same for the Neo4j JVM */
  jvmCpuMsPerRequest?: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export const HTTP_TARGETS: HttpTarget[] = [
  { name: 'POST /api/assess', method: 'POST', path: '/api/assess', body: JSON.stringify(EXAMPLES.assess) },
  { name: 'GET /api/disclosure', method: 'GET', path: `/api/disclosure?profession=${EXAMPLES.disclosure}` },
  { name: 'GET /api/search', method: 'GET', path: `/api/search?q=${EXAMPLES.searches[0]}` },
];

const SERVERS_FILE = resolve(import.meta.dirname, 'http-servers.ts');

async function startServers(input: HttpServersInput): Promise<{ child: ChildProcess; ready: HttpServersReady }> {
  const child = fork(SERVERS_FILE, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<HttpServersReady>((resolveReady, reject) => {
    child.once('message', (message: { ok: boolean; ready?: HttpServersReady; error?: string }) =>
      message.ok ? resolveReady(message.ready!) : reject(new Error(message.error)),
    );
    child.once('exit', (code) => reject(new Error(`HTTP servers exited (code ${code}) before they were ready`)));
    child.send(input);
  });
  return { child, ready };
}

async function stopServers(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function cannon(base: string, target: HttpTarget, connections: number, durationS: number) {
  const headers = target.body ? { 'content-type': 'application/json' } : undefined;
  if (target.bodies?.length) {
    // One counter for every connection: each request asks the next question, so no two running requests are the same.
    const bodies = target.bodies;
    let next = 0;
    return autocannon({
      url: base + target.path,
      connections,
      duration: durationS,
      requests: [{ method: target.method, path: target.path, headers, setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
    });
  }
  return autocannon({ url: base + target.path, method: target.method, headers, body: target.body, connections, duration: durationS });
}

/**
 * Cold assess: a different question every request — each (profession, recipient)
 * pair of the real graph, in a shuffled order — against an API with no answer
 * cache and no route-subgraph cache, so each request asks the store (on Neo4j,
 * its Cypher through the bounded queue) and computes its answer.
 */
export function coldAssessTarget(): HttpTarget {
  const graph = loadGraphData();
  const ids = (type: string) => graph.nodes.filter((n) => n.type === type).map((n) => n.id);
  const bodies: string[] = [];
  for (const profession of ids('Profession'))
    for (const recipient of ids('Recipient')) bodies.push(JSON.stringify({ profession, recipient, facts: { professional_context: true } }));
  // A fixed shuffle (seeded LCG): consecutive requests do not share a profession.
  let seed = 20261202;
  for (let i = bodies.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [bodies[i], bodies[j]] = [bodies[j], bodies[i]];
  }
  return { name: 'POST /api/assess, a new question each request', method: 'POST', path: '/api/assess', body: bodies[0], bodies };
}

/** Every cold body answers 200 (a 4xx would be counted as a failure of the engine); returns their mean size in bytes. */
async function checkColdBodies(url: string, target: HttpTarget): Promise<number> {
  let bytes = 0;
  for (const body of target.bodies!) {
    const response = await fetch(url + target.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await response.text();
    if (!response.ok) throw new Error(`cold assess ${body} answered ${response.status}: ${text.slice(0, 200)}`);
    bytes += Buffer.byteLength(text);
  }
  return Math.round(bytes / target.bodies!.length);
}

let commands = 0;

/** Sends a command to the servers' process and waits for its reply. */
function ask<T>(child: ChildProcess, command: DistributiveOmit<ServerCommand, 'id'>): Promise<T> {
  const id = ++commands;
  return new Promise((done) => {
    const listener = (message: { reply?: number; value?: T }) => {
      if (message.reply !== id) return;
      child.off('message', listener);
      done(message.value as T);
    };
    child.on('message', listener);
    child.send({ ...command, id });
  });
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function measure(
  servers: { child: ChildProcess; url: string; jvmPid?: number },
  server: HttpRun['server'],
  target: HttpTarget,
  connections: number,
  plan: HttpPlan,
  bodyBytes: number,
): Promise<HttpRun> {
  if (plan.warmUpS > 0) await cannon(servers.url, target, connections, plan.warmUpS);
  // Requests still queued when a run stops are served before the next one starts: let them drain.
  await pause(plan.pauseMs);
  const profiled = plan.profileDir && server.startsWith('api');
  if (profiled) await ask(servers.child, { profile: 'start' });
  const cpuBefore = await ask<number>(servers.child, { cpu: true });
  const jvmBefore = servers.jvmPid ? cpuMs(servers.jvmPid) : 0;
  const result = await cannon(servers.url, target, connections, plan.durationS);
  const serverMs = (await ask<number>(servers.child, { cpu: true })) - cpuBefore;
  const jvmMs = servers.jvmPid ? cpuMs(servers.jvmPid) - jvmBefore : undefined;
  if (profiled) {
    const name = `${server.replace(/\W+/g, '-')}-${target.name.replace(/\W+/g, '-')}-c${connections}.cpuprofile`.replace(/-+/g, '-');
    await ask(servers.child, { profile: 'stop', file: resolve(plan.profileDir!, name) });
  }
  await pause(plan.pauseMs);
  const run: HttpRun = {
    target: target.name,
    server,
    connections,
    bodyBytes,
    requestsPerSecond: Math.round(result.requests.average),
    requestsStddev: Math.round(result.requests.stddev),
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    requests: result.requests.total,
    cpuMsPerRequest: round2(serverMs / Math.max(1, result.requests.total)),
    jvmCpuMsPerRequest: jvmMs === undefined ? undefined : round2(jvmMs / Math.max(1, result.requests.total)),
  };
  const cpu = `${run.cpuMsPerRequest} ms CPU/req${run.jvmCpuMsPerRequest === undefined ? '' : ` + ${run.jvmCpuMsPerRequest} JVM`}`;
  console.error(
    `  http ${server} ${target.name} c=${connections}: ${run.requestsPerSecond} req/s, p99 ${run.latencyP99} ms, ${cpu}${run.failures ? `, ${run.failures} failures` : ''}`,
  );
  return run;
}

export async function runHttpPhase(plan: HttpPlan): Promise<HttpRun[]> {
  if (plan.profileDir) mkdirSync(plan.profileDir, { recursive: true });
  const runs: HttpRun[] = [];
  const cold = coldAssessTarget();
  let coldBytes = 0;
  const memory = await startServers({ engine: 'memory', targets: HTTP_TARGETS, baselines: true });
  const on = (url: string) => ({ child: memory.child, url });
  try {
    for (const target of HTTP_TARGETS) {
      const bytes = memory.ready.bodyBytes[target.name];
      for (const connections of plan.connections) {
        runs.push(await measure(on(memory.ready.api), 'api (memory)', target, connections, plan, bytes));
        if (plan.uncachedConnections.includes(connections)) {
          runs.push(await measure(on(memory.ready.apiUncached), 'api (memory), no answer cache', target, connections, plan, bytes));
        }
        runs.push(await measure(on(memory.ready.express!), 'bare express', target, connections, plan, bytes));
        runs.push(await measure(on(memory.ready.http!), 'bare node:http', target, connections, plan, bytes));
      }
    }
    coldBytes = await checkColdBodies(memory.ready.apiCold, cold);
    for (const connections of plan.coldConnections)
      runs.push(await measure(on(memory.ready.apiCold), 'api (memory), cold', cold, connections, plan, coldBytes));
  } finally {
    await stopServers(memory.child);
  }
  if (!plan.neo4jConnections.length) return runs;

  const neo4j = await startNeo4j({ readyTimeoutMs: 240_000 });
  try {
    const loading = await Neo4jGraphStore.connect({ uri: neo4j.uri });
    try {
      await new Neo4jGraphLoader(loading.neo4jDriver).replaceGraph(loadGraphData());
    } finally {
      await loading.close();
    }
    const servers = await startServers({ engine: 'neo4j', neo4jUri: neo4j.uri, targets: HTTP_TARGETS, baselines: false });
    try {
      for (const target of HTTP_TARGETS) {
        for (const connections of plan.neo4jConnections) {
          const on = (url: string) => ({ child: servers.child, url, jvmPid: neo4j.pid });
          const bytes = servers.ready.bodyBytes[target.name];
          runs.push(await measure(on(servers.ready.api), 'api (neo4j)', target, connections, plan, bytes));
          if (plan.uncachedConnections.includes(connections) && target.method === 'POST') {
            runs.push(await measure(on(servers.ready.apiUncached), 'api (neo4j), no answer cache', target, connections, plan, bytes));
          }
        }
      }
      const on = (url: string) => ({ child: servers.child, url, jvmPid: neo4j.pid });
      for (const connections of plan.coldConnections)
        runs.push(await measure(on(servers.ready.apiCold), 'api (neo4j), cold', cold, connections, plan, coldBytes));
    } finally {
      await stopServers(servers.child);
    }
  } finally {
    await neo4j.stop();
    rmSync(neo4j.home, { recursive: true, force: true });
  }
  return runs;
}
