import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, startWebServer, type RunningServer } from '../../server/api/app.ts';
import { endpoints } from '../../server/api/endpoints.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { condition, tinyGraph } from '../support/tinyGraph.ts';

const graph = tinyGraph(
  [
    { id: 'dep', type: 'Profession', bound: true },
    { id: 'pros', type: 'Recipient' },
    { id: 'code', type: 'Instrument', kind: 'code' },
    { id: 'p458', type: 'Provision', summary: 'base', status: 'in_force', text: 'Les médecins…' },
    { id: 'e-1', type: 'Exception', effect: 'permits', summary: 'may tell' },
    condition('c-x', 'x'),
  ],
  [
    ['p458', 'PART_OF', 'code'],
    ['p458', 'ESTABLISHES', 'e-1'],
    ['e-1', 'APPLIES_TO', 'dep'],
    ['e-1', 'PERMITS_DISCLOSURE_TO', 'pros'],
    ['e-1', 'REQUIRES', 'c-x'],
  ],
  ['professional_context', 'x'],
);

const silent = pino({ level: 'silent' });
let server: RunningServer;
let limited: RunningServer;
let withCors: RunningServer;

beforeAll(async () => {
  const store = new MemoryGraphStore(graph);
  server = await startWebServer(createApp({ store, logger: silent, clientDir: '/nonexistent' }));
  limited = await startWebServer(createApp({ store, logger: silent, rateLimitPerMinute: 3, clientDir: '/nonexistent' }));
  withCors = await startWebServer(createApp({ store, logger: silent, corsOrigins: ['https://allowed.example'], clientDir: '/nonexistent' }));
});
afterAll(async () => {
  await Promise.all([server.close(), limited.close(), withCors.close()]);
});

const get = (path: string, base = server) => fetch(base.url + path);
const post = (path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(server.url + path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; fields?: { field: string }[] } }).error;

describe('the HTTP API on a tiny graph', () => {
  it('answers health with the engine and the size of the graph', async () => {
    const res = await get('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', engine: 'memory', nodes: 6, edges: 5 });
  });

  it('answers an assessment', async () => {
    const res = await post('/api/assess', { profession: 'dep', recipient: 'pros', facts: { x: true } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ verdict: 'permitted', routes: [{ exception: { id: 'e-1' }, status: 'open' }] });
  });

  it('answers 404 naming the field for an unknown node', async () => {
    const res = await get('/api/nodes/nobody');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('unknown_id');
  });

  it('answers 404 JSON for an unknown route', async () => {
    const res = await get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await post('/api/assess', '{"profession": ');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('malformed_json');
  });

  it('answers 400 listing each invalid field of the body', async () => {
    const res = await post('/api/assess', { recipient: 'Not An Id', facts: { x: 'oui' }, extra: 1 });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_request');
    expect(error.fields?.map((f) => f.field).sort()).toEqual(['extra', 'facts.x', 'profession', 'recipient']);
  });

  it('answers 400 when the body is missing or not JSON', async () => {
    expect((await post('/api/assess', 'profession=dep', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(400);
    expect((await fetch(server.url + '/api/assess', { method: 'POST' })).status).toBe(400);
  });

  it('answers 400 with a code naming the field for an unknown id in the body', async () => {
    const res = await post('/api/assess', { profession: 'nobody', facts: {} });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'unknown_profession', fields: [{ field: 'profession' }] });
    const recipient = await post('/api/assess', { profession: 'dep', recipient: 'nobody' });
    expect((await errorOf(recipient)).code).toBe('unknown_recipient');
    const situation = await post('/api/assess', { profession: 'dep', situation: 'kind-nope' });
    expect(situation.status).toBe(400);
    expect(await errorOf(situation)).toMatchObject({ code: 'unknown_situation', fields: [{ field: 'situation' }] });
  });

  it('lists the kinds of situation (none in a graph that has none)', async () => {
    const res = await fetch(server.url + '/api/situations');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ situations: [] });
  });

  it('answers 400 for a fact outside the vocabulary', async () => {
    const res = await post('/api/assess', { profession: 'dep', facts: { not_a_fact: true } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.[0].field).toBe('facts.not_a_fact');
  });

  it('answers 413 for an oversized body', async () => {
    const res = await post('/api/assess', { profession: 'dep', facts: {}, padding: 'x'.repeat(100_000) });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });

  it('answers 400 naming the query parameter', async () => {
    const search = await get('/api/search');
    expect(search.status).toBe(400);
    expect((await errorOf(search)).fields?.[0].field).toBe('q');
    const depth = await get('/api/nodes/dep/neighbourhood?depth=9');
    expect((await errorOf(depth)).fields?.[0].field).toBe('depth');
    const twice = await get('/api/search?q=a&q=b');
    expect(twice.status).toBe(400);
  });

  it('answers 404 naming the field for an unknown id in the query string', async () => {
    const res = await get('/api/disclosure?profession=nobody');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('unknown_profession');
    const paths = await get('/api/paths?from=dep&to=nobody');
    expect((await errorOf(paths)).code).toBe('unknown_to');
  });

  it('sets security headers and a request id', async () => {
    const res = await fetch(server.url + '/api/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers 429 past the rate limit', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await get('/api/health', limited)).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses[4]).toBe(429);
    expect((await errorOf(await get('/api/health', limited))).code).toBe('rate_limited');
  });

  it('keeps CORS closed unless an origin is configured', async () => {
    const origin = { headers: { origin: 'https://allowed.example' } };
    expect((await fetch(server.url + '/api/health', origin)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(withCors.url + '/api/health', origin)).headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    const other = await fetch(withCors.url + '/api/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the summary of the law: one part per source, routes with their recipients, no condition', async () => {
    const res = await get('/api/summary');
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { nodes: { id: string; type: string }[]; sources: { id: string; nodes: string[]; routes: number }[] };
    expect(summary.sources).toEqual([{ id: 'code', type: 'Instrument', label: 'code', nodes: ['code', 'e-1', 'p458', 'pros'], routes: 1 }]);
    expect(summary.nodes.map((n) => n.type)).not.toContain('Condition');
  });

  it('describes every endpoint in OpenAPI 3.1 and serves the reference page', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const e of endpoints) expect(doc.paths[e.path.replace(/:(\w+)/g, '{$1}')]?.[e.method]).toBeDefined();
    const assess = doc.paths['/api/assess'].post as { requestBody: { content: { 'application/json': { schema: { required: string[] } } } } };
    expect(assess.requestBody.content['application/json'].schema.required).toContain('profession');
    const page = await get('/api/docs/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
  });
});
