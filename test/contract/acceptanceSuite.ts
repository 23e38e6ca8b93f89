// The brochure's worked examples (DOMAIN §7) and every Situation node of
// graph-data, as one suite that any engine runs: `acceptanceSuite(name, getStore)`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessSituation } from '../../server/domain/assess.ts';
import { factsOf } from '../../server/domain/conditions.ts';
import type { Assessment } from '../../server/schema/api.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { routeCandidatesOf } from '../support/routes.ts';

export interface AssessCase {
  name: string;
  profession: string;
  recipient?: string;
  facts: Record<string, boolean>;
  closedWorld?: boolean;
  expect: (a: Assessment) => void;
}

const verdict = (v: Assessment['verdict']) => (a: Assessment) => expect(a.verdict).toBe(v);
const t = true;
const f = false;

/** DOMAIN §7, written out here (not read from graph-data) so the data is held to the contract. */
export const DOMAIN_EXAMPLES: AssessCase[] = [
  { name: '1 a neighbour minding the children is not bound', profession: 'citoyen', recipient: 'police', facts: {}, expect: verdict('not_bound') },
  {
    name: '2 the TMS told at the braderie is bound by the secret',
    profession: 'tms',
    facts: { professional_context: t },
    expect: (a) => expect(a.verdict).not.toBe('not_bound'),
  },
  {
    name: '3 the PMS psychologist summoned by the juge d’instruction may answer, and must appear and take the oath',
    profession: 'psychologue',
    recipient: 'juge-instruction',
    facts: { sworn_testimony: t },
    expect: (a) => {
      expect(a.verdict).toBe('permitted');
      // Appearing and taking the oath is a duty; answering, in writing, with a lawyer are faculties.
      expect(
        a.duties
          .map((d) => d.label)
          .join(' ')
          .toLowerCase(),
      ).toMatch(/serment/);
      expect(
        a.faculties
          .map((d) => d.label)
          .join(' ')
          .toLowerCase(),
      ).toMatch(/avocat/);
      expect(a.faculties.map((d) => d.id)).toContain('duty-libre-de-repondre');
    },
  },
  {
    name: '4 the psychiatrist of Madame L. may inform the procureur du Roi',
    profession: 'psychiatre',
    recipient: 'procureur-du-roi',
    facts: { offence_listed_458bis: t, victim_minor_or_vulnerable: t, grave_imminent_danger: t, cannot_protect_alone: t },
    expect: (a) => {
      expect(a.verdict).toBe('permitted');
      expect(a.routes.find((r) => r.status === 'open')?.provisions.map((p) => p.id)).toContain('cp-458bis');
      expect(a.explanation.steps.filter((s) => s.kind === 'route').flatMap((s) => s.articles)).toContain('cp-458bis');
    },
  },
  {
    name: '5 the CPAS social worker keeps the secret on worrying talk that is no terrorist offence',
    profession: 'assistant-social-cpas',
    recipient: 'procureur-du-roi',
    facts: { serious_indications_terrorist_offence: f },
    closedWorld: true,
    expect: verdict('forbidden'),
  },
  {
    name: '6 the CPAS social worker must answer the procureur’s written request for administrative information',
    profession: 'assistant-social-cpas',
    recipient: 'procureur-du-roi',
    facts: { written_request_procureur: t, terrorism_investigation: t, administrative_information: t },
    expect: (a) => {
      expect(a.verdict).toBe('required');
      expect(a.routes.find((r) => r.status === 'open' && r.effect === 'requires')?.provisions.map((p) => p.id)).toContain('cic-46bis-1');
    },
  },
  {
    name: '6b … but not for medical questions',
    profession: 'assistant-social-cpas',
    recipient: 'procureur-du-roi',
    facts: { written_request_procureur: t, terrorism_investigation: t, administrative_information: f },
    expect: (a) => expect(a.verdict).not.toBe('required'),
  },
  {
    name: '7 the TMS may share with the mother’s psychologist under the five conditions',
    profession: 'tms',
    recipient: 'psychologue',
    facts: { secret_master_informed: t, secret_master_consents: t, recipient_bound_by_secret: t, same_mission: t, strictly_necessary: t },
    expect: verdict('permitted'),
  },
  {
    name: '7b … not without the mother’s consent',
    profession: 'tms',
    recipient: 'psychologue',
    facts: { secret_master_informed: t, secret_master_consents: f, recipient_bound_by_secret: t, same_mission: t, strictly_necessary: t },
    expect: verdict('forbidden'),
  },
  {
    name: '8 the TMS may call on the SAJ, telling the mother unless that harms the child',
    profession: 'tms',
    recipient: 'saj',
    facts: { child_maltreatment_situation: t },
    expect: (a) => {
      expect(a.verdict).toBe('permitted');
      expect(a.duties.map((d) => d.id)).toContain('duty-informer-famille');
    },
  },
  {
    name: '9 the social worker mandated by the SPJ must report what falls within the mandate',
    profession: 'assistant-social',
    recipient: 'autorite-mandante',
    facts: { under_mandate: t, mandate_disclosed: t, within_mandate: t },
    expect: verdict('required'),
  },
  {
    name: '9b … and keeps the secret outside the mandate',
    profession: 'assistant-social',
    recipient: 'autorite-mandante',
    facts: { under_mandate: t, mandate_disclosed: t, within_mandate: f },
    expect: verdict('forbidden'),
  },
  {
    name: '10 the youth worker may talk to a direct manager bound by the secret',
    profession: 'travailleur-social',
    recipient: 'hierarchie',
    facts: { recipient_bound_by_secret: t, supervision_or_support_purpose: t, strictly_necessary: t },
    expect: verdict('permitted'),
  },
  {
    name: '10b … not to a manager who is not bound',
    profession: 'travailleur-social',
    recipient: 'hierarchie',
    facts: { recipient_bound_by_secret: f, supervision_or_support_purpose: t, strictly_necessary: t },
    expect: verdict('forbidden'),
  },
  {
    name: '11 the board asking for everything gets only what is necessary',
    profession: 'travailleur-social',
    recipient: 'hierarchie',
    facts: { recipient_bound_by_secret: t, supervision_or_support_purpose: t, strictly_necessary: f },
    expect: verdict('forbidden'),
  },
];

export function acceptanceSuite(engine: string, getStore: () => GraphStore): void {
  const assess = async (c: Omit<AssessCase, 'name' | 'expect'>) => {
    const store = getStore();
    return assessSituation(await routeCandidatesOf(store, c.profession, c.recipient), c.facts, { closedWorld: c.closedWorld }, await store.facts());
  };

  describe(`the brochure's worked examples (DOMAIN §7) on ${engine}`, () => {
    for (const c of DOMAIN_EXAMPLES) it(c.name, async () => c.expect(await assess(c)));
  });

  describe(`every Situation of graph-data on ${engine}`, () => {
    it('answers each situation as the brochure does, with the duties its answer names', async () => {
      const situations = await getStore().listNodes('Situation');
      expect(situations.length).toBeGreaterThanOrEqual(DOMAIN_EXAMPLES.length);
      for (const s of situations) {
        if (s.type !== 'Situation') continue;
        const a = await assess(s.assess);
        expect({ situation: s.id, verdict: a.verdict }).toEqual({ situation: s.id, verdict: s.expectedVerdict });
        for (const duty of s.expectedDuties ?? [])
          expect(
            [...a.duties, ...a.faculties].map((d) => d.id),
            s.id,
          ).toContain(duty);
      }
    });
  });

  describe(`the law’s actors and acts on ${engine} (DOMAIN §5.1, properties 3 and 7–10)`, () => {
    // A few hundred generated situations per engine; the embedded engine runs thousands more in test/acceptance/properties.test.ts.
    const RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 200);
    it(`keeps them on ${RUNS} generated situations`, async () => {
      const store = getStore();
      const vocabulary = await store.facts();
      const parties = [...(await store.listNodes('Profession')), ...(await store.listNodes('Recipient'))];
      const professions = parties.filter((n) => n.type === 'Profession').map((n) => n.id);
      const recipients = parties.map((n) => n.id);
      const kinds = (await store.listNodes('SituationKind')).map((n) => n.id);
      const names = (await store.relationSubgraph(['SAME_AS'])).edges.map((e) => [e.source, e.target] as const);
      expect(names.length).toBeGreaterThan(0);
      const samples = fc.sample(
        fc.record({
          profession: fc.constantFrom(...professions),
          recipient: fc.constantFrom(...recipients),
          kind: fc.constantFrom(undefined, ...kinds),
          pair: fc.constantFrom(...names),
          seed: fc.array(fc.constantFrom(true, false, undefined), { minLength: 48, maxLength: 48 }),
        }),
        { seed: 20261207, numRuns: RUNS },
      );
      const read = (c: Awaited<ReturnType<typeof routeCandidatesOf>>) =>
        [...new Set(c.routes.flatMap((r) => [...factsOf(r.requirements), ...r.limits.flatMap((l) => factsOf(l.requirements))]))].sort();
      // One selection per question asked: a Cypher statement each on Neo4j.
      const selected = new Map<string, ReturnType<typeof routeCandidatesOf>>();
      const candidates = (p: string, r?: string, k?: string) => {
        const key = `${p}|${r}|${k}`;
        if (!selected.has(key)) selected.set(key, routeCandidatesOf(store, p, r, k));
        return selected.get(key)!;
      };
      for (const s of samples) {
        const facts = (list: string[]) => Object.fromEntries(list.flatMap((f, i) => (s.seed[i % 48] === undefined ? [] : [[f, s.seed[i % 48]!]])));
        const c = await candidates(s.profession, s.recipient, s.kind);
        const a = assessSituation(c, facts(read(c)), {}, vocabulary);
        const where = `${s.profession} → ${s.recipient} in ${s.kind}`;
        if (c.recipientStatus?.bound !== undefined)
          expect(
            a.missingFacts.map((f) => f.id),
            where,
          ).not.toContain('recipient_bound_by_secret');
        if (a.act === 'undergo_seizure') expect(a.explanation.verdict, where).not.toMatch(/apprécier/);
        const warned = a.explanation.steps.find((st) => st.kind === 'replaced')?.articles ?? [];
        for (const route of a.routes) for (const source of route.derogatesFrom) if (source.status === 'replaced') expect(warned, where).toContain(source.id);
        const plain = s.kind ? assessSituation(await candidates(s.profession, s.recipient), facts(read(c)), {}, vocabulary) : a;
        const shown = (x: typeof a) => x.recipientLimits.filter((l) => l.status !== 'does_not_hold').map((l) => l.id);
        for (const id of shown(plain)) expect(shown(a), where).toContain(id);
        const [ca, cb] = [await candidates(s.profession, s.pair[0], s.kind), await candidates(s.profession, s.pair[1], s.kind)];
        const both = facts([...new Set([...read(ca), ...read(cb)])].sort());
        const [x, y] = [assessSituation(ca, both, {}, vocabulary), assessSituation(cb, both, {}, vocabulary)];
        expect([x.verdict, x.possibleVerdicts, x.missingFacts.map((f) => f.id)], `${s.profession}: ${s.pair.join(' vs ')} in ${s.kind}`).toEqual([
          y.verdict,
          y.possibleVerdicts,
          y.missingFacts.map((f) => f.id),
        ]);
      }
    }, 600_000);
  });
}
