import { describe, expect, it } from 'vitest';
import { AnswerCache, canonicalJson } from '../../server/service/answerCache.ts';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
};

describe('canonicalJson', () => {
  it('gives equal keys to equal inputs whatever their key order', () => {
    const a = canonicalJson({ body: { profession: 'tms', facts: { b: true, a: false }, recipient: 'saj' } });
    const b = canonicalJson({ body: { recipient: 'saj', facts: { a: false, b: true }, profession: 'tms' } });
    expect(a).toBe(b);
  });

  it('tells apart inputs that differ by a value, a key, an array order or an undefined-vs-null', () => {
    const keys = [
      { facts: { a: true } },
      { facts: { a: false } },
      { facts: { b: true } },
      { types: ['Profession', 'Recipient'] },
      { types: ['Recipient', 'Profession'] },
      { recipient: null },
      {},
    ].map(canonicalJson);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('treats an absent key and an undefined one alike', () => {
    expect(canonicalJson({ recipient: undefined, profession: 'x' })).toBe(canonicalJson({ profession: 'x' }));
  });
});

describe('AnswerCache', () => {
  it('computes once per key and version, then serves the same bytes and tag', async () => {
    const cache = new AnswerCache(1 << 20);
    let calls = 0;
    const compute = async () => ({ n: ++calls });
    const first = await cache.get('v1', 'k', compute);
    const second = await cache.get('v1', 'k', compute);
    expect(calls).toBe(1);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.etag).toBe(first.etag);
    expect(JSON.parse(first.body.toString())).toEqual({ n: 1 });
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1 });
  });

  it('gives different answers different tags', async () => {
    const cache = new AnswerCache(1 << 20);
    const a = await cache.get('v1', 'a', async () => ({ x: 1 }));
    const b = await cache.get('v1', 'b', async () => ({ x: 2 }));
    expect(a.etag).not.toBe(b.etag);
  });

  it('empties itself when the graph version changes', async () => {
    const cache = new AnswerCache(1 << 20);
    await cache.get('v1', 'k', async () => 'old');
    const answer = await cache.get('v2', 'k', async () => 'new');
    expect(JSON.parse(answer.body.toString())).toBe('new');
    expect(cache.stats().entries).toBe(1);
  });

  it('shares one computation between concurrent requests for the same key', async () => {
    const cache = new AnswerCache(1 << 20);
    const gate = deferred<string>();
    let calls = 0;
    const compute = () => (calls++, gate.promise);
    const both = Promise.all([cache.get('v1', 'k', compute), cache.get('v1', 'k', compute)]);
    gate.resolve('done');
    const [a, b] = await both;
    expect(calls).toBe(1);
    expect(a).toBe(b);
  });

  it('never keeps a failure: the next request computes again', async () => {
    const cache = new AnswerCache(1 << 20);
    await expect(cache.get('v1', 'k', async () => Promise.reject(new Error('engine down')))).rejects.toThrow('engine down');
    const answer = await cache.get('v1', 'k', async () => 'ok');
    expect(JSON.parse(answer.body.toString())).toBe('ok');
  });

  it('stays within its byte budget, dropping the least recently used first', async () => {
    const body = (c: string) => async () => c.repeat(98); // 100 bytes once quoted
    const cache = new AnswerCache(400);
    for (const k of ['a', 'b', 'c']) await cache.get('v1', k, body(k));
    await cache.get('v1', 'a', body('a')); // a is now the most recently used
    await cache.get('v1', 'd', body('d'));
    await cache.get('v1', 'e', body('e'));
    await new Promise((done) => setImmediate(done));
    const { bytes, entries } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(400);
    expect(entries).toBe(4);
    let recomputed = '';
    const probe = (k: string) => cache.get('v1', k, async () => ((recomputed += k), k.repeat(98)));
    await probe('a');
    await probe('b');
    expect(recomputed).toBe('b');
  });

  it('does not keep an answer larger than a quarter of its budget', async () => {
    const cache = new AnswerCache(400);
    let calls = 0;
    const big = async () => (calls++, 'x'.repeat(200));
    await cache.get('v1', 'big', big);
    await new Promise((done) => setImmediate(done));
    await cache.get('v1', 'big', big);
    expect(calls).toBe(2);
    expect(cache.stats().bytes).toBe(0);
  });

  it('computes every answer when its budget is 0', async () => {
    const cache = new AnswerCache(0);
    let calls = 0;
    const compute = async () => ++calls;
    await cache.get('v1', 'k', compute);
    await cache.get('v1', 'k', compute);
    expect(calls).toBe(2);
  });
});
