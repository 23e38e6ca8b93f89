// The explorer's five questions as the API asks them of a GraphStore, in
// process (no HTTP), and the loop that times them: warm-up, then rounds of
// calls, each call timed alone, under a time cap per series.
import { assessSituation } from '../server/domain/assess.ts';
import { findDisclosureRoutes } from '../server/domain/disclosure.ts';
import type { Fact, GraphData } from '../server/schema/graph.ts';
import type { GraphStore } from '../server/store/GraphStore.ts';
import { ExplorerService } from '../server/service/ExplorerService.ts';
import { cpuMs } from './process-usage.ts';
import { summarise, type LatencySummary } from './stats.ts';

/** The pinned example queries; the scale generator keeps every id they name. */
export const EXAMPLES = {
  assess: { profession: 'tms', recipient: 'saj', facts: { child_maltreatment_situation: true } },
  disclosure: 'psychologue',
  neighbourhood: { id: 'cp-458', depth: 2 as const },
  searches: ['necessite', '458 bis'],
  path: { from: 'tms', to: 'procureur-du-roi' },
  /** ids whose dependants are asked in turn (issue 27), and the reform whose full diff is timed */
  dependants: ['cp-458bis', 'exc-secret-partage', 'duty-informer-famille', 'grave_imminent_danger', 'lim-458quater'],
  reform: [{ kind: 'repeal' as const, id: 'cp-458bis' }],
};

export interface SeriesPlan {
  rounds: number;
  callsPerRound: number;
  warmUpCalls: number;
  /** stop a series after this long, whatever is left */
  capMs: number;
}

export interface QuerySeries {
  id: string;
  label: string;
  /** the call to time in round `round` (a series may open a fresh store per round) */
  round(round: number): Promise<{ call: (i: number) => Promise<unknown>; done?: () => Promise<void> }>;
  /** a comparable digest of the answer, to check that both engines agree */
  digest?: () => Promise<string>;
}

export interface SeriesResult extends LatencySummary {
  id: string;
  label: string;
  digest?: string;
  /** CPU time per call of this process, and of the Neo4j JVM (ms) */
  cpuMsPerCall: number;
  jvmCpuMsPerCall?: number;
}

export interface QueryContext {
  store: GraphStore;
  /** a store with nothing cached yet (Neo4j: a new connection, so an empty route cache) */
  freshStore?: () => Promise<GraphStore>;
  graph: GraphData;
  seed: number;
}

/** (profession, recipient) pairs in a seeded order: every call of a round asks a different pair. */
export function assessPairs(graph: GraphData, seed: number): [string, string][] {
  const professions = graph.nodes.filter((n) => n.type === 'Profession').map((n) => n.id);
  const recipients = graph.nodes.filter((n) => n.type === 'Recipient' || n.type === 'Profession').map((n) => n.id);
  const pairs: [string, string][] = [];
  let state = seed >>> 0 || 1;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
  const wanted = Math.min(professions.length * recipients.length, 20_000);
  const seen = new Set<string>();
  while (pairs.length < wanted) {
    const pair: [string, string] = [professions[Math.floor(next() * professions.length)], recipients[Math.floor(next() * recipients.length)]];
    if (seen.has(pair.join('|'))) continue;
    seen.add(pair.join('|'));
    pairs.push(pair);
  }
  return pairs;
}

export function querySeries(context: QueryContext, vocabulary: Fact[]): QuerySeries[] {
  const { store } = context;
  const { assess, disclosure, neighbourhood, searches, path, dependants, reform } = EXAMPLES;
  const pairs = assessPairs(context.graph, context.seed);
  // In process, as the API runs them: the service keeps each route subgraph per graph version (answers are not kept here).
  const serviceOf = (on: GraphStore) => new ExplorerService(on, { answerBytes: 0 });
  const service = serviceOf(store);
  const assessWith = async (on: ExplorerService, profession: string, recipient: string) =>
    assessSituation(await on.routeCandidates(profession, recipient), assess.facts, { closedWorld: false }, vocabulary);

  const impactSeries = (): QuerySeries[] => [
    {
      id: 'dependants',
      label: `dependants of ${dependants.join(', ')} in turn (the impact index kept for the graph version)`,
      round: async () => ({ call: (i) => service.impact.dependants(dependants[i % dependants.length]) }),
      digest: async () => {
        const found = await service.impact.dependants(dependants[0]);
        return `${found.counts.answers} answers ${found.counts.routes} routes ${found.counts.situations} situations`;
      },
    },
    {
      id: 'reform-diff',
      label: 'full diff of a reform (repeal cp-458bis): every (profession, kind) route set, worked example and review case, before and after',
      round: async () => ({ call: () => service.impact.reform({ changes: reform }) }),
      digest: async () => {
        const { counts } = await service.impact.reform({ changes: reform });
        return `lost ${counts.routesLost} changed ${counts.routesChanged} verdicts ${counts.verdictsChanged} reassessed ${counts.answersReassessed}/${counts.answersCompared}`;
      },
    },
    {
      id: 'reform-diff-cold',
      label: 'the same diff on a fresh service: the whole graph read and the impact index built first (once per graph version)',
      round: async () => ({ call: () => serviceOf(store).impact.reform({ changes: reform }) }),
    },
  ];

  return [
    {
      id: 'assess-same-pair',
      label: `assess ${assess.profession} → ${assess.recipient}, same pair every call (route subgraph cache hit)`,
      round: async () => ({ call: () => assessWith(service, assess.profession, assess.recipient) }),
      digest: async () => {
        const a = await assessWith(service, assess.profession, assess.recipient);
        return `${a.verdict} ${a.routes.length} routes`;
      },
    },
    {
      id: 'assess-varying-pairs',
      label: 'assess, a different (profession, recipient) pair every call (cold: nothing cached for the pair)',
      round: async (round) => {
        const fresh = context.freshStore ? await context.freshStore() : undefined;
        const on = fresh ? serviceOf(fresh) : service;
        // Rounds walk different stretches of the pair list, and a fresh Neo4j store forgets the earlier ones.
        const offset = ((round + 1) * 1_000) % pairs.length;
        return {
          call: (i) => {
            const [profession, recipient] = pairs[(offset + i) % pairs.length];
            return assessWith(on, profession, recipient);
          },
          done: fresh ? () => fresh.close() : undefined,
        };
      },
    },
    {
      id: 'disclosure',
      label: `disclosure map of ${disclosure} (route subgraph cache hit after the first call)`,
      round: async () => ({ call: async () => findDisclosureRoutes(await service.routeCandidates(disclosure)) }),
      digest: async () => {
        const map = findDisclosureRoutes(await service.routeCandidates(disclosure));
        return `${map.groups.length} groups ${map.groups.reduce((n, g) => n + g.routes.length, 0)} routes`;
      },
    },
    {
      id: 'neighbourhood',
      label: `neighbourhood of ${neighbourhood.id}, depth ${neighbourhood.depth} (at most 500 nodes)`,
      round: async () => ({ call: () => store.neighbourhood(neighbourhood.id, { depth: neighbourhood.depth }) }),
      digest: async () => {
        const sub = (await store.neighbourhood(neighbourhood.id, { depth: neighbourhood.depth }))!;
        return `${sub.nodes.length} nodes ${sub.edges.length} edges truncated=${sub.truncated} first=${sub.nodes
          .slice(0, 3)
          .map((n) => n.id)
          .join(',')}`;
      },
    },
    ...searches.map((q): QuerySeries => ({
      id: `search-${q.replace(/\W+/g, '-')}`,
      label: `search "${q}" (top 20)`,
      round: async () => ({ call: () => store.search(q) }),
      digest: async () => (await store.search(q)).map((h) => h.node.id).join(','),
    })),
    // Impact analysis reads every (profession, kind): measured up to the 10k graph, where issue 27 sets its targets.
    ...(context.graph.nodes.length > IMPACT_MAX_NODES ? [] : impactSeries()),
    {
      id: 'shortest-paths',
      label: `shortest paths ${path.from} → ${path.to} (up to 6 edges, 10 paths)`,
      round: async () => ({ call: () => store.shortestPaths(path.from, path.to) }),
      digest: async () => {
        const paths = (await store.shortestPaths(path.from, path.to))!;
        return paths.map((p) => p.nodes.map((n) => n.id).join('>')).join(' | ');
      },
    },
  ];
}

/** Largest graph the impact series (dependants, reform diff) run on. */
export const IMPACT_MAX_NODES = 20_000;

/** Share of a series' time cap that its warm-up may take. */
const WARM_UP_SHARE = 0.1;

export async function measureSeries(series: QuerySeries, plan: SeriesPlan, jvmPid?: number): Promise<SeriesResult> {
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const warm = await series.round(-1);
  try {
    for (let i = 0; i < plan.warmUpCalls && elapsed() < plan.capMs * WARM_UP_SHARE; i++) await warm.call(i);
  } catch (err) {
    firstError = (err as Error).message;
  } finally {
    await warm.done?.();
  }
  // What is left of the cap is shared by the rounds, so that a slow series still has several
  // rounds to compare; a round makes at least one call, and no round but the first starts after the cap.
  const roundCapMs = Math.max(0, plan.capMs - elapsed()) / plan.rounds;
  const rounds: number[][] = [];
  let capped = false;
  let cpu = 0;
  let jvmCpu = 0;
  for (let r = 0; r < plan.rounds; r++) {
    if (r > 0 && elapsed() > plan.capMs) {
      capped = true;
      break;
    }
    const { call, done } = await series.round(r);
    const roundStarted = performance.now();
    const times: number[] = [];
    const cpuBefore = cpuMs();
    const jvmBefore = jvmPid ? cpuMs(jvmPid) : 0;
    try {
      for (let i = 0; i < plan.callsPerRound; i++) {
        if (i > 0 && performance.now() - roundStarted > roundCapMs) {
          capped = true;
          break;
        }
        const t0 = performance.now();
        try {
          await call(i);
          times.push(performance.now() - t0);
        } catch (err) {
          errors++;
          firstError ??= (err as Error).message;
        }
      }
    } finally {
      cpu += cpuMs() - cpuBefore;
      if (jvmPid) jvmCpu += cpuMs(jvmPid) - jvmBefore;
      await done?.();
    }
    rounds.push(times);
  }
  if (firstError) console.error(`  ${series.id}: ${errors} error(s), first: ${firstError.slice(0, 200)}`);
  const calls = Math.max(1, rounds.flat().length);
  return {
    id: series.id,
    label: series.label,
    ...summarise(rounds, errors, capped),
    cpuMsPerCall: Math.round((cpu / calls) * 1000) / 1000,
    jvmCpuMsPerCall: jvmPid ? Math.round((jvmCpu / calls) * 1000) / 1000 : undefined,
    digest: await series.digest?.().catch((e: Error) => `error: ${e.message}`),
  };
}
