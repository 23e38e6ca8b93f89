// The results as Markdown tables, and the targets of the scaling issue checked
// against them. bench/RESULTS.md keeps its prose; only the part between the
// two markers is rewritten.
import type { EnginePhaseResult, LoadFigures } from './engine-phase.ts';
import { HTTP_SERVERS, type HttpRun } from './http-phase.ts';
import type { Machine } from './machine.ts';
import type { SeriesResult } from './queries.ts';
import type { Spread, UiResult } from './ui-phase.ts';

export const TABLES_START = '<!-- bench:tables:start (written by npm run bench: edit above or below) -->';
export const TABLES_END = '<!-- bench:tables:end -->';

export interface SizeResult extends Partial<EnginePhaseResult> {
  label: string;
  wanted: number;
  error?: string;
}

export interface BenchResults {
  date: string;
  command: string;
  mode: 'full' | 'quick';
  machine: Machine;
  loadAverage: { start: [number, number, number]; end: [number, number, number] };
  durationS: number;
  /** seconds spent in each phase, in the order run */
  phaseS?: Record<string, number>;
  plans: Record<string, unknown>;
  sizes: SizeResult[];
  http?: HttpRun[];
  httpError?: string;
  ui?: UiResult;
  uiError?: string;
  targets: TargetCheck[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | undefined;
}

const ms = (x: number | null | undefined) =>
  x === undefined || x === null || Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toString();
const int = (x: number | null | undefined) => (x === undefined || x === null ? '–' : Math.round(x).toLocaleString('en'));
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function series(size: SizeResult, engine: 'memory' | 'neo4j', id: string): SeriesResult | undefined {
  return size.engines?.find((e) => e.engine === engine)?.queries.find((q) => q.id === id);
}

function latencyCell(s: SeriesResult | undefined): string[] {
  if (!s) return ['–', '–', '–', '–'];
  const capped = s.capped ? ' ⏱' : '';
  const errors = s.errors ? ` (${s.errors} err)` : '';
  return [
    `${ms(s.p50)} <sub>${ms(s.roundP50[0])}–${ms(s.roundP50[1])}</sub>`,
    `${ms(s.p99)} <sub>${ms(s.roundP99[0])}–${ms(s.roundP99[1])}</sub>`,
    s.jvmCpuMsPerCall === undefined ? ms(s.cpuMsPerCall) : `${ms(s.cpuMsPerCall)} + ${ms(s.jvmCpuMsPerCall)}`,
    `${int(s.calls)}${capped}${errors}`,
  ];
}

export function checkTargets(results: Omit<BenchResults, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const http = (server: HttpRun['server'], target: string, connections: number) =>
    results.http?.find((r) => r.server === server && r.target === target && r.connections === connections);
  for (const [engine, limit] of [
    ['memory', 5],
    ['neo4j', 20],
  ] as const) {
    const run = http(`api (${engine})`, 'POST /api/assess', 10);
    checks.push({
      target: `assess p99 ≤ ${limit} ms over HTTP at 10 connections, real graph, ${engine === 'memory' ? 'embedded' : 'Neo4j'}`,
      measured: run ? `${run.latencyP99} ms` : 'not measured',
      met: run ? run.latencyP99 <= limit : undefined,
    });
  }
  for (const engine of ['memory', 'neo4j'] as const) {
    for (const connections of [10, 100]) {
      const shares = ['POST /api/assess', 'GET /api/disclosure', 'GET /api/search'].map((t) => {
        const api = http(`api (${engine})`, t, connections);
        const bare = http('bare express', t, connections);
        return api && bare ? { t, share: api.requestsPerSecond / bare.requestsPerSecond } : undefined;
      });
      const measured = shares.filter((s) => s !== undefined);
      checks.push({
        target: `throughput ≥ 80 % of bare Express, ${engine === 'memory' ? 'embedded' : 'Neo4j'}, ${connections} connections`,
        measured: measured.length ? measured.map((s) => `${s.t.split(' ')[1].replace('/api/', '')} ${Math.round(s.share * 100)} %`).join(', ') : 'not measured',
        met: measured.length ? measured.every((s) => s.share >= 0.8) : undefined,
      });
    }
  }
  const cold = http('api (neo4j), cold', 'POST /api/assess, a new question each request', 100);
  checks.push({
    target: 'cold assess on Neo4j at 100 connections (a new question each request, no cache): 0 failures, p99 reported',
    measured: cold ? `${cold.failures} failures (non-2xx, errors, timeouts) in ${int(cold.requests ?? 0)} requests; p99 ${cold.latencyP99} ms` : 'not measured',
    met: cold ? cold.failures === 0 : undefined,
  });
  const at100k = results.sizes.find((s) => s.wanted === 100_000);
  for (const [engine, limit] of [
    ['memory', 20],
    ['neo4j', 50],
  ] as const) {
    const figures = ['assess-same-pair', 'assess-varying-pairs', 'neighbourhood'].map((id) => ({ id, s: at100k && series(at100k, engine, id) }));
    const measured = figures.filter((f) => f.s);
    checks.push({
      target: `at 100k nodes, assess and neighbourhood p99 ≤ ${limit} ms in process, ${engine === 'memory' ? 'embedded' : 'Neo4j'}`,
      measured: measured.length ? measured.map((f) => `${f.id} ${ms(f.s!.p99)} ms`).join(', ') : 'not measured',
      met: measured.length === figures.length ? measured.every((f) => f.s!.p99 <= limit) : undefined,
    });
  }
  const real = results.sizes.find((s) => s.wanted === 0);
  for (const [engine, dependantsLimit, diffLimit] of [
    ['memory', 20, 1000],
    ['neo4j', 20, 2000],
  ] as const) {
    const [dependants, diff] = ['dependants', 'reform-diff'].map((id) => real && series(real, engine, id));
    checks.push({
      target: `real graph, ${engine === 'memory' ? 'embedded' : 'Neo4j'}: dependants p99 ≤ ${dependantsLimit} ms, a reform's full diff p99 ≤ ${diffLimit} ms`,
      measured: dependants && diff ? `dependants ${ms(dependants.p99)} ms, diff ${ms(diff.p99)} ms` : 'not measured',
      met: dependants && diff ? dependants.p99 <= dependantsLimit && diff.p99 <= diffLimit : undefined,
    });
  }
  const million = results.sizes.find((s) => s.wanted === 1_000_000);
  const millionMemory = million?.engines?.find((e) => e.engine === 'memory');
  checks.push({
    target: 'the embedded engine holds 1M nodes',
    measured: millionMemory?.load
      ? `${int(million!.nodes)} nodes loaded in ${ms(millionMemory.load.ms / 1000)} s, peak RSS ${int(millionMemory.load.peakResidentMiB)} MiB, every query answered`
      : (million?.error ?? 'not measured'),
    met: millionMemory?.load ? millionMemory.queries.every((q) => q.calls > 0 && !q.errors) : million ? false : undefined,
  });
  const neo4jLoads = results.sizes
    .filter((s) => s.wanted > 0)
    .map((s) => ({ s, engine: s.engines?.find((e) => e.engine === 'neo4j') }))
    .filter((x) => x.engine?.load);
  const rate = (load: LoadFigures | undefined) => (load ? `${int(load.nodesPerSecond)}/s` : 'not measured');
  checks.push({
    target: 'Neo4j load ≥ 20k nodes/s (generated sizes; first load on a fresh server, then the reload over it)',
    measured: neo4jLoads.length
      ? neo4jLoads.map(({ s, engine }) => `${s.label}: ${rate(engine!.load)}, reload ${rate(engine!.reload)}`).join('; ')
      : 'not measured',
    met: neo4jLoads.length ? neo4jLoads.every(({ engine }) => engine!.load!.nodesPerSecond >= 20_000) : undefined,
  });
  for (const view of results.ui?.views.filter((v) => v.page === 'client') ?? []) {
    checks.push({
      target: `first frame with the graph < 500 ms (${view.view}, ${view.page})`,
      measured: view.firstFrame ? `${view.firstFrame.median} ms to the first frame with nodes` : (view.error ?? 'not measured'),
      met: view.firstFrame ? view.firstFrame.median < 500 : false,
    });
  }
  for (const view of results.ui?.views.filter((v) => v.page === 'client' || v.view === 'real graph in full') ?? []) {
    checks.push({
      target: `first render of the real graph < 1 s (${view.view}, ${view.page})`,
      measured: view.fullFrame ? `${view.fullFrame.median} ms to the full view drawn` : (view.error ?? 'not measured'),
      met: view.fullFrame ? view.fullFrame.median < 1000 : false,
    });
  }
  for (const view of results.ui?.views.filter((v) => v.page === 'client') ?? []) {
    checks.push({
      target: `fast first view: first frame with the graph < 500 ms, no main-thread task over 200 ms before the full view (${view.view})`,
      measured:
        view.firstFrame && view.longestTaskMs
          ? `first frame ${view.firstFrame.median} ms, longest task ${view.longestTaskMs.median} ms`
          : (view.error ?? 'not measured'),
      met: view.firstFrame && view.longestTaskMs ? view.firstFrame.median < 500 && view.longestTaskMs.median <= 200 : false,
    });
  }
  return checks;
}

const QUERY_ORDER = ['assess-same-pair', 'assess-varying-pairs', 'disclosure', 'neighbourhood', 'search-necessite', 'search-458-bis', 'shortest-paths'];

export function renderTables(r: BenchResults): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`### Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC (${r.mode})`, '');
  out.push(
    table(
      ['', ''],
      [
        ['command', `\`${r.command}\``],
        ['machine', `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}`],
        ['software', `Node ${m.node}; ${m.java ?? 'no Java'}; Neo4j ${m.neo4j ?? '–'} (embedded jars, Bolt on 127.0.0.1); Chromium ${r.ui?.chromium ?? '–'}`],
        ['tree', `${m.commit ?? '?'}${m.dirty ? ' + uncommitted changes' : ''}`],
        ['load average (1/5/15 min)', `start ${r.loadAverage.start.join(' / ')}, end ${r.loadAverage.end.join(' / ')}`],
        [
          'duration',
          `${Math.round(r.durationS)} s${
            r.phaseS
              ? ` (${Object.entries(r.phaseS)
                  .map(([phase, s]) => `${phase} ${s} s`)
                  .join(', ')})`
              : ''
          }`,
        ],
      ],
    ),
    '',
  );

  out.push('#### Graphs', '');
  out.push(
    table(
      ['graph', 'nodes', 'relations', 'build ms', 'validate ms', 'problems'],
      r.sizes.map((s) => [
        s.label,
        int(s.nodes),
        int(s.relations),
        int(s.buildMs),
        int(s.validateMs),
        s.error ? `error: ${s.error.split('\n')[0]}` : (s.problems ?? '–'),
      ]),
    ),
    '',
  );

  out.push('#### Load', '');
  const loads: (string | number)[][] = [];
  const loadRow = (label: string, engine: string, load: LoadFigures | undefined, error?: string) => [
    label,
    engine,
    load ? int(load.ms) : `error: ${error}`,
    int(load?.nodesPerSecond),
    int(load?.relationsPerSecond),
    int(load?.residentBeforeMiB),
    int(load?.peakResidentMiB),
    int(load?.retainedHeapMiB),
    load?.phasesMs ? `${int(load.phasesMs.nodes)} / ${int(load.phasesMs.relations)} / ${int(load.phasesMs.commit)}` : '',
  ];
  for (const s of r.sizes) {
    for (const e of s.engines ?? []) {
      const neo4j = `Neo4j (heap ${e.config?.heap}, page cache ${e.config?.pageCache})`;
      loads.push(loadRow(s.label, e.engine === 'memory' ? 'embedded' : `${neo4j}, first load`, e.load, e.error));
      if (e.reload) loads.push(loadRow(s.label, `${neo4j}, reload over it`, e.reload));
    }
  }
  out.push(
    table(
      ['graph', 'engine', 'load ms', 'nodes/s', 'relations/s', 'RSS before MiB', 'peak RSS MiB', 'heap kept MiB', 'Neo4j: nodes / relations / flip ms'],
      loads,
    ),
    '',
  );

  out.push('#### Queries in process (ms: p50 and p99 over all calls; small: lowest–highest of the per-round value)', '');
  const labels = new Map<string, string>();
  for (const s of r.sizes) for (const e of s.engines ?? []) for (const q of e.queries) labels.set(q.id, q.label);
  const rows: (string | number)[][] = [];
  for (const id of QUERY_ORDER.filter((q) => labels.has(q))) {
    for (const s of r.sizes) {
      const mem = series(s, 'memory', id);
      const neo = series(s, 'neo4j', id);
      if (!mem && !neo) continue;
      const agree = mem?.digest && neo?.digest ? (mem.digest === neo.digest ? 'same' : '**differs**') : '–';
      rows.push([id, s.label, ...latencyCell(mem), ...latencyCell(neo), agree]);
    }
  }
  out.push(
    table(
      [
        'query',
        'graph',
        'embedded p50 ms',
        'embedded p99 ms',
        'CPU ms/call',
        'calls',
        'Neo4j p50 ms',
        'Neo4j p99 ms',
        'CPU ms/call (Node + JVM)',
        'calls',
        'answers',
      ],
      rows,
    ),
    '',
  );
  out.push(
    [...labels]
      .filter(([id]) => QUERY_ORDER.includes(id))
      .sort(([a], [b]) => QUERY_ORDER.indexOf(a) - QUERY_ORDER.indexOf(b))
      .map(([id, label]) => `- \`${id}\`: ${label}`)
      .join('\n'),
    '',
  );
  out.push(
    '⏱: the series hit its time cap before its planned calls. CPU ms/call: CPU time of the bench process (and of the Neo4j JVM) divided by the calls — unlike latency, not inflated by other work on the machine. "answers": whether both engines gave the same answer (ids, counts) for the query.',
    '',
  );

  if (r.http?.length) {
    out.push('#### HTTP (autocannon, real graph; req/s: mean ± sd over the seconds of the run)', '');
    const httpRows: (string | number)[][] = [];
    for (const target of [...new Set(r.http.map((h) => h.target))]) {
      for (const connections of [...new Set(r.http.map((h) => h.connections))]) {
        const of = (server: HttpRun['server']) => r.http!.find((h) => h.target === target && h.connections === connections && h.server === server);
        const express = of('bare express');
        const raw = of('bare node:http');
        for (const server of HTTP_SERVERS) {
          const h = of(server);
          if (!h) continue;
          const share = (base?: HttpRun) => (base && server.startsWith('api') ? `${Math.round((100 * h.requestsPerSecond) / base.requestsPerSecond)} %` : '');
          httpRows.push([
            target,
            connections,
            server,
            int(h.bodyBytes),
            `${int(h.requestsPerSecond)} ± ${int(h.requestsStddev)}`,
            h.latencyP50,
            h.latencyP99,
            share(express),
            share(raw),
            `${h.cpuMsPerRequest}${h.jvmCpuMsPerRequest === undefined ? '' : ` + ${h.jvmCpuMsPerRequest} JVM`}`,
            h.failures,
          ]);
        }
      }
    }
    out.push(
      table(
        ['endpoint', 'connections', 'server', 'body bytes', 'req/s', 'p50 ms', 'p99 ms', '% of express', '% of node:http', 'CPU ms/request', 'failures'],
        httpRows,
      ),
      '',
    );
  } else if (r.httpError) out.push(`HTTP phase failed: ${r.httpError}`, '');

  if (r.ui) {
    out.push('#### Browser (headless Chromium, 1440×900; ms from navigation start: median <sub>lowest–highest</sub>)', '');
    const cell = (x?: Spread) => (x ? `${x.median} <sub>${x.range.join('–')}</sub>` : '–');
    out.push(
      table(
        [
          'view',
          'page',
          'nodes',
          'edges',
          'first frame with nodes ms',
          'full view drawn ms',
          'last layout stop ms',
          'of which in layouts ms',
          'longest task ms',
          'runs',
        ],
        r.ui.views.map((v) => [
          v.view,
          v.page,
          int(v.nodes),
          int(v.edges),
          cell(v.firstFrame),
          cell(v.fullFrame),
          cell(v.layoutStop),
          cell(v.layoutMs),
          cell(v.longestTaskMs),
          v.error ? `${v.runs} (then: ${v.error})` : v.runs,
        ]),
      ),
      '',
    );
    if (r.ui.panning) {
      const p = r.ui.panning;
      out.push(
        `Panning ${int(p.elements)} elements: **${p.framesPerSecond} frames/s** (${p.range.join('–')} over ${p.runs} runs), 95th percentile frame interval ${p.frameP95Ms} ms.`,
        '',
      );
    }
    if (r.ui.pageErrors.length) out.push(`Page errors: ${r.ui.pageErrors.map((e) => `\`${e}\``).join('; ')}`, '');
  } else if (r.uiError) out.push(`Browser phase failed: ${r.uiError}`, '');

  out.push('#### Targets', '');
  out.push(
    table(
      ['target', 'measured', 'met'],
      r.targets.map((t) => [t.target, t.measured, t.met === undefined ? 'not measured' : t.met ? 'yes' : '**no**']),
    ),
    '',
  );
  return out.join('\n');
}

/** RESULTS.md with its generated part replaced (or appended when the markers are missing). */
export function spliceTables(document: string, tables: string): string {
  const block = `${TABLES_START}\n\n${tables}\n${TABLES_END}`;
  const start = document.indexOf(TABLES_START);
  const end = document.indexOf(TABLES_END);
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${block}\n`;
  return document.slice(0, start) + block + document.slice(end + TABLES_END.length);
}
