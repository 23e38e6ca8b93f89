// One contract for every GraphStore (as keyv's shared test suite does for its
// backends): behaviour on small hand-made graphs, then, on the real
// graph-data, answers identical to the reference in-memory engine.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_RELATIONS } from '../../server/domain/summary.ts';
import { loadGraphData } from '../../server/graph/load.ts';
import type { GraphData } from '../../server/schema/graph.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { ExplorerService } from '../../server/service/ExplorerService.ts';
import { ReformBody } from '../../server/schema/impact.ts';
import type { AssessBody } from '../../server/schema/api.ts';
import { condition, tinyGraph } from '../support/tinyGraph.ts';
import { routeCandidatesOf } from '../support/routes.ts';
import { acceptanceSuite } from './acceptanceSuite.ts';
import { realGraphAnswers, type RealGraphAnswers } from './realGraphAnswers.ts';

export type OpenStore = (data: GraphData) => Promise<GraphStore>;

/** Reforms both engines must answer alike (POST /api/reform). */
const CONTRACT_REFORMS = [
  [{ kind: 'repeal', id: 'cp-458bis' }],
  [{ kind: 'repeal', id: 'cp-458ter' }],
  [{ kind: 'setEffect', exception: 'exc-secret-partage', effect: 'requires' }],
  [
    { kind: 'addRecipient', exception: 'exc-458bis', recipient: 'police' },
    { kind: 'removeCondition', exception: 'exc-etat-de-necessite', condition: 'exc-etat-de-necessite--proportionate' },
  ],
];

/**  a — b — d
 *   |       |     two shortest paths a→d, and c reached from a through two relations
 *   c — e — ┘
 */
export const pathGraph = tinyGraph(
  [
    { id: 'a', type: 'Provision', label: 'Art. 458 Code pénal', summary: 'Règle de base du secret', status: 'replaced' },
    { id: 'b', type: 'Provision', label: 'Art. 458bis Code pénal', summary: 'Mineurs et personnes vulnérables', status: 'replaced' },
    { id: 'c', type: 'Exception', label: 'État de nécessité', effect: 'permits', summary: 'Danger grave et actuel' },
    { id: 'd', type: 'Recipient', label: 'Procureur du Roi' },
    { id: 'e', type: 'Recipient', label: 'Équipe SOS Enfants' },
    { id: 'lonely', type: 'Recipient', label: 'Isolé' },
  ],
  [
    ['a', 'REFERS_TO', 'b'],
    ['b', 'REFERS_TO', 'a'],
    ['b', 'REFERS_TO', 'd'],
    ['a', 'ESTABLISHES', 'c'],
    ['c', 'PERMITS_DISCLOSURE_TO', 'e'],
    ['e', 'IS_A', 'd'],
  ],
);

export const routeGraph = tinyGraph(
  [
    { id: 'root', type: 'Profession', bound: false },
    { id: 'dep', type: 'Profession', bound: true },
    { id: 'doc', type: 'Profession', bound: true },
    { id: 'pros', type: 'Recipient' },
    { id: 'svc', type: 'Recipient' },
    { id: 'code', type: 'Instrument', kind: 'code' },
    { id: 'p1', type: 'Provision', summary: 's', status: 'replaced' },
    { id: 'p2', type: 'Provision', summary: 's', status: 'in_force' },
    { id: 'e-a', type: 'Exception', effect: 'permits', summary: 's' },
    { id: 'e-b', type: 'Exception', effect: 'requires', summary: 's' },
    { id: 'l-1', type: 'Limit', summary: 's' },
    { id: 'g', type: 'ConditionGroup', mode: 'any' },
    condition('c-1', 'f1'),
    condition('c-2', 'f2', false),
    condition('c-3', 'f3'),
    condition('c-4', 'f4'),
    { id: 'd-1', type: 'Duty' },
    { id: 'd-2', type: 'Duty' },
  ],
  [
    ['dep', 'IS_A', 'root'],
    ['doc', 'IS_A', 'dep'],
    ['pros', 'IS_A', 'svc'],
    ['p1', 'PART_OF', 'code'],
    ['p2', 'PART_OF', 'code'],
    ['p1', 'REPLACED_BY', 'p2', { date: '2026-04-09' }],
    ['p1', 'ESTABLISHES', 'e-a'],
    ['p2', 'ESTABLISHES', 'e-b'],
    ['p2', 'ESTABLISHES', 'd-2'],
    ['e-a', 'APPLIES_TO', 'dep'],
    ['e-b', 'APPLIES_TO', 'root'],
    ['e-a', 'PERMITS_DISCLOSURE_TO', 'svc'],
    ['e-a', 'PERMITS_DISCLOSURE_TO', 'pros'],
    ['e-b', 'REQUIRES_DISCLOSURE_TO', 'pros'],
    ['e-a', 'REQUIRES', 'c-1'],
    ['e-a', 'REQUIRES', 'g'],
    ['g', 'REQUIRES', 'c-2'],
    ['g', 'REQUIRES', 'c-3'],
    ['e-b', 'REQUIRES', 'c-4'],
    ['e-a', 'IMPOSES', 'd-1'],
    ['e-a', 'DEROGATES_FROM', 'p2'],
    ['l-1', 'RESTRICTS', 'e-a'],
    ['l-1', 'APPLIES_TO', 'doc'],
    ['d-2', 'APPLIES_TO', 'root'],
    ['d-2', 'REQUIRES', 'c-4'],
  ],
  ['f1', 'f2', 'f3', 'f4'],
);

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

export function graphStoreContract(engine: string, open: OpenStore): void {
  describe(`GraphStore contract: ${engine}`, () => {
    describe('on a small graph of paths', () => {
      let store: GraphStore;
      beforeAll(async () => {
        store = await open(pathGraph);
      });
      afterAll(() => store.close());

      it('reports its engine and counts', async () => {
        expect(store.engine).toBe(engine);
        expect(await store.counts()).toEqual({
          nodes: 6,
          edges: 6,
          byType: { Exception: 1, Provision: 2, Recipient: 3 },
          byRelation: { ESTABLISHES: 1, IS_A: 1, PERMITS_DISCLOSURE_TO: 1, REFERS_TO: 3 },
        });
      });

      it('returns a node with every property and its citations, or nothing for an unknown id', async () => {
        expect(await store.getNode('c')).toEqual(pathGraph.nodes.find((n) => n.id === 'c'));
        expect(await store.getNode('nope')).toBeUndefined();
      });

      it('lists nodes by type in id order', async () => {
        expect(ids(await store.listNodes('Recipient'))).toEqual(['d', 'e', 'lonely']);
        expect(ids(await store.listNodes())).toEqual(['a', 'b', 'c', 'd', 'e', 'lonely']);
      });

      it('returns the neighbourhood at each depth, in both directions', async () => {
        const one = await store.neighbourhood('d', { depth: 1 });
        expect(ids(one!.nodes)).toEqual(['b', 'd', 'e']);
        expect(ids(one!.edges)).toEqual(['b-[REFERS_TO]->d', 'e-[IS_A]->d']);
        expect(one!.truncated).toBe(false);
        const two = await store.neighbourhood('d', { depth: 2 });
        expect(ids(two!.nodes)).toEqual(['a', 'b', 'c', 'd', 'e']);
        expect(ids(two!.edges)).toHaveLength(6);
        expect(await store.neighbourhood('nope', { depth: 1 })).toBeUndefined();
      });

      it('filters the neighbourhood by node type and relation type', async () => {
        const provisions = await store.neighbourhood('d', { depth: 3, nodeTypes: ['Provision'] });
        expect(ids(provisions!.nodes)).toEqual(['a', 'b', 'd']);
        const refers = await store.neighbourhood('a', { depth: 3, relationTypes: ['REFERS_TO'] });
        expect(ids(refers!.nodes)).toEqual(['a', 'b', 'd']);
        expect(ids(refers!.edges)).toEqual(['a-[REFERS_TO]->b', 'b-[REFERS_TO]->a', 'b-[REFERS_TO]->d']);
      });

      it('cuts a neighbourhood larger than maxNodes level by level in id order', async () => {
        const cut = await store.neighbourhood('d', { depth: 2, maxNodes: 2 });
        expect(ids(cut!.nodes)).toEqual(['b', 'd']);
        expect(cut!.truncated).toBe(true);
      });

      it('finds nodes ignoring accents, case and the space in "458 bis", best first', async () => {
        expect(ids((await store.search('necessite')).map((h) => h.node))).toEqual(['c']);
        expect(ids((await store.search('EQUIPE sos')).map((h) => h.node))).toEqual(['e']);
        expect(ids((await store.search('458 bis')).map((h) => h.node))).toEqual(['b']);
        const art = await store.search('art 458');
        expect(ids(art.map((h) => h.node))).toEqual(['a', 'b']);
        expect(art[0].score).toBeGreaterThan(art[1].score);
        expect(ids((await store.search('art', { types: ['Recipient'] })).map((h) => h.node))).toEqual([]);
        expect(await store.search('  ')).toEqual([]);
        expect(ids((await store.search('458', { limit: 1 })).map((h) => h.node))).toEqual(['a']);
      });

      it('selects every edge of given relation types with the nodes at its ends, in id order', async () => {
        const selected = await store.relationSubgraph(['IS_A', 'ESTABLISHES']);
        expect(ids(selected.nodes)).toEqual(['a', 'c', 'd', 'e']);
        expect(ids(selected.edges)).toEqual(['a-[ESTABLISHES]->c', 'e-[IS_A]->d']);
        expect(selected.nodes[0]).toEqual(pathGraph.nodes[0]);
        expect(await store.relationSubgraph(['BOUND_BY'])).toEqual({ nodes: [], edges: [] });
      });

      it('treats query syntax as plain text', async () => {
        for (const q of ['"', 'a AND (b', 'MATCH (n) DETACH DELETE n', '*', 'né~2^3 || c:d', '\\', '[]{}']) {
          expect(Array.isArray(await store.search(q))).toBe(true);
        }
        expect((await store.counts()).nodes).toBe(6);
      });

      it('returns every shortest path in canonical order, ignoring direction', async () => {
        const paths = await store.shortestPaths('a', 'd');
        expect(paths!.map((p) => ids(p.nodes))).toEqual([
          ['a', 'b', 'd'],
          ['a', 'b', 'd'],
        ]);
        expect(paths!.map((p) => ids(p.edges))).toEqual([
          ['a-[REFERS_TO]->b', 'b-[REFERS_TO]->d'],
          ['b-[REFERS_TO]->a', 'b-[REFERS_TO]->d'],
        ]);
        expect((await store.shortestPaths('a', 'd', { limit: 1 }))!.length).toBe(1);
        expect(await store.shortestPaths('a', 'lonely')).toEqual([]);
        expect(await store.shortestPaths('a', 'nope')).toBeUndefined();
        expect((await store.shortestPaths('c', 'a'))!.map((p) => ids(p.edges))).toEqual([['a-[ESTABLISHES]->c']]);
        expect(await store.shortestPaths('a', 'e', { maxLength: 1 })).toEqual([]);
      });
    });

    describe('on a small graph of routes', () => {
      let store: GraphStore;
      beforeAll(async () => {
        store = await open(routeGraph);
      });
      afterAll(() => store.close());

      it('finds routes through IS_A, one per exception and named recipient', async () => {
        const all = await routeCandidatesOf(store, 'doc');
        expect(all.routes.map((r) => `${r.exception.id}>${r.target.id}`)).toEqual(['e-a>pros', 'e-a>svc', 'e-b>pros']);
        const toPros = await routeCandidatesOf(store, 'doc', 'pros');
        expect(toPros.routes.map((r) => `${r.exception.id}>${r.target.id}`)).toEqual(['e-a>pros', 'e-b>pros']);
      });

      it('carries conditions, limits, duties, sources with their replacement, and path elements', async () => {
        const { routes, standaloneDuties } = await routeCandidatesOf(store, 'doc', 'pros');
        const a = routes[0];
        expect(a.requirements).toEqual([
          { kind: 'condition', id: 'c-1', label: 'c-1', fact: 'f1', expected: true },
          {
            kind: 'group',
            id: 'g',
            label: 'g',
            mode: 'any',
            children: [
              { kind: 'condition', id: 'c-2', label: 'c-2', fact: 'f2', expected: false },
              { kind: 'condition', id: 'c-3', label: 'c-3', fact: 'f3', expected: true },
            ],
          },
        ]);
        expect(a.limits.map((l) => l.limit.id)).toEqual(['l-1']);
        expect(ids(a.duties)).toEqual(['d-1']);
        expect(a.sources[0]).toMatchObject({ id: 'p1', status: 'replaced', replacedBy: [{ id: 'p2' }], instrument: { id: 'code' } });
        expect(a.elements.edges.map((e) => e.id)).toEqual(
          expect.arrayContaining([
            'doc-[IS_A]->dep',
            'e-a-[APPLIES_TO]->dep',
            'e-a-[PERMITS_DISCLOSURE_TO]->pros',
            'e-a-[REQUIRES]->g',
            'g-[REQUIRES]->c-3',
            'l-1-[RESTRICTS]->e-a',
          ]),
        );
        expect(ids(standaloneDuties.map((d) => d.duty))).toEqual(['d-2']);
      });

      it('does not carry a limit that concerns another profession', async () => {
        const { routes } = await routeCandidatesOf(store, 'dep', 'pros');
        expect(routes[0].limits).toEqual([]);
      });

      it('throws a NotFoundError naming the field for unknown ids', async () => {
        await expect(routeCandidatesOf(store, 'nobody')).rejects.toMatchObject({ name: 'NotFoundError', field: 'profession' });
        await expect(routeCandidatesOf(store, 'doc', 'nobody')).rejects.toMatchObject({ name: 'NotFoundError', field: 'recipient' });
      });

      it('serves the fact vocabulary', async () => {
        expect(ids(await store.facts())).toEqual(['f1', 'f2', 'f3', 'f4']);
      });
    });

    describe('on the real graph-data, answering as the reference engine does', () => {
      const data = loadGraphData();
      const reference = new MemoryGraphStore(data);
      let store: GraphStore;
      beforeAll(async () => {
        store = await open(data);
      });
      afterAll(() => store.close());

      it('gives the reviewed answers of test/contract/expected/real-graph.json (npm run expected:update shows the diff)', async () => {
        const expected = JSON.parse(readFileSync(resolve(import.meta.dirname, 'expected/real-graph.json'), 'utf8')) as RealGraphAnswers;
        const answers = await realGraphAnswers(store);
        for (const part of ['counts', 'neighbourhoods', 'search', 'paths', 'routes'] as const) expect(answers[part], part).toEqual(expected[part]);
      }, 300_000);

      it('says which provisions’ status is not verified and which duties are recommendations', async () => {
        expect(await store.getNode('decret-2004-art-3')).toMatchObject({ status: 'in_force', statusVerified: false });
        expect(await store.getNode('cp-458bis')).not.toHaveProperty('statusVerified');
        expect(await store.getNode('duty-partager-en-equipe')).toMatchObject({ kind: 'recommendation' });
      });

      it('holds the same nodes and counts', async () => {
        expect(await store.counts()).toEqual(await reference.counts());
        for (const node of data.nodes) expect(await store.getNode(node.id)).toEqual(node);
        expect(await store.listNodes('Profession')).toEqual(await reference.listNodes('Profession'));
      });

      it('returns the same neighbourhoods', async () => {
        for (const id of ['cp-458', 'cp-458bis', 'tms', 'saj', 'exc-458bis', 'cass-1905-02-20', 'depositaire']) {
          for (const depth of [1, 2, 3] as const) {
            expect(await store.neighbourhood(id, { depth }), `${id}@${depth}`).toEqual(await reference.neighbourhood(id, { depth }));
          }
          const filtered = {
            depth: 2 as const,
            nodeTypes: ['Provision' as const, 'Exception' as const],
            relationTypes: ['ESTABLISHES' as const, 'REFERS_TO' as const],
          };
          expect(await store.neighbourhood(id, filtered)).toEqual(await reference.neighbourhood(id, filtered));
        }
      });

      it('selects the same relations for the summary of the law', async () => {
        expect(await store.relationSubgraph(SUMMARY_RELATIONS)).toEqual(await reference.relationSubgraph(SUMMARY_RELATIONS));
      });

      it('returns the same search hits in the same order', async () => {
        for (const q of ['necessite', '458 bis', 'secret partagé', 'procureur', 'TMS', 'terroris', 'art', 'médecin', 'cass 1905', 'zzzz']) {
          expect(await store.search(q), q).toEqual(await reference.search(q));
        }
      });

      it('returns the same shortest paths', async () => {
        for (const [from, to] of [
          ['tms', 'saj'],
          ['cp-458', 'procureur-du-roi'],
          ['psychiatre', 'cp-458bis'],
          ['avocat', 'cp-458quater'],
          ['citoyen', 'cic-30'],
        ]) {
          expect(await store.shortestPaths(from, to), `${from}→${to}`).toEqual(await reference.shortestPaths(from, to));
        }
      });

      it('returns the same routes with the same conditions, in the same order', async () => {
        const recipients = [undefined, ...ids(await reference.listNodes('Recipient')).slice(0, 12), 'psychologue'];
        for (const profession of ids(await reference.listNodes('Profession'))) {
          for (const recipient of recipients) {
            expect(await routeCandidatesOf(store, profession, recipient), `${profession}→${recipient}`).toEqual(
              await routeCandidatesOf(reference, profession, recipient),
            );
          }
        }
      }, 300_000);

      it('gives the same dependants, the same reform diffs and the same answers under the law of a date', async () => {
        const [mine, theirs] = [new ExplorerService(store), new ExplorerService(reference)];
        for (const id of [
          'cp-458bis',
          'cp-458ter',
          'exc-secret-partage',
          'exc-458bis--grave-imminent-danger',
          'lim-458quater',
          'duty-informer-famille',
          'same_mission',
        ]) {
          expect(await mine.impact.dependants(id), id).toEqual(await theirs.impact.dependants(id));
        }
        for (const changes of CONTRACT_REFORMS) {
          const body = ReformBody.parse({ changes });
          expect(await mine.impact.reform(body), JSON.stringify(changes)).toEqual(await theirs.impact.reform(body));
        }
        for (const question of <AssessBody[]>[
          { profession: 'avocat', recipient: 'concertation-de-cas', facts: {}, asOf: '2016-01-01' },
          { profession: 'assistant-social-cpas', recipient: 'procureur-du-roi', facts: { written_request_procureur: true }, asOf: '2017-01-01' },
        ]) {
          expect(await mine.assess(question)).toEqual(await theirs.assess(question));
        }
      }, 300_000);

      acceptanceSuite(engine, () => store);
    });
  });
}
