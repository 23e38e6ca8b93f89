// SIGTERM while the real entry point (server/main.ts) is under load: the
// requests it has accepted are answered, new connections are refused, and the
// process exits 0. Spawned as `node --import tsx server/main.ts` rather than
// through npx, so that the signal and the exit code are main.ts's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/neo4j/server.ts';
import { Assessment } from '../../server/schema/api.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BODY = JSON.stringify({ profession: 'medecin', recipient: 'procureur-du-roi', facts: { grave_imminent_danger: true } });

interface Outcome {
  status?: number;
  error?: string;
  at: number;
}

/**
 * POST /api/assess. With `hold`, the request asks `Expect: 100-continue` and
 * sends its body only once hold() resolves: the server's "100 Continue" proves
 * it has read the headers, so the request is in flight, not merely connecting.
 */
function assess(port: number, agent: Agent, hold?: { received: () => void; release: Promise<void> }): Promise<Outcome & { text?: string }> {
  return new Promise((done) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) };
    if (hold) headers.expect = '100-continue';
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/assess', agent, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => done({ status: res.statusCode, text, at: performance.now() }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => done({ error: err.code ?? err.message, at: performance.now() }));
    if (!hold) return void req.end(BODY);
    req.on('continue', () => {
      hold.received();
      void hold.release.then(() => req.end(BODY));
    });
    req.flushHeaders();
  });
}

describe('SIGTERM under load', () => {
  let main: ChildProcess;
  let port: number;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  beforeAll(async () => {
    port = await freePort();
    main = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), GRAPH_ENGINE: 'memory', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((done) => main.once('exit', (code, signal) => done({ code, signal })));
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error('server/main.ts did not start in 60 s')), 60_000);
      createInterface({ input: main.stdout! }).on('line', (line) => {
        if (line.includes('"url"')) {
          clearTimeout(timer);
          ready();
        }
      });
    });
  }, 90_000);
  afterAll(() => {
    if (main.exitCode === null && main.signalCode === null) main.kill('SIGKILL');
  });

  it('answers the requests in flight, refuses new connections and exits 0', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    // Load: 20 keep-alive connections, each sending the next request as soon as the last is answered, until refused.
    const outcomes: Outcome[] = [];
    let running = true;
    const loops = Array.from({ length: 20 }, async () => {
      while (running) {
        const outcome = await assess(port, agent);
        outcomes.push(outcome);
        if (outcome.error) return;
      }
    });
    await new Promise((r) => setTimeout(r, 1_000));

    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const received: Promise<void>[] = [];
    const inFlight = Array.from({ length: 3 }, () => {
      let received_!: () => void;
      received.push(new Promise<void>((r) => (received_ = r)));
      return assess(port, new Agent({ keepAlive: false }), { received: received_, release: released });
    });
    await Promise.all(received);

    const signalledAt = performance.now();
    main.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    const late = await assess(port, new Agent({ keepAlive: false }));
    expect(late.error, 'a new connection after SIGTERM').toBe('ECONNREFUSED');

    release();
    const answered = await Promise.all(inFlight);
    for (const a of answered) {
      expect(a.status).toBe(200);
      expect(Assessment.safeParse(JSON.parse(a.text!)).success).toBe(true);
    }
    const exit = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000))]);
    running = false;
    await Promise.all(loops);
    agent.destroy();

    const errors = outcomes.filter((o) => o.error).map((o) => o.error);
    console.log(
      `[hardening] SIGTERM under load: ${outcomes.filter((o) => o.status).length} answers (${outcomes.filter((o) => o.status && o.at > signalledAt).length} after the signal), ${answered.length} held requests answered, connections ended: ${errors.join(', ')}; exit ${JSON.stringify(exit)}`,
    );
    expect(exit, 'main.ts exits by itself while the load goes on').toEqual({ code: 0, signal: null });
    expect(outcomes.filter((o) => o.status !== undefined && o.status >= 500)).toEqual([]);
    expect(outcomes.filter((o) => o.status === 200).length).toBeGreaterThan(20);
    // Accepted before the signal: answered. After it: refused or cut off between requests, never a half answer.
    for (const o of outcomes.filter((o) => o.error)) expect(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']).toContain(o.error);
    const servedAfter = outcomes.filter((o) => o.status && o.at > signalledAt + 1_000).length;
    expect(servedAfter, 'requests still served on kept-alive connections a second after SIGTERM').toBe(0);
  }, 60_000);
});
