// docs/cypher.md is tested: every query of the cookbook runs against a real
// Neo4j loaded with the real graph-data, its rows are checked against what
// the brochure's graph says, and, where the API answers the same question,
// against the API's answer (served by the reference in-memory engine, so the
// comparison does not go through the Neo4j engine's own code).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, startWebServer, type RunningServer } from '../../server/api/app.ts';
import { loadGraphData } from '../../server/graph/load.ts';
import type { DependantsResult, DisclosureMap, FactsResult, PathsResult, Requirement, Subgraph } from '../../server/schema/api.ts';
import type { GraphNode, NodeOf } from '../../server/schema/graph.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { Neo4jGraphLoader } from '../../server/store/neo4j/Neo4jGraphLoader.ts';
import type { Neo4jGraphStore } from '../../server/store/neo4j/Neo4jGraphStore.ts';
import { connectTestStore, neo4jSkipReason, startTestNeo4j, type TestNeo4j } from '../support/neo4j.ts';

const COOKBOOK = resolve(import.meta.dirname, '../../docs/cypher.md');

/** Each "## N. question" of the cookbook with the Cypher block under it. */
export function cookbookQueries(markdown: string): { n: number; question: string; cypher: string }[] {
  return [...markdown.matchAll(/^## (\d+)\. (.+)$[\s\S]*?^```cypher\n([\s\S]*?)^```/gm)].map((m) => ({ n: Number(m[1]), question: m[2], cypher: m[3] }));
}

type Row = Record<string, unknown>;
/** Plain JSON of a driver value: Neo4j dates as ISO strings (integers are numbers already). */
const plain = (value: unknown): unknown => (neo4j.isDate(value as never) ? String(value) : Array.isArray(value) ? value.map(plain) : value);
const sorted = (xs: Iterable<string>) => [...xs].sort();
const column = (rows: Row[], key: string) => rows.map((r) => r[key] as string);

function factsOf(requirements: Requirement[]): string[] {
  return requirements.flatMap((r) => (r.kind === 'condition' ? [r.fact] : factsOf(r.children)));
}

const skip = neo4jSkipReason();

describe.skipIf(skip)('the Cypher cookbook (docs/cypher.md) on the real graph', () => {
  const data = loadGraphData();
  const queries = cookbookQueries(readFileSync(COOKBOOK, 'utf8'));
  let server: TestNeo4j;
  let store: Neo4jGraphStore;
  let api: RunningServer;
  const answers = new Map<number, Row[]>();

  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${api.url}${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const nodesOf = async <T extends GraphNode['type']>(type: T) => (await get<{ nodes: GraphNode[] }>(`/api/nodes?type=${type}`)).nodes as NodeOf<T>[];
  const professions = () => data.nodes.filter((n) => n.type === 'Profession').map((n) => n.id);
  /** Every route the API lists for every profession: the facts of each exception's conditions. */
  const routeFacts = async () => {
    const facts = new Map<string, string[]>();
    for (const profession of professions()) {
      for (const group of (await get<DisclosureMap>(`/api/disclosure?profession=${profession}`)).groups) {
        for (const route of group.routes) facts.set(route.exception.id, sorted(new Set(factsOf(route.conditions))));
      }
    }
    return facts;
  };

  beforeAll(async () => {
    server = await startTestNeo4j();
    store = await connectTestStore(server.uri);
    await new Neo4jGraphLoader(store.neo4jDriver).replaceGraph(data);
    api = await startWebServer(
      createApp({ store: new MemoryGraphStore(data), logger: pino({ level: 'silent' }), rateLimitPerMinute: 0, clientDir: '/nonexistent' }),
    );
    // As Neo4j Browser runs them: plain Cypher, no parameter, in a read transaction.
    const session = store.neo4jDriver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      for (const { n, cypher } of queries) {
        const result = await session.executeRead((tx) => tx.run(cypher));
        answers.set(
          n,
          result.records.map((r) => Object.fromEntries(r.keys.map((k) => [k, plain(r.get(k))]))),
        );
      }
    } finally {
      await session.close();
    }
  });
  afterAll(async () => {
    await api?.close();
    await store?.close();
    await server?.dispose();
  });

  const expectations: Record<number, (rows: Row[]) => Promise<void>> = {
    1: async (rows) => {
      const derogating = data.edges.filter((e) => e.type === 'DEROGATES_FROM' && e.target === 'cp-458').map((e) => e.source);
      expect(sorted(column(rows, 'exception'))).toEqual(sorted(new Set(derogating)));
      const art458bis = rows.find((r) => r.exception === 'exc-458bis')!;
      expect(art458bis.faits).toEqual(
        expect.arrayContaining(['offence_listed_458bis', 'victim_minor_or_vulnerable', 'grave_imminent_danger', 'cannot_protect_alone']),
      );
      // The API lists the same conditions for every route it knows.
      const api = await routeFacts();
      const compared = rows.filter((r) => api.has(r.exception as string));
      expect(compared.length).toBeGreaterThanOrEqual(10);
      for (const r of compared) expect(sorted(new Set(r.faits as string[])), r.exception as string).toEqual(api.get(r.exception as string));
    },
    2: async (rows) => {
      const byProfession = new Map(rows.map((r) => [r.profession as string, sorted(r.voies as string[])]));
      expect(byProfession.get('psychiatre')).toEqual(expect.arrayContaining(['exc-458bis', 'exc-etat-de-necessite']));
      expect(byProfession.get('enseignant')).not.toContain('exc-458bis');
      expect(byProfession.get('fonctionnaire')).toContain('exc-art-29-cic');
      for (const profession of professions()) {
        const map = await get<DisclosureMap>(`/api/disclosure?profession=${profession}&recipient=procureur-du-roi`);
        const routes = sorted(new Set(map.groups.flatMap((g) => g.routes.map((r) => r.exception.id))));
        expect(byProfession.get(profession) ?? [], profession).toEqual(routes);
      }
    },
    3: async (rows) => {
      const replaced = (await nodesOf('Provision')).filter((p) => p.status === 'replaced').map((p) => p.id);
      expect(sorted(column(rows, 'article'))).toEqual(sorted(replaced));
      for (const r of rows) expect(r.remplacePar, r.article as string).toEqual(expect.any(String));
      for (const r of rows.filter((r) => (r.article as string).startsWith('cp-'))) expect(r.depuis).toBe('2026-04-09');
    },
    4: async (rows) => {
      const paths = await get<PathsResult>('/api/paths?from=tms&to=saj');
      expect(rows.length).toBeGreaterThan(0);
      expect(sorted(rows.map((r) => (r.etapes as string[]).join(' > ')))).toEqual(sorted(paths.paths.map((p) => p.nodes.map((n) => n.id).join(' > '))));
      expect(sorted(rows.map((r) => (r.relations as string[]).join(',')))).toEqual(sorted(paths.paths.map((p) => p.edges.map((e) => e.type).join(','))));
    },
    5: async (rows) => {
      expect(rows.find((r) => r.fait === 'strictly_necessary')?.voies).toEqual(expect.arrayContaining(['exc-secret-partage', 'exc-professionnel-victime']));
      const api = await routeFacts();
      const shared = new Map<string, string[]>();
      for (const [exception, facts] of api) for (const fact of facts) shared.set(fact, [...(shared.get(fact) ?? []), exception]);
      const apiShared = [...shared].filter(([, routes]) => routes.length > 1).map(([fact, routes]) => `${fact}: ${sorted(routes)}`);
      expect(sorted(rows.map((r) => `${r.fait}: ${sorted(r.voies as string[])}`))).toEqual(sorted(apiShared));
    },
    6: async (rows) => {
      expect(rows.length).toBe(9);
      expect(rows.find((r) => r.infraction === 'off-433quinquies')).toMatchObject({ articles: '433quinquies', libelle: 'Traite des êtres humains' });
      const around = await get<Subgraph>('/api/nodes/cp-458bis/neighbourhood?depth=1&relations=REFERS_TO&types=Offence');
      expect(column(rows, 'infraction')).toEqual(around.nodes.filter((n) => n.type === 'Offence').map((n) => n.id));
    },
    7: async (rows) => {
      expect(column(rows, 'situation')).toContain('sit-04-psychiatre-madame-l');
      for (const r of rows) expect(r.verdict).toMatch(/^(not_bound|forbidden|permitted|required|undetermined)$/);
      const around = await get<Subgraph>('/api/nodes/cp-458bis/neighbourhood?depth=1&relations=ILLUSTRATES&types=Situation');
      expect(column(rows, 'situation')).toEqual(around.nodes.filter((n) => n.type === 'Situation').map((n) => n.id));
    },
    8: async (rows) => {
      const bound = (await nodesOf('Profession')).filter((p) => p.bound).map((p) => p.id);
      expect(column(rows, 'profession')).toEqual(bound);
      expect(column(rows, 'profession')).toContain('medecin');
      expect(column(rows, 'profession')).not.toContain('enseignant');
      expect(rows.find((r) => r.profession === 'medecin')!.sources).toContain('cp-458');
    },
    9: async (rows) => {
      expect(rows.find((r) => r.limite === 'lim-458quater')!.voies).toEqual(expect.arrayContaining(['exc-458bis', 'exc-458ter-concertation']));
      const lawyer = await get<DisclosureMap>('/api/disclosure?profession=avocat&recipient=procureur-du-roi');
      const route = lawyer.groups.flatMap((g) => g.routes).find((r) => r.exception.id === 'exc-458bis')!;
      expect(route.limits.map((l) => l.limit.id)).toContain('lim-458quater');
    },
    10: async (rows) => {
      expect(column(rows, 'devoir')).toContain('duty-porter-secours');
      const doctor = await get<DisclosureMap>('/api/disclosure?profession=medecin&recipient=procureur-du-roi');
      const route = doctor.groups.flatMap((g) => g.routes).find((r) => r.exception.id === 'exc-458bis')!;
      expect(column(rows, 'devoir')).toEqual(sorted(route.duties.map((d) => d.id)));
    },
    11: async (rows) => {
      const node = await get<GraphNode>('/api/nodes/cp-458bis');
      expect(rows.map((r) => ({ source: r.source, section: r.section, quote: r.citation }))).toEqual(node.citations);
    },
    12: async (rows) => {
      expect(rows.find((r) => r.obligation === 'exc-art-29-cic')!.destinataires).toEqual(['procureur-du-roi']);
      const requiring = (await nodesOf('Exception')).filter((e) => e.effect === 'requires').map((e) => e.id);
      expect(column(rows, 'obligation')).toEqual(sorted(requiring));
    },
    13: async (rows) => {
      const situations = (await nodesOf('Situation')).filter((s) => s.assess.facts.grave_imminent_danger === true);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows).toEqual(
        situations.map((s) => ({ situation: s.id, profession: s.assess.profession, destinataire: s.assess.recipient, verdict: s.expectedVerdict })),
      );
    },
    14: async (rows) => {
      const old = (await nodesOf('Instrument')).filter((i) => i.date && /^\d{4}-\d{2}-\d{2}$/.test(i.date) && i.date < '1970-01-01');
      expect(rows.find((r) => r.texte === 'code-penal')?.date).toBe('1867-06-08');
      expect(column(rows, 'texte')).toEqual(old.sort((a, b) => a.date!.localeCompare(b.date!)).map((i) => i.id));
    },
    15: async (rows) => {
      const { facts } = await get<FactsResult>('/api/facts');
      for (const r of rows) expect(r.question, r.fait as string).toBe(facts.find((f) => f.id === r.fait)!.question);
      const api = await routeFacts();
      expect(sorted(new Set(column(rows, 'fait')))).toEqual(api.get('exc-458bis'));
    },
    16: async (rows) => {
      const { professions } = await get<DependantsResult>('/api/nodes/cp-458bis/dependants');
      const api = professions.map((p) => ({
        profession: p.profession.id,
        destinataires: p.answers.map((a) => a.recipient.id),
        voies: sorted(new Set(p.answers.flatMap((a) => a.routes))),
      }));
      expect(rows).toEqual(api);
      expect(column(rows, 'profession')).toContain('psychiatre');
    },
  };

  it('has at least ten questions, numbered in order, each with a check below', () => {
    expect(queries.length).toBeGreaterThanOrEqual(10);
    expect(queries.map((q) => q.n)).toEqual(queries.map((_, i) => i + 1));
    expect(Object.keys(expectations).map(Number)).toEqual(queries.map((q) => q.n));
  });

  for (const n of Object.keys(expectations).map(Number)) {
    it(`answers question ${n} of the cookbook as the graph and the API do`, async () => {
      const rows = answers.get(n);
      expect(rows, `docs/cypher.md has no question ${n}`).toBeDefined();
      await expectations[n](rows!);
    }, 60_000);
  }
});
