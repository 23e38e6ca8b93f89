// The Neo4j engine under hostile input, load and faults, on one real server
// (each start costs 15–45 s): injection answered like the in-memory engine
// answers it, read transactions only, the soak, a loader killed mid-
// transaction, and Neo4j stopped and restarted under a running API.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import neo4j, { type Driver, type Session, type SessionConfig } from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNeo4j, type Neo4jServer } from '../../scripts/neo4j/server.ts';
import { describeReport, runSoak } from '../../scripts/soak.ts';
import { createApp, startWebServer, type RunningServer } from '../../server/api/app.ts';
import { loadGraphData } from '../../server/graph/load.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { Neo4jGraphLoader } from '../../server/store/neo4j/Neo4jGraphLoader.ts';
import { Neo4jGraphStore } from '../../server/store/neo4j/Neo4jGraphStore.ts';
import { neo4jSkipReason, startTestNeo4j, type TestNeo4j } from '../support/neo4j.ts';
import { neo4jChecksum, type Checksum } from './graphChecksum.ts';
import { anyRequest, closeFuzzAgent, CYPHER, LUCENE, nastyText, pct, send, violation, vocabularyOf, type RawRequest, type RawResponse } from './httpFuzz.ts';

const skip = neo4jSkipReason();
const RUNS = Number(process.env.NEO4J_FUZZ_RUNS ?? 200);
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 10);
const SLOW_LOAD = resolve(import.meta.dirname, 'slowLoad.ts');
const seed = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {};

interface SessionRecord {
  mode: string;
  calls: string[];
  timeouts: unknown[];
}

/** Records every session the store opens on its driver, and what is done with it. */
function spyOnSessions(driver: Driver): { sessions: SessionRecord[]; restore(): void } {
  const sessions: SessionRecord[] = [];
  const original = driver.session;
  driver.session = function (this: Driver, config?: SessionConfig): Session {
    const session = original.call(this, config);
    const record: SessionRecord = { mode: config?.defaultAccessMode ?? neo4j.session.WRITE, calls: [], timeouts: [] };
    sessions.push(record);
    for (const name of ['run', 'executeRead', 'executeWrite', 'beginTransaction'] as const) {
      const method = (session[name] as (...args: unknown[]) => unknown).bind(session);
      (session as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        record.calls.push(name);
        if (name === 'executeRead' || name === 'executeWrite') record.timeouts.push((args[1] as { timeout?: number } | undefined)?.timeout);
        return method(...args);
      };
    }
    return session;
  };
  return { sessions, restore: () => void (driver.session = original) };
}

describe.skipIf(skip)('the Neo4j engine under hostile input, load and faults', () => {
  const data = loadGraphData();
  const vocabulary = vocabularyOf(data);
  const loggedErrors: string[] = [];
  let server: TestNeo4j;
  let restarted: Neo4jServer | undefined;
  let store: Neo4jGraphStore;
  let api: RunningServer;
  let twin: RunningServer;
  let spy: ReturnType<typeof spyOnSessions>;
  let loaded: Checksum;
  let cases = 0;

  beforeAll(async () => {
    server = await startTestNeo4j();
    store = await Neo4jGraphStore.connect({ uri: server.uri });
    await new Neo4jGraphLoader(store.neo4jDriver).replaceGraph(data);
    loaded = await neo4jChecksum(store.neo4jDriver);
    spy = spyOnSessions(store.neo4jDriver);
    const errorLog = new Writable({
      write(line, _encoding, done) {
        loggedErrors.push(String(line));
        done();
      },
    });
    const options = { rateLimitPerMinute: 0, clientDir: '/nonexistent' };
    api = await startWebServer(createApp({ store, logger: pino({ level: 'error' }, errorLog), ...options }));
    twin = await startWebServer(createApp({ store: new MemoryGraphStore(data), logger: pino({ level: 'silent' }), ...options }));
    // A JVM's start, a first load and its query plans on a busy 2-core machine: the wait is for them, not a clock.
  }, 900_000);
  afterAll(async () => {
    closeFuzzAgent();
    await api?.close();
    await twin?.close();
    await store?.close();
    await restarted?.stop();
    await server?.dispose();
    console.log(`[hardening] neo4j fuzz: ${cases} generated requests, each also sent to the in-memory engine`);
  });

  /** The same request to Neo4j and to the in-memory engine: same status, same answer. */
  async function both(req: RawRequest): Promise<RawResponse> {
    cases++;
    const [fromNeo4j, fromMemory] = await Promise.all([send(api.url, req), send(twin.url, req)]);
    expect(violation(req, fromNeo4j)).toBeUndefined();
    expect(fromNeo4j.status, `${req.method} ${req.path.slice(0, 120)}`).toBe(fromMemory.status);
    if (!req.path.startsWith('/api/health')) expect(JSON.parse(fromNeo4j.text)).toEqual(JSON.parse(fromMemory.text));
    return fromNeo4j;
  }

  describe('injection', () => {
    it('answers every hostile request as the in-memory engine does', async () => {
      await fc.assert(
        fc.asyncProperty(anyRequest(vocabulary), async (req) => void (await both(req))),
        { numRuns: RUNS, ...seed },
      );
    }, 300_000);

    it('treats Cypher and Lucene syntax in search, ids and query strings as plain text', async () => {
      const syntax = fc.oneof(fc.constantFrom(...CYPHER, ...LUCENE), nastyText(vocabulary.words));
      const request = fc.oneof(
        syntax.map((q) => `/api/search?q=${pct(q)}`),
        syntax.map((q) => `/api/search?q=${pct(`secret ${q} medecin`)}&types=Provision,Exception`),
        syntax.map((id) => `/api/nodes/${pct(id)}`),
        syntax.map((id) => `/api/nodes/${pct(id)}/neighbourhood?depth=3`),
        fc.tuple(syntax, fc.constantFrom(...vocabulary.ids)).map(([a, b]) => `/api/paths?from=${pct(b)}&to=${pct(a)}`),
        syntax.map((p) => `/api/disclosure?profession=medecin&recipient=${pct(p)}`),
      );
      await fc.assert(
        fc.asyncProperty(request, async (path) => {
          const res = await both({ method: 'GET', path, headers: {} });
          expect([200, 400, 404, 431]).toContain(res.status);
        }),
        { numRuns: RUNS, ...seed },
      );
      for (const profession of CYPHER) {
        await both({ method: 'POST', path: '/api/assess', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profession, facts: {} }) });
      }
    }, 300_000);

    it('opened read sessions only, each transaction with a timeout, and logged no server error', () => {
      spy.restore();
      expect(spy.sessions.length).toBeGreaterThan(100);
      expect(new Set(spy.sessions.map((s) => s.mode))).toEqual(new Set([neo4j.session.READ]));
      expect(new Set(spy.sessions.flatMap((s) => s.calls))).toEqual(new Set(['executeRead']));
      for (const timeout of spy.sessions.flatMap((s) => s.timeouts)) expect(timeout).toBeGreaterThan(0);
      expect(loggedErrors).toEqual([]);
    });

    it('is held to it by the server: a write in a read transaction is refused', async () => {
      const session = store.neo4jDriver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        await expect(session.executeRead((tx) => tx.run('CREATE (:Pwned)'))).rejects.toThrow(/read|access mode/i);
      } finally {
        await session.close();
      }
    });

    it('left the graph exactly as loaded', async () => {
      expect(await neo4jChecksum(store.neo4jDriver)).toEqual(loaded);
    });
  });

  describe('load', () => {
    it('computes the route subgraph once for a burst of identical first assessments, not once per request', async () => {
      // A fresh store has an empty route cache, as after a start or a reload.
      const fresh = await Neo4jGraphStore.connect({ uri: server.uri });
      const statements: string[] = [];
      const driver = fresh.neo4jDriver;
      const session = driver.session;
      driver.session = function (this: Driver, config?: SessionConfig): Session {
        const opened = session.call(this, config);
        const executeRead = opened.executeRead.bind(opened);
        opened.executeRead = (work, options) =>
          executeRead((tx) => {
            const run = tx.run.bind(tx);
            return work(
              Object.assign(Object.create(tx), { run: (query: string, params?: Record<string, unknown>) => (statements.push(query), run(query, params)) }),
            );
          }, options);
        return opened;
      };
      const burst = await startWebServer(createApp({ store: fresh, logger: pino({ level: 'silent' }), rateLimitPerMinute: 0, clientDir: '/nonexistent' }));
      try {
        const body = JSON.stringify({ profession: 'assistant-social', recipient: 'procureur-du-roi', facts: {} });
        const answers = await Promise.all(
          Array.from({ length: 30 }, () => send(burst.url, { method: 'POST', path: '/api/assess', headers: { 'content-type': 'application/json' }, body })),
        );
        expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
        expect(new Set(answers.map((a) => a.text)).size).toBe(1);
        expect(statements.filter((q) => q.includes('CALL (p)')).length).toBe(1);
      } finally {
        await burst.close();
        await fresh.close();
      }
    }, 120_000);

    it('queues questions past its in-flight limit, shares identical ones, and answers 503 with Retry-After only when the queue is full', async () => {
      const small = await Neo4jGraphStore.connect({ uri: server.uri, maxInFlight: 1, maxQueued: 1 });
      // Every read of this store waits at a gate the test opens: states, not timings, decide what the test sees.
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      let reads = 0;
      const driver = small.neo4jDriver;
      const session = driver.session;
      driver.session = function (this: Driver, config?: SessionConfig): Session {
        const opened = session.call(this, config);
        const executeRead = opened.executeRead.bind(opened);
        opened.executeRead = async (work, options) => {
          reads++;
          await gate;
          return executeRead(work, options);
        };
        return opened;
      };
      const overloaded = await startWebServer(createApp({ store: small, logger: pino({ level: 'silent' }), rateLimitPerMinute: 0, clientDir: '/nonexistent' }));
      try {
        const first = small.getNode('cp-458');
        const same = small.getNode('cp-458');
        const next = small.getNode('cp-458bis');
        expect(small.queueState).toEqual({ inFlight: 1, queued: 1, distinct: 2 });
        await expect(small.getNode('medecin')).rejects.toMatchObject({ name: 'EngineUnavailableError' });
        const refused = await send(overloaded.url, { method: 'GET', path: '/api/nodes/tms', headers: {} });
        expect(refused.status).toBe(503);
        expect(refused.headers['retry-after']).toBe('5');
        expect(JSON.parse(refused.text).error.code).toBe('engine_unavailable');
        open();
        const [a, b, c] = await Promise.all([first, same, next]);
        expect(a).toEqual(data.nodes.find((n) => n.id === 'cp-458'));
        // One read for the two identical questions, each caller with its own copy of the answer.
        expect(b).toEqual(a);
        expect(b).not.toBe(a);
        expect(c!.id).toBe('cp-458bis');
        expect(reads).toBe(2);
        expect(small.queueState).toEqual({ inFlight: 0, queued: 0, distinct: 0 });
        expect((await send(overloaded.url, { method: 'GET', path: '/api/nodes/tms', headers: {} })).status).toBe(200);
      } finally {
        await overloaded.close();
        await small.close();
      }
    }, 120_000);

    it('soaks POST /api/assess at 100 connections: no 5xx, no error, a flat heap, the graph unchanged', async () => {
      const report = await runSoak({ seconds: SOAK_SECONDS, engine: 'neo4j', connections: 100, neo4jUri: server.uri });
      console.log(`[hardening] ${describeReport(report)}`);
      expect(report.requests).toBeGreaterThan(0);
      expect(report).toMatchObject({ '5xx': 0, other: 0, errors: 0, timeouts: 0, unexpected: 0 });
      expect(report.heapGrowth).toBeLessThanOrEqual(0.1);
      expect(await neo4jChecksum(store.neo4jDriver)).toEqual(loaded);
    }, 180_000);
  });

  describe('faults', () => {
    it('keeps the previous graph whole when the loading process is killed halfway through its batches; the next load succeeds and removes what it left', async () => {
      const before = await neo4jChecksum(store.neo4jDriver);
      const loader = spawn(process.execPath, ['--import', 'tsx', SLOW_LOAD, server.uri, '20000'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<NodeJS.Signals | null>((done) => loader.once('exit', (_code, signal) => done(signal)));
      let stderr = '';
      loader.stderr!.on('data', (chunk) => (stderr += chunk));
      const lines: string[] = [];
      await new Promise<void>((ready, fail) => {
        const timer = setTimeout(() => fail(new Error(`the loader printed no batch in 90 s: ${stderr}`)), 90_000);
        createInterface({ input: loader.stdout! }).on('line', (line) => {
          lines.push(line);
          // Six batches of 500: 3,000 new nodes written and committed under a version no reader joins on.
          if (lines.filter((l) => l.startsWith('batch')).length === 6) {
            clearTimeout(timer);
            ready();
          }
        });
        void exited.then(() => fail(new Error(`the loader exited before it was killed: ${stderr}`)));
      });
      // A reader while the load is open sees the previous graph.
      expect(await neo4jChecksum(store.neo4jDriver)).toEqual(before);
      loader.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(lines).not.toContain('committed');

      expect(await neo4jChecksum(store.neo4jDriver)).toEqual(before);
      expect((await send(api.url, { method: 'GET', path: '/api/nodes/cp-458bis', headers: {} })).status).toBe(200);

      await new Neo4jGraphLoader(store.neo4jDriver).replaceGraph(data, { timeoutMs: 60_000 });
      // Nothing of the killed load (nor of the graph before) stays in the database.
      const everything = store.neo4jDriver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        const [all] = (await everything.run('MATCH (n) RETURN count(n) AS n')).records.map((r) => Number(r.get('n')));
        expect(all).toBe((await neo4jChecksum(store.neo4jDriver)).nodes);
      } finally {
        await everything.close();
      }
      const health = JSON.parse((await send(api.url, { method: 'GET', path: '/api/health', headers: {} })).text);
      expect(health).toEqual({ status: 'ok', engine: 'neo4j', nodes: data.nodes.length, edges: data.edges.length });
    }, 180_000);

    it('answers 503 with Retry-After, not 500, when every pooled connection is busy, and serves again once they are free', async () => {
      // The driver's default pool holds 100 connections: an open transaction keeps one.
      const sessions = Array.from({ length: 100 }, () => store.neo4jDriver.session({ defaultAccessMode: neo4j.session.READ }));
      const open = await Promise.all(sessions.map((s) => s.beginTransaction()));
      try {
        const res = await send(api.url, { method: 'GET', path: '/api/nodes/cp-458bis', headers: {} });
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(JSON.parse(res.text).error.code).toBe('engine_unavailable');
      } finally {
        await Promise.all(open.map((tx) => tx.rollback()));
        await Promise.all(sessions.map((s) => s.close()));
      }
      expect((await send(api.url, { method: 'GET', path: '/api/nodes/cp-458bis', headers: {} })).status).toBe(200);
    }, 60_000);

    it('answers 503 with Retry-After while Neo4j is down, and recovers by itself when it is back', async () => {
      const paths = [
        '/api/nodes/cp-458bis',
        '/api/nodes?type=Profession',
        '/api/nodes/medecin/neighbourhood?depth=2',
        '/api/search?q=secret%20medecin',
        '/api/disclosure?profession=medecin&recipient=procureur-du-roi',
        '/api/paths?from=medecin&to=procureur-du-roi',
        '/api/facts',
      ];
      const assess = {
        method: 'POST',
        path: '/api/assess',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ profession: 'medecin', recipient: 'procureur-du-roi', facts: { grave_imminent_danger: true } }),
      };
      const requests: RawRequest[] = [...paths.map((path) => ({ method: 'GET', path, headers: {} })), assess];
      const answers = async () => Promise.all(requests.map((req) => send(api.url, req)));
      const before = await answers();
      expect(before.map((r) => r.status)).toEqual(requests.map(() => 200));

      const { port, home } = server;
      await server.stop();
      const health = await send(api.url, { method: 'GET', path: '/api/health', headers: {} });
      expect(health.status).toBe(503);
      expect(health.headers['retry-after']).toBe('5');
      expect(JSON.parse(health.text)).toEqual({ status: 'unavailable', engine: 'neo4j' });
      for (const [i, res] of (await answers()).entries()) {
        // /api/facts is the one answer the service keeps; everything else needs the engine.
        if (requests[i].path === '/api/facts') continue;
        expect(res.status, requests[i].path).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(JSON.parse(res.text).error.code).toBe('engine_unavailable');
      }
      // Every answer above came back (503, not a hang on the driver's retries); the test's timeout is the only clock.
      expect(api.server.listening).toBe(true);

      restarted = await startNeo4j({ port, home, heap: process.env.NEO4J_TEST_HEAP ?? '1g', readyTimeoutMs: 240_000 });
      // A freshly restarted JVM on a busy machine may still time out a first heavy query (503, retry later):
      // recovery means every request answers 200 again, without restarting the API. Wait for that state,
      // however long a busy machine takes (the test's timeout is the only clock).
      let after = await answers();
      while (after.some((r) => r.status !== 200)) {
        expect(
          after.every((r) => r.status === 200 || r.status === 503),
          'only 503 while recovering',
        ).toBe(true);
        await new Promise((r) => setTimeout(r, 1_000));
        after = await answers();
      }
      expect(
        after.map((r) => r.status),
        'the API answers again without a restart',
      ).toEqual(requests.map(() => 200));
      expect((await send(api.url, { method: 'GET', path: '/api/health', headers: {} })).status).toBe(200);
      expect(after.map((r) => JSON.parse(r.text))).toEqual(before.map((r) => JSON.parse(r.text)));
      const unexpectedLogs = loggedErrors.filter((line) => !line.includes('Neo4j is unavailable'));
      expect(unexpectedLogs).toEqual([]);
    }, 300_000);
  });
});
