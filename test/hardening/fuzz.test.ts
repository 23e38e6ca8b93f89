// Property-based fuzzing of every endpoint, in-process, on the in-memory
// engine: whatever people paste, the answer is a 2xx or 4xx JSON of the
// documented shape, never a 5xx, and the graph does not move.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, DEFAULT_BODY_LIMIT_BYTES, startWebServer, type RunningServer } from '../../server/api/app.ts';
import { endpoints } from '../../server/api/endpoints.ts';
import { loadGraphData } from '../../server/graph/load.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { memoryChecksum, type Checksum } from './graphChecksum.ts';
import { anyRequest, closeFuzzAgent, nastyText, pct, PROTOTYPE_KEYS, send, violation, vocabularyOf, type RawRequest } from './httpFuzz.ts';

/** Cases per property; FUZZ_RUNS raises it for a longer hunt, FUZZ_SEED replays one. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_500);
const seed = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {};

const data = loadGraphData();
const vocabulary = vocabularyOf(data);
const store = new MemoryGraphStore(data);
const loggedErrors: string[] = [];
const errorLog = new Writable({
  write(line, _encoding, done) {
    loggedErrors.push(String(line));
    done();
  },
});
let server: RunningServer;
let before: Checksum;
let cases = 0;

beforeAll(async () => {
  before = await memoryChecksum(data, store);
  const logger = pino({ level: 'error' }, errorLog);
  server = await startWebServer(createApp({ store, logger, rateLimitPerMinute: 0, clientDir: '/nonexistent' }));
});
afterAll(async () => {
  closeFuzzAgent();
  await server?.close();
  console.log(`[hardening] memory fuzz: ${cases} generated requests`);
});

async function answer(req: RawRequest) {
  cases++;
  return send(server.url, req);
}

describe('the API under hostile input (in-memory engine)', () => {
  it('answers every request with a 2xx or 4xx JSON of the documented shape', async () => {
    await fc.assert(
      fc.asyncProperty(anyRequest(vocabulary), async (req) => {
        const res = await answer(req);
        expect(violation(req, res)).toBeUndefined();
      }),
      { numRuns: RUNS, ...seed },
    );
  }, 300_000);

  it('finds a node by its exact id and by nothing else, whatever the text', async () => {
    const ids = new Set(vocabulary.ids);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          nastyText(vocabulary.words).filter((t) => t !== ''),
          fc.constantFrom(...vocabulary.ids),
        ),
        async (text) => {
          const id = Buffer.from(text, 'utf8').toString('utf8'); // what the server decodes (a lone surrogate becomes U+FFFD)
          // Node refuses a request whose line and headers pass 16 KiB (431) before the API sees it; near the
          // limit the headers decide, and an id that long is refused by the API anyway (400).
          const path = `/api/nodes/${pct(text)}`;
          const expected = path.length > 16_384 ? [431] : [...id].length > 200 ? (path.length > 16_000 ? [400, 431] : [400]) : ids.has(id) ? [200] : [404];
          const res = await answer({ method: 'GET', path, headers: {} });
          expect(expected, id.slice(0, 80)).toContain(res.status);
          if (res.status === 200) expect(JSON.parse(res.text).id).toBe(id);
          if (res.status === 404) expect(JSON.parse(res.text).error.code).toBe('unknown_id');
          if (res.status === 431) expect(JSON.parse(res.text).error.code).toBe('request_too_large');
        },
      ),
      { numRuns: Math.ceil(RUNS / 3), ...seed },
    );
  }, 120_000);

  it('refuses any fact outside the vocabulary or not a boolean, naming it, __proto__ included', async () => {
    const known = new Set(vocabulary.facts);
    const key = fc.oneof(fc.constantFrom(...vocabulary.facts), fc.constantFrom(...PROTOTYPE_KEYS), nastyText(vocabulary.words));
    const value = fc.oneof(fc.boolean(), fc.constantFrom('true', 'oui', 1, 0, null, [], {}, { x: 1 }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...vocabulary.professions),
        fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 5 }),
        async (profession, entries) => {
          // Written by hand so that "__proto__" is an own key of the JSON text, as a caller would send it.
          const facts = new Map(entries);
          const body = `{"profession":${JSON.stringify(profession)},"facts":{${[...facts].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}}`;
          const bad = [...facts].filter(([k, v]) => !known.has(k) || typeof v !== 'boolean').map(([k]) => k);
          const res = await answer({ method: 'POST', path: '/api/assess', headers: { 'content-type': 'application/json' }, body });
          // Long keys can make a body larger than the API takes: that is refused as too large, before any fact is read.
          if (Buffer.byteLength(body) > DEFAULT_BODY_LIMIT_BYTES) {
            expect(res.status, body.slice(0, 200)).toBe(413);
            return;
          }
          if (!bad.length) {
            expect(res.status).toBe(200);
            return;
          }
          expect(res.status, body.slice(0, 200)).toBe(400);
          const fields = (JSON.parse(res.text) as { error: { fields?: { field: string }[] } }).error.fields ?? [];
          expect(
            fields.some((f) => bad.some((k) => f.field === `facts.${k}`)),
            `${body.slice(0, 200)} → ${res.text.slice(0, 200)}`,
          ).toBe(true);
        },
      ),
      { numRuns: Math.ceil(RUNS / 3), ...seed },
    );
  }, 120_000);

  it('reads Lucene and Cypher metacharacters between words as spaces', async () => {
    const junk = fc
      .array(fc.constantFrom(...'+-&|!(){}[]^"~*?:\\/\'`;$%<>=#@,.'.split(''), '&&', '||', '/*', '*/', '//'), { minLength: 1, maxLength: 6 })
      .map((a) => a.join(''));
    const words = fc.array(fc.constantFrom('secret', 'medecin', 'procureur', 'danger', '458', 'mineur', 'police', 'art', 'juge', 'cpas'), {
      minLength: 1,
      maxLength: 3,
    });
    await fc.assert(
      fc.asyncProperty(words, junk, async (ws, j) => {
        const plain = await answer({ method: 'GET', path: `/api/search?q=${pct(ws.join(' '))}`, headers: {} });
        const salted = await answer({ method: 'GET', path: `/api/search?q=${pct(ws.join(` ${j} `))}`, headers: {} });
        expect(salted.status).toBe(200);
        expect(JSON.parse(salted.text).hits).toEqual(JSON.parse(plain.text).hits);
      }),
      { numRuns: Math.ceil(RUNS / 5), ...seed },
    );
  }, 120_000);

  it('stayed up, logged no server error and left the graph as it was', async () => {
    const health = await send(server.url, { method: 'GET', path: '/api/health', headers: {} });
    expect(health.status).toBe(200);
    expect(server.server.listening).toBe(true);
    expect(loggedErrors).toEqual([]);
    expect(await memoryChecksum(data, store)).toEqual(before);
  });
});

describe('a read-only API', () => {
  it('serves GET only, except POST /api/assess and POST /api/reform (questions in a body, nothing stored); every other verb is a 404 JSON', async () => {
    expect(endpoints.filter((e) => e.method !== 'get').map((e) => `${e.method} ${e.path}`)).toEqual(['post /api/reform', 'post /api/assess']);
    for (const e of endpoints) {
      const path = e.path.replace(':id', 'medecin');
      for (const method of ['PUT', 'PATCH', 'DELETE', e.method === 'get' ? 'POST' : 'GET']) {
        const res = await send(server.url, { method, path, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(JSON.parse(res.text).error.code).toBe('not_found');
      }
    }
  });

  it('sends the security headers on errors too (400, 404, 413, 415)', async () => {
    const answers = await Promise.all([
      send(server.url, { method: 'GET', path: '/api/search', headers: {} }),
      send(server.url, { method: 'GET', path: '/api/nodes/nobody', headers: {} }),
      send(server.url, {
        method: 'POST',
        path: '/api/assess',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pad: 'x'.repeat(20_000) }),
      }),
      send(server.url, { method: 'POST', path: '/api/assess', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([400, 404, 413, 415]);
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('answers a CORS preflight from any origin without allowing it when no origin is configured', async () => {
    const res = await send(server.url, {
      method: 'OPTIONS',
      path: '/api/assess',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-methods']).toBeUndefined();
  });
});
