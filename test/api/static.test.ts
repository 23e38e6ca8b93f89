// The client's files as the server sends them: hashed assets from their copies
// compressed at build time (server/api/precompressed.ts), kept for a year;
// the page itself asked for again; nothing outside the client folder.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, startWebServer, type RunningServer } from '../../server/api/app.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { tinyGraph } from '../support/tinyGraph.ts';

const SCRIPT = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;
let outside: string;
let dir: string;
let server: RunningServer;

beforeAll(async () => {
  outside = mkdtempSync(join(tmpdir(), 'secretum-static-'));
  writeFileSync(join(outside, 'secret.txt'), 'outside the client');
  writeFileSync(join(outside, 'secret.txt.br'), brotliCompressSync('outside the client'));
  dir = join(outside, 'client');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'app-abc123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'assets', 'app-abc123.js.gz'), gzipSync(SCRIPT));
  // A font: no compressed copy, sent as it is.
  writeFileSync(join(dir, 'assets', 'font-def456.woff2'), Buffer.from([1, 2, 3, 4]));
  const store = new MemoryGraphStore(tinyGraph([{ id: 'p', type: 'Profession', bound: true }], [], []));
  server = await startWebServer(createApp({ store, logger: pino({ level: 'silent' }), clientDir: dir }));
});
afterAll(async () => {
  await server.close();
  rmSync(outside, { recursive: true, force: true });
});

/** A raw GET (fetch would decode the body and hide the encoding), the path sent as written. */
function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((done, fail) => {
    const req = request(`${server.url}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the client files', () => {
  it('sends a script from its brotli copy when the browser takes brotli, typed as a script and kept a year', async () => {
    const res = await get('/assets/app-abc123.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  });

  it('sends the gzip copy to a browser that takes only gzip, and the file itself to one that takes nothing', async () => {
    const gz = await get('/assets/app-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await get('/assets/app-abc123.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends a file without a compressed copy as it is, kept a year; the page itself for an hour', async () => {
    const font = await get('/assets/font-def456.woff2', 'br');
    expect(font.status).toBe(200);
    expect([...font.body]).toEqual([1, 2, 3, 4]);
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get('/explorer', 'br');
    expect(page.headers['cache-control']).not.toMatch(/immutable/);
  });

  it('never sends a file from outside the client folder through an escaped path, and answers a malformed one without a 500', async () => {
    for (const path of ['/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const res = await get(path, 'br');
      const body = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.body).toString() : res.body.toString();
      expect(body, path).not.toContain('outside the client');
    }
    const malformed = await get('/assets/%E0.js', 'br');
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
  });
});
