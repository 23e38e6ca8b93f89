// What every browser test needs: the client built (once per source version),
// the real API server in-process on the memory engine, and Debian's Chromium.
// Without Chromium the suite is skipped with a warning, or fails under CI=true.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { CHROMIUM_PATH, launchChromium } from '../../../scripts/chromium.ts';
import { createApp, startWebServer, type RunningServer } from '../../../server/api/app.ts';
import { createGraphStore, readStoreConfig } from '../../../server/store/createGraphStore.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLIENT = resolve(ROOT, 'client');

const hasChromium = existsSync(CHROMIUM_PATH);

if (!hasChromium) {
  const advice = `Chromium introuvable (${CHROMIUM_PATH}) : installez-le avec « apt-get install -y chromium » ou indiquez CHROMIUM_PATH.`;
  if (process.env.CI === 'true') throw new Error(`Tests e2e impossibles en CI. ${advice}`);
  console.warn(`\n⚠️  TESTS E2E IGNORÉS — ${advice}\n`);
}

/** `describe` when Chromium is there, `describe.skip` otherwise. */
export const describeInBrowser = hasChromium ? describe : describe.skip;

/** What the build reads: the page, the Vite config and the sources. */
function clientSources(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  return [resolve(CLIENT, 'index.html'), resolve(CLIENT, 'vite.config.ts'), ...walk(resolve(CLIENT, 'src'))];
}

/** Builds the client into a temporary folder named by the hash of its sources; reused while they do not change. */
async function buildClient(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of clientSources().sort()) hash.update(relative(CLIENT, file)).update(readFileSync(file));
  const outDir = join(tmpdir(), 'secretum-e2e-client', hash.digest('hex').slice(0, 16));
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  const { build } = await import('vite');
  const scratch = `${outDir}.tmp-${process.pid}`;
  await build({ configFile: resolve(CLIENT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: scratch, emptyOutDir: true } });
  try {
    renameSync(scratch, outDir);
  } catch {
    // Another test file built the same sources first; theirs is as good.
    rmSync(scratch, { recursive: true, force: true });
  }
  // Builds of older sources are never used again.
  for (const name of readdirSync(dirname(outDir))) {
    if (!name.includes('.tmp-') && join(dirname(outDir), name) !== outDir) rmSync(join(dirname(outDir), name), { recursive: true, force: true });
  }
  return outDir;
}

export interface BrowserApp {
  /** the server's address, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  /** a fresh page (own context: no shared storage) at 1440×900, or as a phone (390×844, touch) */
  newPage(options?: { phone?: boolean }): Promise<Page>;
  /** errors thrown in any page since it opened */
  readonly pageErrors: string[];
  api<T>(path: string, body?: unknown): Promise<T>;
  /** stops the API server as if it crashed: open connections dropped, new ones refused */
  stopServer(): Promise<void>;
  /** starts it again on the same address */
  restartServer(): Promise<void>;
}

/** Registers beforeAll/afterAll hooks that start the app and a browser for the enclosing file. */
export function useBrowserApp(): BrowserApp {
  let server: RunningServer | undefined;
  let running = false;
  let browser: Browser | undefined;
  let start: (port?: number) => Promise<RunningServer>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const clientDir = await buildClient();
    const store = await createGraphStore({ ...readStoreConfig(), GRAPH_ENGINE: 'memory' });
    start = (port = 0) => startWebServer(createApp({ store, clientDir, rateLimitPerMinute: 0 }), port);
    server = await start();
    running = true;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (running) await server?.close();
  });

  return {
    get url() {
      return server!.url;
    },
    pageErrors,
    async newPage({ phone = false } = {}) {
      const screen = phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1440, height: 900 } };
      const context = await browser!.newContext({ ...screen, acceptDownloads: true, locale: 'fr-BE' });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return page;
    },
    async stopServer() {
      const closing = server!.close();
      server!.server.closeAllConnections();
      await closing;
      running = false;
    },
    async restartServer() {
      server = await start(server!.port);
      running = true;
    },
    async api<T>(path: string, body?: unknown): Promise<T> {
      const response = await fetch(
        server!.url + path,
        body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      return (await response.json()) as T;
    },
  };
}

/** The ids the graph marks as highlighted (open route, walked steps), from its test attribute. */
export async function highlightedIds(page: Page, graphName: RegExp): Promise<string[]> {
  const value = await page.getByRole('img', { name: graphName }).getAttribute('data-highlighted');
  return (value ?? '').split(' ').filter(Boolean).sort();
}
