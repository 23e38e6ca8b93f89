// The HTTP targets, in a process of their own so that the load generator
// (bench/run.ts, autocannon) does not share their event loop: the real API on
// one engine (with and without its answer cache) and, beside it, a bare Express app and a bare node:http server
// that answer the same bytes the API answered, without doing any work.
// Started with IPC; replies { ports } once everything listens.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { createApp, startWebServer } from '../server/api/app.ts';
import { loadGraphData } from '../server/graph/load.ts';
import type { GraphStore } from '../server/store/GraphStore.ts';
import { MemoryGraphStore } from '../server/store/memory/MemoryGraphStore.ts';
import { Neo4jGraphStore } from '../server/store/neo4j/Neo4jGraphStore.ts';

export interface HttpTarget {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** a new body for each request, in turn (a stream of different questions); `body` is the first */
  bodies?: string[];
}

export interface HttpServersInput {
  engine: 'memory' | 'neo4j';
  neo4jUri?: string;
  targets: HttpTarget[];
  /** also serve the bare Express and node:http baselines */
  baselines: boolean;
}

export interface HttpServersReady {
  api: string;
  /** the same API with its answer cache off: every request computes its answer */
  apiUncached: string;
  /** no answer cache and no route-subgraph cache: every request asks the store and computes its answer */
  apiCold: string;
  express?: string;
  http?: string;
  /** bytes of each target's answer, which the baselines repeat */
  bodyBytes: Record<string, number>;
}

async function openStore(input: HttpServersInput): Promise<GraphStore> {
  if (input.engine === 'memory') return new MemoryGraphStore(loadGraphData());
  return Neo4jGraphStore.connect({ uri: input.neo4jUri! });
}

function listen(server: import('node:http').Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

async function start(input: HttpServersInput): Promise<HttpServersReady> {
  const store = await openStore(input);
  // Production logs every request at "info"; the lines go to /dev/null so the cost measured is pino's, not a terminal's.
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));
  const api = await startWebServer(createApp({ store, rateLimitPerMinute: 0, logger }));
  const apiUncached = await startWebServer(createApp({ store, rateLimitPerMinute: 0, logger, answerCacheBytes: 0 }));
  const apiCold = await startWebServer(createApp({ store, rateLimitPerMinute: 0, logger, answerCacheBytes: 0, subgraphCacheEntries: 0 }));

  const bodies = new Map<string, string>();
  for (const target of input.targets) {
    const response = await fetch(api.url + target.path, {
      method: target.method,
      headers: target.body ? { 'content-type': 'application/json' } : undefined,
      body: target.body,
    });
    if (!response.ok) throw new Error(`${target.method} ${target.path} answered ${response.status}: ${await response.text()}`);
    bodies.set(`${target.method} ${target.path.split('?')[0]}`, await response.text());
  }
  const bodyBytes = Object.fromEntries(input.targets.map((t) => [t.name, Buffer.byteLength(bodies.get(`${t.method} ${t.path.split('?')[0]}`)!)]));
  if (!input.baselines) return { api: api.url, apiUncached: apiUncached.url, apiCold: apiCold.url, bodyBytes };

  const bare = express();
  for (const [key, body] of bodies) {
    const [method, path] = key.split(' ');
    bare[method === 'POST' ? 'post' : 'get'](path, (_req, res) => void res.type('application/json').send(body));
  }
  const expressUrl = await listen(createServer(bare));

  const raw = new Map([...bodies].map(([key, body]) => [key, Buffer.from(body)]));
  const httpUrl = await listen(
    createServer((req, res) => {
      const body = raw.get(`${req.method} ${req.url!.split('?')[0]}`);
      req.resume();
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body);
    }),
  );
  return { api: api.url, apiUncached: apiUncached.url, apiCold: apiCold.url, express: expressUrl, http: httpUrl, bodyBytes };
}

/** What the bench asks of this process between runs: its CPU time, and CPU profiles of one run at a time. */
export type ServerCommand = { id: number } & ({ cpu: true } | { profile: 'start' } | { profile: 'stop'; file: string });

async function answer(command: ServerCommand, session: Promise<Session>): Promise<unknown> {
  if ('cpu' in command) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  const profiler = await session;
  if (command.profile === 'start') return profiler.post('Profiler.start');
  writeFileSync(command.file, JSON.stringify((await profiler.post('Profiler.stop')).profile));
}

if (process.send) {
  process.once('message', (input: HttpServersInput) => {
    start(input).then(
      (ready) => process.send!({ ok: true, ready }),
      (err: Error) => process.send!({ ok: false, error: err.stack ?? err.message }, () => process.exit(1)),
    );
    const session = (async () => {
      const profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      return profiler;
    })();
    process.on('message', (command: ServerCommand) => {
      void answer(command, session).then((value) => process.send!({ reply: command.id, value }));
    });
  });
  // The parent ends the run by disconnecting (or dying).
  process.on('disconnect', () => process.exit(0));
}
