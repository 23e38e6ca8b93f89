// What an engine answers on the real graph-data, in a compact, reviewable
// form: checked in as test/contract/expected/real-graph.json (regenerate with
// `npm run expected:update`, which prints the diff), so that each engine is held
// to reviewed answers and not only to the other engine.
import { buildRouteCandidates } from '../../server/domain/routes.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';

export const NEIGHBOURHOOD_IDS = ['cp-458', 'cp-458bis', 'tms', 'saj', 'exc-458bis', 'cass-1905-02-20', 'depositaire'];
export const SEARCHES = ['necessite', '458 bis', 'secret partagé', 'procureur', 'TMS', 'terroris', 'art', 'médecin', 'cass 1905', 'zzzz'];
export const PATH_PAIRS = [
  ['tms', 'saj'],
  ['cp-458', 'procureur-du-roi'],
  ['psychiatre', 'cp-458bis'],
  ['avocat', 'cp-458quater'],
  ['citoyen', 'cic-30'],
];

export interface RealGraphAnswers {
  counts: unknown;
  neighbourhoods: Record<string, { nodes: string[]; edges: string[]; truncated: boolean }>;
  search: Record<string, string[]>;
  paths: Record<string, string[]>;
  routes: Record<string, string[]>;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

/** The recipients routes are compared for: none (every recipient), each Recipient and two professions as recipients. */
export async function routePairs(store: GraphStore): Promise<[string, string | undefined][]> {
  const professions = ids(await store.listNodes('Profession'));
  const recipients = [undefined, ...ids(await store.listNodes('Recipient')), 'psychologue', 'policier'];
  return professions.flatMap((p) => recipients.map((r): [string, string | undefined] => [p, r]));
}

export async function realGraphAnswers(store: GraphStore): Promise<RealGraphAnswers> {
  const answers: RealGraphAnswers = { counts: await store.counts(), neighbourhoods: {}, search: {}, paths: {}, routes: {} };
  for (const id of NEIGHBOURHOOD_IDS) {
    for (const depth of [1, 2, 3] as const) {
      const n = (await store.neighbourhood(id, { depth }))!;
      answers.neighbourhoods[`${id}@${depth}`] = { nodes: ids(n.nodes), edges: ids(n.edges), truncated: n.truncated };
    }
  }
  for (const q of SEARCHES) answers.search[q] = (await store.search(q)).map((h) => `${h.node.id} ${h.score}`);
  for (const [from, to] of PATH_PAIRS) answers.paths[`${from}→${to}`] = (await store.shortestPaths(from, to))!.map((p) => ids(p.nodes).join(' '));
  for (const [profession, recipient] of await routePairs(store)) {
    const candidates = buildRouteCandidates(await store.routeSubgraph(profession, recipient), profession, recipient);
    answers.routes[`${profession}→${recipient ?? '*'}`] = candidates.routes.map((r) => {
      const limits = r.limits.map((l) => l.limit.id).join(',');
      const duties = r.duties.map((d) => d.id).join(',');
      return `${r.exception.id}>${r.target.id}${limits ? ` limits:${limits}` : ''}${duties ? ` duties:${duties}` : ''}`;
    });
  }
  return answers;
}
