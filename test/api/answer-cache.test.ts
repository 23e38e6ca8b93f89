// The answer cache over HTTP: equal questions get the same bytes, a client
// holding an answer gets 304, and a new graph version is never answered from
// the old one's cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, startWebServer, type RunningServer } from '../../server/api/app.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { condition, tinyGraph } from '../support/tinyGraph.ts';

const graphWith = (recipientLabel: string) =>
  tinyGraph(
    [
      { id: 'dep', type: 'Profession', bound: true },
      { id: 'pros', type: 'Recipient', label: recipientLabel },
      { id: 'p458', type: 'Provision', summary: 'base', status: 'in_force' },
      { id: 'e-1', type: 'Exception', effect: 'permits', summary: 'may tell' },
      condition('c-x', 'x'),
    ],
    [
      ['p458', 'ESTABLISHES', 'e-1'],
      ['e-1', 'APPLIES_TO', 'dep'],
      ['e-1', 'PERMITS_DISCLOSURE_TO', 'pros'],
      ['e-1', 'REQUIRES', 'c-x'],
    ],
    ['professional_context', 'x', 'y'],
  );

/** A store whose graph can be swapped, as a Neo4j reload swaps it. */
function swappableStore(first: MemoryGraphStore): GraphStore & { swap(next: MemoryGraphStore): void } {
  let current = first;
  return new Proxy({} as GraphStore & { swap(next: MemoryGraphStore): void }, {
    get: (_target, key) => {
      if (key === 'swap') return (next: MemoryGraphStore) => (current = next);
      const value = (current as unknown as Record<string | symbol, unknown>)[key];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

const store = swappableStore(new MemoryGraphStore(graphWith('Procureur')));
let server: RunningServer;
let uncached: RunningServer;

beforeAll(async () => {
  const logger = pino({ level: 'silent' });
  server = await startWebServer(createApp({ store, logger, rateLimitPerMinute: 0, clientDir: '/nonexistent' }));
  uncached = await startWebServer(createApp({ store, logger, rateLimitPerMinute: 0, clientDir: '/nonexistent', answerCacheBytes: 0 }));
});
afterAll(async () => {
  await Promise.all([server.close(), uncached.close()]);
});

const assess = (base: RunningServer, body: string) =>
  fetch(`${base.url}/api/assess`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('the answer cache over HTTP', () => {
  it('answers equal questions with the same bytes, whatever the key order, and as without a cache', async () => {
    const a = await assess(server, '{"profession":"dep","recipient":"pros","facts":{"x":true,"y":false}}');
    const b = await assess(server, '{"facts":{"y":false,"x":true},"recipient":"pros","profession":"dep"}');
    const plain = await assess(uncached, '{"profession":"dep","recipient":"pros","facts":{"x":true,"y":false}}');
    const [ta, tb, tp] = [await a.text(), await b.text(), await plain.text()];
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(tb).toBe(ta);
    expect(tp).toBe(ta);
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    expect(JSON.parse(ta)).toMatchObject({ verdict: 'permitted' });
  });

  it('answers a different question differently', async () => {
    const yes = await (await assess(server, '{"profession":"dep","recipient":"pros","facts":{"x":true}}')).json();
    const no = await (await assess(server, '{"profession":"dep","recipient":"pros","facts":{"x":false}}')).json();
    expect(yes.verdict).not.toBe(no.verdict);
  });

  it('answers 304 without a body to a client that holds the answer', async () => {
    const first = await fetch(`${server.url}/api/nodes/pros`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    // fetch adds "Cache-Control: no-cache" (which asks for a full answer) to a conditional request unless one is given.
    const revalidate = { 'cache-control': 'max-age=0' };
    const again = await fetch(`${server.url}/api/nodes/pros`, { headers: { 'if-none-match': etag, ...revalidate } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await fetch(`${server.url}/api/nodes/pros`, { headers: { 'if-none-match': '"something-else"', ...revalidate } });
    expect(other.status).toBe(200);
  });

  it('never answers a new graph version from the old one', async () => {
    const before = await (await fetch(`${server.url}/api/nodes/pros`)).json();
    store.swap(new MemoryGraphStore(graphWith('Procureur du Roi')));
    const after = await (await fetch(`${server.url}/api/nodes/pros`)).json();
    expect(before.label).toBe('Procureur');
    expect(after.label).toBe('Procureur du Roi');
  });
});
