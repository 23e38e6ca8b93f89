// Reforms and dependants on the real graph-data (issue 27): the properties
// every reform keeps, and the law of a date before 2017.
import { describe, expect, it } from 'vitest';
import { assessSituation } from '../../server/domain/assess.ts';
import { answerEntry, situationEntry, verdictOf } from '../../server/domain/impact.ts';
import { applyReform } from '../../server/domain/reform.ts';
import { buildRouteCandidates } from '../../server/domain/routes.ts';
import { loadGraphData } from '../../server/graph/load.ts';
import { IndexedGraph } from '../../server/schema/graphView.ts';
import { ReformChange, type ReformChangeInput } from '../../server/schema/impact.ts';
import { ExplorerService } from '../../server/service/ExplorerService.ts';
import { REVIEW_SITUATIONS } from '../../server/service/ImpactAnalysis.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';

const data = loadGraphData();
const store = new MemoryGraphStore(data);
const service = new ExplorerService(store);
const view = new IndexedGraph(data.nodes, data.edges);
const facts = new Set(data.facts.map((f) => f.id));
const parse = (changes: ReformChangeInput[]) => changes.map((c) => ReformChange.parse(c));
const ids = (type: string) => data.nodes.filter((n) => n.type === type).map((n) => n.id);
const situations = [
  ...data.nodes.flatMap((n) =>
    n.type === 'Situation'
      ? [
          {
            id: n.id,
            source: 'example' as const,
            label: n.label,
            profession: n.assess.profession,
            recipient: n.assess.recipient,
            kind: n.assess.situation,
            facts: n.assess.facts,
            closedWorld: n.assess.closedWorld,
          },
        ]
      : [],
  ),
  ...REVIEW_SITUATIONS,
];

/** Changes that can be undone with the change vocabulary, each with its inverse. */
const REVERSIBLE: [string, ReformChangeInput[], ReformChangeInput[]][] = [
  [
    '458bis requires',
    [{ kind: 'setEffect', exception: 'exc-458bis', effect: 'requires' }],
    [{ kind: 'setEffect', exception: 'exc-458bis', effect: 'permits' }],
  ],
  [
    'shared secrecy towards the police',
    [{ kind: 'addRecipient', exception: 'exc-secret-partage', recipient: 'police' }],
    [{ kind: 'removeRecipient', exception: 'exc-secret-partage', recipient: 'police' }],
  ],
  [
    'the état de nécessité without proportionality',
    [{ kind: 'removeCondition', exception: 'exc-etat-de-necessite', condition: 'exc-etat-de-necessite--proportionate' }],
    [{ kind: 'addCondition', exception: 'exc-etat-de-necessite', fact: 'proportionate', id: 'exc-etat-de-necessite--proportionate' }],
  ],
];

describe('reforms on the real graph', () => {
  it('changes nothing for the empty reform', async () => {
    const result = await service.impact.reform({ changes: [] });
    expect(result.counts).toMatchObject({ routesGained: 0, routesLost: 0, routesChanged: 0, verdictsChanged: 0, answersReassessed: 0 });
    expect(result.counts.situations).toBe(situations.length);
  });

  it.each(REVERSIBLE)('gives back the original answers after a reform and its inverse (%s)', async (_name, change, inverse) => {
    expect(data.nodes.some((n) => n.id === (change[0] as { exception: string }).exception)).toBe(true);
    const alone = await service.impact.reform({ changes: parse(change) });
    expect(alone.counts.routesGained + alone.counts.routesLost + alone.counts.routesChanged).toBeGreaterThan(0);
    const undone = await service.impact.reform({ changes: parse([...change, ...inverse]) });
    expect(undone.routes).toEqual([]);
    expect(undone.situations.filter((s) => s.changed)).toEqual([]);
  });

  it.each(ids('Provision').concat(ids('CaseLaw')))(
    'repealing %s loses exactly the routes it alone establishes, and changes only the verdicts that rest on it',
    async (provision) => {
      const before = (await service.impact.reform({ changes: [] })).situations;
      const result = await service.impact.reform({ changes: parse([{ kind: 'repeal', id: provision }]) });
      const alone = new Set(
        view
          .out(provision, 'ESTABLISHES')
          .filter((e) => view.in(e.target, 'ESTABLISHES').length === 1)
          .map((e) => e.target),
      );
      const lost = result.routes.filter((r) => r.change === 'lost');
      expect(lost.every((r) => alone.has(r.exception))).toBe(true);
      // Every route of an exception it alone established, in every answer, is lost; no route is gained.
      const expectedLost = ids('Profession').flatMap((p) =>
        [null, ...ids('SituationKind')].flatMap((k) =>
          answerEntry(view, p, k)
            .routes.filter((r) => alone.has(r.exception))
            .map(() => 1),
        ),
      ).length;
      expect(lost.length).toBe(expectedLost);
      expect(result.counts.routesGained).toBe(0);
      // Recomputed in full (not incrementally), a verdict changes only where a route of the situation used what the reform changed.
      const { view: after, changed } = applyReform(view, parse([{ kind: 'repeal', id: provision }]), facts);
      for (const [i, question] of situations.entries()) {
        const full = situationEntry(after, question, data.facts, false);
        const reported = result.situations[i];
        expect(reported.after, question.id).toEqual({ verdict: full.verdict, possibleVerdicts: full.possibleVerdicts });
        if (reported.changed) {
          const candidates = buildRouteCandidates(view, question.profession, question.recipient, question.kind);
          const used = candidates.routes.some((r) => [...r.elements.nodes, ...r.limits.flatMap((l) => l.elements.nodes)].some((id) => changed.has(id)));
          expect(used, question.id).toBe(true);
        }
        expect(reported.before).toEqual({ verdict: before[i].before.verdict, possibleVerdicts: before[i].before.possibleVerdicts });
      }
    },
    60_000,
  );

  it('never changes the stored graph: the next plain answer is the one before', async () => {
    const question = { profession: 'avocat', recipient: 'concertation-de-cas', facts: {} };
    const version = await store.version();
    const answer = await service.assess(question);
    const dependants = await service.impact.dependants('cp-458ter');
    await service.impact.reform({
      changes: parse([
        { kind: 'repeal', id: 'cp-458ter' },
        { kind: 'setEffect', exception: 'exc-458bis', effect: 'requires' },
      ]),
    });
    await service.assess({ ...question, asOf: '2016-01-01' });
    expect(await store.version()).toBe(version);
    expect(await new ExplorerService(store, { answerBytes: 0, subgraphEntries: 0 }).assess(question)).toEqual(answer);
    expect(await service.assess(question)).toEqual(answer);
    expect(await service.impact.dependants('cp-458ter')).toEqual(dependants);
  });

  it('answers 422 with the problems when a reform leaves the graph invalid', async () => {
    await expect(
      service.impact.reform({ changes: parse([{ kind: 'removeRecipient', exception: 'exc-458bis', recipient: 'procureur-du-roi' }]) }),
    ).rejects.toThrow(/leaves the graph invalid.*no recipient left/);
  });
});

describe('the quick verdict of a reform’s diff', () => {
  it('is the verdict and the possible verdicts assessSituation gives, on every situation, before and after reforms', () => {
    for (const changes of [
      [],
      [{ kind: 'repeal', id: 'cp-458bis' }],
      [{ kind: 'setEffect', exception: 'exc-secret-partage', effect: 'requires' }],
    ] as ReformChangeInput[][]) {
      const reformed = applyReform(view, parse(changes), facts).view;
      for (const q of situations) {
        const candidates = buildRouteCandidates(reformed, q.profession, q.recipient, q.kind);
        const full = assessSituation(candidates, q.facts, { closedWorld: q.closedWorld }, data.facts);
        expect(verdictOf(candidates, q.facts, q.closedWorld), `${q.id} ${JSON.stringify(changes)}`).toEqual({
          verdict: full.verdict,
          possibleVerdicts: full.possibleVerdicts,
        });
      }
    }
  });
});

describe('dependants on the real graph', () => {
  it('lists the answers and worked examples that rest on art. 458bis', async () => {
    const found = await service.impact.dependants('cp-458bis');
    expect(found.node).toEqual({ id: 'cp-458bis', type: 'Provision', label: 'Art. 458bis Code pénal' });
    expect(found.counts.routes).toBe(1);
    expect(found.professions.map((p) => p.profession.id)).toContain('psychiatre');
    expect(found.situations.map((s) => s.id)).toContain('sit-04-psychiatre-madame-l');
  });

  it('accepts a fact id, and names it by its question', async () => {
    const found = await service.impact.dependants('grave_imminent_danger');
    expect(found.node.type).toBe('Fact');
    expect(found.counts.answers).toBeGreaterThan(0);
  });

  it('answers not found for an unknown id', async () => {
    await expect(service.impact.dependants('nothing-here')).rejects.toThrow(/no node or fact/);
  });
});

describe('asOf: the law of a date, as the brochure dates it', () => {
  const question = { profession: 'avocat', recipient: 'concertation-de-cas', facts: { professional_context: true } };

  it('gives a lawyer in a case consultation no 458ter route before the law of 6 July 2017, and says which reform and which kind of date', async () => {
    const answer = await service.assess({ ...question, asOf: '2016-01-01' });
    expect(answer.routes.map((r) => r.exception.id)).not.toContain('exc-458ter-concertation');
    expect(answer.verdict).toBe('forbidden');
    const reform = answer.asOf!.reforms.find((r) => r.id === 'avant-loi-2017-07-06')!;
    // The brochure gives « la loi du 6 juillet 2017 », the date the law bears: it does not say that it was adopted
    // that day (the blind review's REF1), as it does of the law of 4 May 2017.
    expect(reform).toMatchObject({ applied: true, date: '2017-07-06', dateKind: 'law', law: 'loi-2017-07-06' });
    expect(reform.note).toMatch(/date que porte la loi/);
    expect(reform.note).not.toMatch(/adoptée/);
    const may = answer.asOf!.reforms.find((r) => r.id === 'avant-loi-2017-05-04')!;
    expect(may).toMatchObject({ dateKind: 'adoption' });
    expect(may.note).toMatch(/adoptée/);
  });

  it('applies only the reforms of laws adopted after the date, and never claims a date of entry into force', async () => {
    const between = await service.assess({ profession: 'assistant-social-cpas', recipient: 'procureur-du-roi', facts: {}, asOf: '2017-06-01' });
    expect(between.asOf!.reforms.map((r) => [r.id, r.applied])).toEqual([
      ['avant-loi-2017-07-06', true],
      ['avant-loi-2017-05-04', false],
    ]);
    expect(between.asOf!.reforms[1].note).toMatch(/ne donne pas sa date d’entrée en vigueur/);
    const now = await service.assess({ ...question, asOf: '2026-12-01' });
    expect(now.routes.map((r) => r.exception.id)).toContain('exc-458ter-concertation');
    // The same answer as today's but for the date's note, which the explanation opens with (its entry into force is not established).
    const { asOf: _asOf, explanation, ...plain } = now;
    const today = await service.assess(question);
    expect({ ...plain, explanation: { ...explanation, steps: explanation.steps.filter((s) => s.kind !== 'as_of') } }).toEqual(today);
    expect(explanation.steps.filter((s) => s.kind === 'as_of').map((s) => s.articles)).toEqual([['cp-458ter']]);
  });

  it('answers without any text dated after the date (the blind review’s A16: the 2004 decree before 2004), and says which', async () => {
    const instrumentOf = new Map(data.edges.filter((e) => e.type === 'PART_OF').map((e) => [e.source, e.target]));
    const dateOf = new Map(data.nodes.flatMap((n) => (n.type === 'Instrument' && n.date ? [[n.id, n.date] as const] : [])));
    const maltreatment = { profession: 'tms', recipient: 'saj', facts: { child_maltreatment_situation: true } };
    for (const date of ['1990-01-01', '2003-01-01', '2016-01-01']) {
      const answer = await service.assess({ ...maltreatment, asOf: date });
      for (const route of answer.routes) {
        for (const provision of route.provisions) {
          const text = instrumentOf.get(provision.id);
          expect(text && dateOf.get(text) ? dateOf.get(text)! <= date : true, `${date}: ${route.exception.id} rests on ${provision.id}`).toBe(true);
        }
      }
      const later = [...dateOf].filter(([id, d]) => date < d && [...instrumentOf].some(([, t]) => t === id)).map(([id]) => id);
      const said = answer.asOf!.reforms.filter((r) => r.applied).map((r) => r.law);
      for (const id of later) expect(said, `${date}: ${id}`).toContain(id);
    }
    const before = await service.assess({ ...maltreatment, asOf: '2003-01-01' });
    expect(before.routes.map((r) => r.exception.id)).not.toContain('exc-decret-2004-art-3');
    expect(before.asOf!.reforms.find((r) => r.law === 'decret-2004-05-12')?.note).toMatch(/n’existait pas encore/);
    const after = await service.assess({ ...maltreatment, asOf: '2016-01-01' });
    expect(after.routes.map((r) => r.exception.id)).toContain('exc-decret-2004-art-3');
  });

  // The blind review's E1 and E2: what the date changes is said in the explanation itself, first, not only in asOf.
  it('says first in the explanation that a text did not exist yet at the date, or that its entry into force is not established', async () => {
    const consultation = {
      profession: 'psychologue',
      recipient: 'concertation-de-cas',
      situation: 'kind-concertation',
      facts: { organised_case_consultation: true, consultation_legal_basis: true, consultation_purpose_protection: true },
      closedWorld: true,
    };
    const before = await service.assess({ ...consultation, asOf: '2016-01-01' });
    expect(before.verdict).toBe('forbidden');
    expect(before.explanation.steps[0]).toMatchObject({ kind: 'as_of' });
    expect(before.explanation.steps[0]!.text).toMatch(/^À la date du 2016-01-01 : .*précède le 2017-07-06/);
    expect(before.explanation.steps[0]!.articles).toContain('cp-458ter');

    const after = await service.assess({ ...consultation, asOf: '2017-08-01' });
    expect(after.verdict).toBe('permitted');
    expect(after.explanation.steps[0]).toMatchObject({ kind: 'as_of' });
    expect(after.explanation.steps[0]!.text).toMatch(/ne donne pas sa date d’entrée en vigueur.*n’établit pas qu’elle était en vigueur le 2017-08-01/);
    expect(after.explanation.steps[0]!.articles).toContain('cp-458ter');

    // A date that changes nothing the answer rests on adds no step: a doctor telling the procureur (458bis) in 2016.
    const doctor = await service.assess({ profession: 'medecin', recipient: 'procureur-du-roi', facts: {}, asOf: '2016-01-01' });
    expect(doctor.explanation.steps.filter((step) => step.kind === 'as_of')).toEqual([]);
    // And without asOf, none.
    const today = await service.assess(consultation);
    expect(today.explanation.steps.filter((step) => step.kind === 'as_of')).toEqual([]);
  });
});
