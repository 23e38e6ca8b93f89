// The browser side: headless Chromium (playwright-core) times, from the start
// of navigation, the first frame Cytoscape draws with nodes in it and the end
// of the layout, for the real client — under the machine's fonts and under
// another font set-up (scripts/chromium.ts: fontconfig prefers DejaVu Serif),
// as a user whose browser has other fonts — and for the bench page (bench/ui/)
// at chosen sizes; then counts the frames drawn while panning.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { pino } from 'pino';
import { createApp, startWebServer } from '../server/api/app.ts';
import { loadGraphData } from '../server/graph/load.ts';
import type { GraphData, GraphEdge, GraphNode } from '../server/schema/graph.ts';
import { MemoryGraphStore } from '../server/store/memory/MemoryGraphStore.ts';
import { CHROMIUM_PATH, launchChromium, type FontSetup } from '../scripts/chromium.ts';
import { scaleGraph } from '../scripts/scale-graph.ts';
import { median } from './stats.ts';

const ROOT = resolve(import.meta.dirname, '..');
const VIEWPORT = { width: 1440, height: 900 };

export interface UiPlan {
  /** element counts of the synthetic views */
  sizes: number[];
  repetitions: number;
  /** elements panned for the frame rate, and for how long */
  panElements: number;
  panMs: number;
  seed: number;
  timeoutMs: number;
}

export interface UiViewResult {
  view: string;
  page: 'client' | 'bench page';
  nodes: number;
  edges: number;
  /** ms from navigation start, each as the median and [lowest, highest] over the repetitions */
  firstFrame?: Spread;
  fullFrame?: Spread;
  layoutStop?: Spread;
  /** time from each layout's run() to its stop (nothing new is drawn meanwhile: fcose computes in one task, the client's layout of a new view in a few, its view batched) */
  layoutMs?: Spread;
  /** the longest task on the page's main thread from navigation start to the full view drawn (PerformanceObserver 'longtask': 50 ms or more) */
  longestTaskMs?: Spread;
  runs: number;
  error?: string;
}

export interface Spread {
  median: number;
  range: [number, number];
}

function spread(values: number[]): Spread | undefined {
  if (!values.length) return undefined;
  return { median: Math.round(median(values)), range: [Math.round(Math.min(...values)), Math.round(Math.max(...values))] };
}

export interface UiResult {
  chromium: string;
  clientBuild: string;
  views: UiViewResult[];
  panning?: { elements: number; framesPerSecond: number; range: [number, number]; frameP95Ms: number; runs: number };
  pageErrors: string[];
}

// ---------- builds (cached by a hash of their sources, outside the repository) ----------

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

async function cachedBuild(name: string, sources: string[], build: (outDir: string) => Promise<void>): Promise<string> {
  const hash = createHash('sha256');
  for (const file of sources.sort()) hash.update(relative(ROOT, file)).update(readFileSync(file));
  const outDir = join(tmpdir(), 'secretum-bench', `${name}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  const scratch = `${outDir}.tmp-${process.pid}`;
  await build(scratch);
  rmSync(outDir, { recursive: true, force: true });
  renameSync(scratch, outDir);
  return outDir;
}

const clientSources = () => [resolve(ROOT, 'client/index.html'), resolve(ROOT, 'client/vite.config.ts'), ...filesUnder(resolve(ROOT, 'client/src'))];

/** The real client, built from its current sources (client/dist is left alone: a colleague owns it). */
function buildClient(): Promise<string> {
  return cachedBuild('client', clientSources(), async (outDir) => {
    const { build } = await import('vite');
    await build({ configFile: resolve(ROOT, 'client/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  });
}

function buildBenchPage(): Promise<string> {
  return cachedBuild('page', [...filesUnder(resolve(ROOT, 'bench/ui')), ...clientSources()], async (outDir) => {
    const { build } = await import('vite');
    await build({
      configFile: false,
      root: resolve(ROOT, 'bench/ui'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
    });
  });
}

// ---------- the elements a view shows ----------

/**
 * A connected piece of the graph with about `count` elements (nodes + edges),
 * grown breadth-first from a synthetic instrument as a user expanding
 * neighbourhoods would, stepping around hubs (art. 458, the root professions).
 */
export function viewElements(graph: GraphData, count: number, start = 'syn-i1'): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const adjacency = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    for (const end of [edge.source, edge.target]) {
      const list = adjacency.get(end);
      if (list) list.push(edge);
      else adjacency.set(end, [edge]);
    }
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const hub = (id: string) => (adjacency.get(id)?.length ?? 0) > 200;
  const included = new Set<string>();
  const edges = new Map<string, GraphEdge>();
  const queue = [start];
  while (queue.length && included.size + edges.size < count) {
    const id = queue.shift()!;
    if (included.has(id)) continue;
    included.add(id);
    for (const edge of adjacency.get(id) ?? []) {
      const other = edge.source === id ? edge.target : edge.source;
      if (included.has(other) && included.size + edges.size < count) edges.set(edge.id, edge);
      else if (!hub(other)) queue.push(other);
    }
  }
  return { nodes: [...included].map((id) => byId.get(id)!), edges: [...edges.values()] };
}

// ---------- servers ----------

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

function serveBenchPage(dir: string, views: Map<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    if (url.pathname === '/elements.json') {
      const body = views.get(url.searchParams.get('view') ?? '');
      if (!body) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    }
    const file = resolve(dir, '.' + (url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

// ---------- in the page ----------

/** What the hook records in the page, in ms from navigation start. */
interface PageTimings {
  /** frames drawn whenever the number of nodes drawn changed: [time, nodes, edges] */
  frames: [number, number, number][];
  layoutsRunning: number;
  /** when layouts of a non-empty graph were run, and when they stopped */
  layoutRuns: number[];
  layoutStops: number[];
  /** tasks of 50 ms or more on the main thread: [start, duration] */
  longTasks: [number, number][];
}

/**
 * Runs before any script of the page: Cytoscape registers each instance on its
 * container as `_cyreg`, so a setter there sees every instance the app creates,
 * and a `ready` handler subscribes to its draws and layouts.
 */
function timingHook(): void {
  interface LayoutLike {
    run(): unknown;
  }
  interface CyLike {
    on(event: string, handler: () => void): void;
    nodes(): { length: number };
    edges(): { length: number };
    layout(options: unknown): LayoutLike;
  }
  const timings: PageTimings = { frames: [], layoutsRunning: 0, layoutRuns: [], layoutStops: [], longTasks: [] };
  (window as unknown as { __bench: PageTimings }).__bench = timings;
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) timings.longTasks.push([task.startTime, task.duration]);
  }).observe({ type: 'longtask', buffered: true });
  Object.defineProperty(HTMLElement.prototype, '_cyreg', {
    configurable: true,
    get(this: { __cyreg?: unknown }) {
      return this.__cyreg;
    },
    set(this: { __cyreg?: unknown }, reg: { readies?: ((event: { cy: CyLike }) => void)[] } | null) {
      this.__cyreg = reg;
      reg?.readies?.push((event) => {
        const cy = event.cy;
        (window as unknown as { __cy: CyLike }).__cy = cy;
        cy.on('render', () => {
          const nodes = cy.nodes().length;
          const last = timings.frames[timings.frames.length - 1];
          if (nodes && (!last || last[1] !== nodes)) timings.frames.push([performance.now(), nodes, cy.edges().length]);
        });
        // 'layoutstart' comes only once fcose has computed the positions: time from run() instead.
        const layout = cy.layout.bind(cy);
        cy.layout = (options) => {
          const created = layout(options);
          const run = created.run.bind(created);
          created.run = () => {
            if (cy.nodes().length) {
              timings.layoutsRunning++;
              timings.layoutRuns.push(performance.now());
            }
            return run();
          };
          return created;
        };
        // The empty instance runs a layout of its own at creation: only layouts of nodes count.
        cy.on('layoutstop', () => {
          if (!cy.nodes().length) return;
          timings.layoutsRunning--;
          timings.layoutStops.push(performance.now());
        });
      });
    },
  });
}

/** Pans back and forth, one step per animation frame, and counts the frames Cytoscape draws. */
async function panFrames(durationMs: number): Promise<{ renders: number; ms: number; frameP95: number }> {
  interface PanCy {
    on(event: string, handler: () => void): void;
    off(event: string, handler: () => void): void;
    pan(position?: { x: number; y: number }): { x: number; y: number };
  }
  const cy = (window as unknown as { __cy: PanCy }).__cy;
  const origin = cy.pan();
  let renders = 0;
  const count = () => renders++;
  cy.on('render', count);
  const gaps: number[] = [];
  return new Promise((done) => {
    const start = performance.now();
    let last = start;
    const step = (now: number) => {
      gaps.push(now - last);
      last = now;
      const t = (now - start) / 1000;
      cy.pan({ x: origin.x + 300 * Math.sin(t * 2), y: origin.y + 150 * Math.cos(t * 2) });
      if (now - start < durationMs) return void requestAnimationFrame(step);
      cy.off('render', count);
      gaps.sort((a, b) => a - b);
      done({ renders, ms: now - start, frameP95: gaps[Math.floor(gaps.length * 0.95)] ?? 0 });
    };
    requestAnimationFrame(step);
  });
}

// ---------- the phase ----------

/** The view has settled when no layout runs and none has ended for this long. */
const SETTLED_MS = 750;

interface ViewTimings {
  /** first frame with any node in it */
  firstFrame: number;
  /** first frame with every node of the settled view */
  fullFrame: number;
  /** end of the last layout, and how long the layouts ran in all */
  layoutStop: number;
  layoutMs: number;
  /** 0 when no task reached 50 ms */
  longestTaskMs: number;
  nodes: number;
  edges: number;
}

async function timeView(browser: Browser, url: string, timeoutMs: number, errors: string[]) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  // tsx keeps function names with a `__name` helper that the page lacks.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.addInitScript(timingHook);
  try {
    await page.goto(url);
    await page.waitForFunction(
      (settledMs) => {
        const t = (window as unknown as { __bench: PageTimings }).__bench;
        const lastStop = t.layoutStops[t.layoutStops.length - 1];
        return t.frames.length > 0 && lastStop !== undefined && t.layoutsRunning <= 0 && performance.now() - lastStop > settledMs;
      },
      SETTLED_MS,
      { timeout: timeoutMs, polling: 50 },
    );
    const t = await page.evaluate(() => (window as unknown as { __bench: PageTimings }).__bench);
    const [, nodes, edges] = t.frames[t.frames.length - 1];
    const fullFrame = t.frames.find(([, n]) => n === nodes)![0];
    const timings: ViewTimings = {
      firstFrame: t.frames[0][0],
      fullFrame,
      layoutStop: t.layoutStops[t.layoutStops.length - 1],
      // A layout run on a collection (the client's layered one) is not seen starting: it counts for nothing.
      layoutMs: t.layoutStops.reduce((sum, stop) => {
        const run = t.layoutRuns.filter((started) => started <= stop).pop();
        return sum + (run === undefined ? 0 : stop - run);
      }, 0),
      // The task that draws the full view starts before it: tasks that start later are not the first view's.
      longestTaskMs: Math.max(0, ...t.longTasks.filter(([start]) => start <= fullFrame).map(([, duration]) => duration)),
      nodes,
      edges,
    };
    return { page, context, timings };
  } catch (err) {
    await context.close();
    throw err;
  }
}

export async function runUiPhase(plan: UiPlan): Promise<UiResult> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
  const [clientDir, pageDir] = [await buildClient(), await buildBenchPage()];
  const base = loadGraphData();
  const synthetic = scaleGraph(base, { nodes: Math.max(20_000, Math.max(...plan.sizes, plan.panElements) * 3), seed: plan.seed });
  const views = new Map<string, string>([['real', JSON.stringify({ nodes: base.nodes, edges: base.edges })]]);
  for (const size of new Set([...plan.sizes, plan.panElements])) views.set(String(size), JSON.stringify(viewElements(synthetic, size)));

  const api = await startWebServer(createApp({ store: new MemoryGraphStore(base), clientDir, rateLimitPerMinute: 0, logger: pino({ level: 'silent' }) }));
  const bench = await serveBenchPage(pageDir, views);
  const browser = await launchChromium();
  const otherFonts = await launchChromium('other');
  const browsers: Record<FontSetup, Browser> = { machine: browser, other: otherFonts };
  const pageErrors: string[] = [];
  try {
    const targets: { view: string; page: UiViewResult['page']; url: string; fonts: FontSetup }[] = [
      { view: 'real client, explorer (neighbourhood of cp-458)', page: 'client', url: `${api.url}/explorer`, fonts: 'machine' },
      { view: 'real client, explorer, other fonts (DejaVu Serif first)', page: 'client', url: `${api.url}/explorer`, fonts: 'other' },
      { view: 'real graph in full', page: 'bench page', url: `${bench.url}/?view=real`, fonts: 'machine' },
      ...plan.sizes.map((size) => ({
        view: `${size.toLocaleString('en')} elements`,
        page: 'bench page' as const,
        url: `${bench.url}/?view=${size}`,
        fonts: 'machine' as const,
      })),
    ];
    const results: UiViewResult[] = [];
    for (const target of targets) {
      const runs: ViewTimings[] = [];
      let error: string | undefined;
      // A view that overran once would overrun again: no second try.
      for (let run = 0; run < plan.repetitions && !error; run++) {
        try {
          const { context, timings } = await timeView(browsers[target.fonts], target.url, plan.timeoutMs, pageErrors);
          await context.close();
          runs.push(timings);
        } catch (err) {
          error = (err as Error).message.split('\n')[0];
        }
      }
      const result: UiViewResult = {
        view: target.view,
        page: target.page,
        nodes: runs[0]?.nodes ?? 0,
        edges: runs[0]?.edges ?? 0,
        firstFrame: spread(runs.map((t) => t.firstFrame)),
        fullFrame: spread(runs.map((t) => t.fullFrame)),
        layoutStop: spread(runs.map((t) => t.layoutStop)),
        layoutMs: spread(runs.map((t) => t.layoutMs)),
        longestTaskMs: spread(runs.map((t) => t.longestTaskMs)),
        runs: runs.length,
        error,
      };
      results.push(result);
      console.error(
        `  ui ${target.view}: first frame ${result.firstFrame?.median ?? '–'} ms, full view drawn ${result.fullFrame?.median ?? '–'} ms, layout stop ${result.layoutStop?.median ?? '–'} ms, longest task ${result.longestTaskMs?.median ?? '–'} ms${error ? ` (${error})` : ''}`,
      );
    }

    let panning: UiResult['panning'];
    const fps: number[] = [];
    const p95: number[] = [];
    for (let run = 0; run < plan.repetitions; run++) {
      const { context, page } = await timeView(browser, `${bench.url}/?view=${plan.panElements}`, plan.timeoutMs, pageErrors);
      const frames = await page.evaluate(panFrames, plan.panMs);
      await context.close();
      fps.push(frames.renders / (frames.ms / 1000));
      p95.push(frames.frameP95);
    }
    if (fps.length) {
      const r1 = (x: number) => Math.round(x * 10) / 10;
      panning = {
        elements: plan.panElements,
        framesPerSecond: r1(median(fps)),
        range: [r1(Math.min(...fps)), r1(Math.max(...fps))],
        frameP95Ms: r1(median(p95)),
        runs: fps.length,
      };
      console.error(`  ui panning ${plan.panElements} elements: ${panning.framesPerSecond} frames/s`);
    }
    return { chromium: browser.version(), clientBuild: relative(tmpdir(), clientDir), views: results, panning, pageErrors: [...new Set(pageErrors)] };
  } finally {
    await browser.close();
    await otherFonts.close();
    await api.close();
    await new Promise((ok) => bench.server.close(ok));
  }
}
