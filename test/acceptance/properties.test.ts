// The properties every answer keeps (DOMAIN §5.1), as properties over the real
// graph: every profession × recipient, random partial facts, seeded (fast-check
// prints the seed and the smallest failing situation).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessSituation } from '../../server/domain/assess.ts';
import type { RouteCandidates } from '../../server/domain/routes.ts';
import { loadGraphData } from '../../server/graph/load.ts';
import { ExplorerService } from '../../server/service/ExplorerService.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { CLAIMS, checkSoundness, factsReadBy } from './soundness.ts';

const data = loadGraphData();
const service = new ExplorerService(new MemoryGraphStore(data));
const vocabulary = data.facts;
const professions = data.nodes.filter((n) => n.type === 'Profession').map((n) => n.id);
const recipients = [undefined, ...data.nodes.filter((n) => n.type === 'Recipient' || n.type === 'Profession').map((n) => n.id)];
const SEED = Number(process.env.PROPERTY_SEED ?? 20261202);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 2000);
const FRAME = 'professional_context';

const candidatesCache = new Map<string, Promise<RouteCandidates>>();
const candidatesOf = (p: string, r?: string) => {
  const key = `${p}|${r ?? ''}`;
  if (!candidatesCache.has(key)) candidatesCache.set(key, service.routeCandidates(p, r));
  return candidatesCache.get(key)!;
};
const readFacts = factsReadBy;

/** A situation: who, to whom, a partial set of facts over those the routes read, and a completion of the rest. */
const situation = fc
  .record({
    profession: fc.constantFrom(...professions),
    recipient: fc.constantFrom(...recipients),
    seed: fc.array(fc.constantFrom(true, false, undefined), { minLength: 64, maxLength: 64 }),
    completion: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
    frame: fc.constantFrom(true, false, undefined),
  })
  .map(async (s) => {
    const candidates = await candidatesOf(s.profession, s.recipient);
    const read = readFacts(candidates).filter((f) => f !== FRAME);
    const partial: Record<string, boolean> = {};
    read.forEach((f, i) => s.seed[i] !== undefined && (partial[f] = s.seed[i]!));
    if (s.frame !== undefined) partial[FRAME] = s.frame;
    const complete = { ...partial };
    read.forEach((f, i) => !(f in complete) && (complete[f] = s.completion[i]));
    return { ...s, candidates, read, partial, complete };
  });

const assess = (c: RouteCandidates, facts: Record<string, boolean>, closedWorld = false) => assessSituation(c, facts, { closedWorld }, vocabulary);
const options = (runs = RUNS) => ({ seed: SEED, numRuns: runs });

describe('the properties every answer keeps (DOMAIN §5.1), over the real graph', () => {
  it('1. is sound under missing facts: every completion gives a verdict the answer held possible, and its claim stays true', async () => {
    let completions = 0;
    await fc.assert(
      fc.asyncProperty(situation, async (pending) => {
        const s = await pending;
        const partial = assess(s.candidates, s.partial);
        const complete = assess(s.candidates, s.complete);
        completions++;
        expect(complete.possibleVerdicts).toEqual([complete.verdict]);
        expect(partial.possibleVerdicts).toContain(complete.verdict);
        expect(CLAIMS[partial.verdict]).toContain(complete.verdict);
        // Giving more facts only shrinks the set of possible verdicts.
        const [fact] = s.read.filter((f) => !(f in s.partial));
        if (fact) {
          const more = assess(s.candidates, { ...s.partial, [fact]: s.complete[fact] });
          for (const v of more.possibleVerdicts) expect(partial.possibleVerdicts).toContain(v);
        }
      }),
      options(),
    );
    expect(completions).toBe(RUNS);
  }, 240_000);

  it('1. is exact, not only sound: with up to 10 facts unknown, the possible verdicts are those some completion gives, no more', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(situation, async (pending) => {
        const s = await pending;
        // Keep at most 10 facts unknown (the rest as the completion says), then try all 2^k completions.
        const unknown = s.read.filter((f) => !(f in s.partial));
        const known = { ...s.partial };
        unknown.slice(10).forEach((f) => (known[f] = s.complete[f]));
        const open = unknown.slice(0, 10);
        const reached = new Set<string>();
        for (let mask = 0; mask < 2 ** open.length; mask++) {
          const facts = { ...known };
          open.forEach((f, i) => (facts[f] = Boolean(mask & (1 << i))));
          reached.add(assess(s.candidates, facts).verdict);
        }
        expect(assess(s.candidates, known).possibleVerdicts.toSorted()).toEqual([...reached].sort());
        checked++;
      }),
      options(RUNS / 10),
    );
    expect(checked).toBe(RUNS / 10);
  }, 240_000);

  it('1. stays sound within every kind of situation too', async () => {
    expect(await checkSoundness(service, data, RUNS / 2, SEED)).toBe(RUNS / 2);
  }, 240_000);

  it('6. closes by a limit only what it restricts: youth-court reports never close testimony, the police-hearing limit never a 458bis report', async () => {
    const facts = {
      professional_context: true,
      youth_court_report: true,
      sworn_testimony: true,
      offence_listed_458bis: true,
      victim_minor_or_vulnerable: true,
      grave_imminent_danger: true,
      cannot_protect_alone: true,
    };
    for (const profession of professions) {
      for (const recipient of ['juge-instruction', 'juridiction', 'procureur-du-roi']) {
        const a = assess(await candidatesOf(profession, recipient), facts);
        for (const route of a.routes) {
          // A limit on one act (handing over the report) leaves the route open: it bars that act only (§5.1, property 8).
          const closing = route.limits.filter((l) => l.status === 'holds' && !l.act).map((l) => l.id);
          if (route.exception.id === 'exc-temoignage-en-justice') expect(closing, `${profession} → ${recipient}`).not.toContain('lim-rapports-jeunesse');
          if (route.exception.id === 'exc-458bis') expect(closing, `${profession} → ${recipient}`).not.toContain('lim-audition-policiere');
        }
        const testimony = a.routes.find((r) => r.exception.id === 'exc-temoignage-en-justice');
        if (testimony?.status === 'open')
          expect(a.duties.map((d) => d.id)).toEqual(expect.arrayContaining(['duty-comparaitre-preter-serment', 'duty-pas-de-rapports-jeunesse']));
      }
    }
  });

  it('2. answers in a closed world as in the open world with every unknown fact false (professional_context excepted)', async () => {
    await fc.assert(
      fc.asyncProperty(situation, async (pending) => {
        const s = await pending;
        const closed = assess(s.candidates, s.partial, true);
        const falsified = { ...s.partial };
        for (const f of s.read) if (!(f in falsified)) falsified[f] = false;
        const open = assess(s.candidates, falsified);
        expect(closed.verdict).toBe(open.verdict);
        expect(closed.routes.map((r) => r.status)).toEqual(open.routes.map((r) => r.status));
      }),
      options(RUNS / 2),
    );
  }, 240_000);

  it('4. never reports a faculty as an obligation: "required" rests on an open requiring route, and no faculty is a duty', async () => {
    await fc.assert(
      fc.asyncProperty(situation, async (pending) => {
        const s = await pending;
        const a = assess(s.candidates, s.partial);
        if (a.verdict === 'required') expect(a.routes.some((r) => r.status === 'open' && r.effect === 'requires')).toBe(true);
        expect(a.duties.every((d) => d.kind === 'duty')).toBe(true);
        expect(a.faculties.every((d) => d.kind === 'faculty')).toBe(true);
        // Art. 30 CIC is no route, and no question, for a bound professional asked about a confidence.
        if (s.candidates.profession.bound && s.partial[FRAME] !== false) {
          expect(a.routes.map((r) => r.exception.id)).not.toContain('exc-art-30-cic');
          expect(a.missingFacts.map((f) => f.id)).not.toContain('witnessed_attack');
        }
      }),
      options(RUNS / 2),
    );
  }, 240_000);

  it('5. reports art. 422bis whenever grave_peril is true or unknown, bound or not, whatever the routes', async () => {
    await fc.assert(
      fc.asyncProperty(situation, async (pending) => {
        const s = await pending;
        const a = assess(s.candidates, s.partial);
        const reported = a.duties.some((d) => d.id === 'duty-porter-secours');
        expect(reported).toBe(s.partial.grave_peril !== false);
      }),
      options(RUNS / 2),
    );
  }, 240_000);
});

describe('3. naming does not change the law', () => {
  // Pairs that name the same body, as the graph states them (SAME_AS): the SAJ and its conseiller, the SPJ and its directeur.
  const SAME_BODY: [string, string][] = data.edges.filter((e) => e.type === 'SAME_AS').map((e) => [e.source, e.target]);
  const exceptionsOf = async (p: string, r: string) => new Set((await candidatesOf(p, r)).routes.map((route) => route.exception.id));

  it('reaches the same routes whichever of two names of one body is used, for every profession', async () => {
    for (const [a, b] of SAME_BODY) {
      for (const profession of professions) {
        const [ra, rb] = [await exceptionsOf(profession, a), await exceptionsOf(profession, b)];
        // The conseiller is also a profession (a depositaire): shared secrecy reaches both.
        expect([...ra].sort(), `${profession}: ${a} vs ${b}`).toEqual([...rb].sort());
      }
    }
  });

  it('treats the mandant as a role: any authority or service that gave the mandate is reached by the mandate route, as « autorité mandante » is', async () => {
    const facts = { professional_context: true, under_mandate: true, within_mandate: true, recipient_is_mandating_authority: true };
    for (const profession of professions.filter((p) => data.nodes.some((n) => n.id === p && n.type === 'Profession' && n.bound))) {
      const named = assess(await candidatesOf(profession, 'autorite-mandante'), facts);
      for (const body of ['spj', 'saj', 'juge-jeunesse', 'juge-instruction']) {
        const role = assess(await candidatesOf(profession, body), facts);
        expect(role.routes.find((r) => r.exception.id === 'exc-mandat')?.status, `${profession} → ${body}`).toBe(
          named.routes.find((r) => r.exception.id === 'exc-mandat')?.status,
        );
      }
    }
  });

  it('opens shared secrecy towards the services whose staff are bound, under its five conditions', async () => {
    const five = {
      professional_context: true,
      secret_master_informed: true,
      secret_master_consents: true,
      recipient_bound_by_secret: true,
      same_mission: true,
      strictly_necessary: true,
    };
    for (const service of ['centre-pms', 'saj', 'spj', 'sos-enfants', 'pse']) {
      const a = assess(await candidatesOf('assistant-social', service), five);
      expect(a.routes.find((r) => r.exception.id === 'exc-secret-partage')?.status, service).toBe('open');
    }
    for (const police of ['police', 'policier']) {
      const a = assess(await candidatesOf('assistant-social', police), five);
      expect(a.routes.find((r) => r.exception.id === 'exc-secret-partage')?.status ?? 'closed', police).toBe('closed');
    }
  });
});

describe('the law’s actors and acts (DOMAIN §5.1, properties 3 and 7–10), over the real graph', () => {
  const SAME_BODY = data.edges.filter((e) => e.type === 'SAME_AS').map((e) => [e.source, e.target] as const);
  const kinds = data.nodes.filter((n) => n.type === 'SituationKind').map((n) => n.id);
  const kindCandidates = new Map<string, Promise<RouteCandidates>>();
  const candidatesIn = (p: string, r: string | undefined, k: string | undefined) => {
    const key = `${p}|${r ?? ''}|${k ?? ''}`;
    if (!kindCandidates.has(key)) kindCandidates.set(key, service.routeCandidates(p, r, k));
    return kindCandidates.get(key)!;
  };
  const statusStated = new Map(
    data.nodes.filter((n) => n.type === 'Recipient' || n.type === 'Profession').map((n) => [n.id, undefined as boolean | undefined]),
  );
  /** Facts, some given, over the facts any of the candidates reads. */
  const factsOver = (read: string[], seed: (boolean | undefined)[]) => {
    const facts: Record<string, boolean> = {};
    read.forEach((f, i) => seed[i % seed.length] !== undefined && (facts[f] = seed[i % seed.length]!));
    return facts;
  };
  const seeded = fc.array(fc.constantFrom(true, false, undefined), { minLength: 64, maxLength: 64 });

  it('gives two names of one body the same verdicts and the same questions, for every fact set', async () => {
    expect(SAME_BODY.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...professions),
        fc.constantFrom(...SAME_BODY),
        fc.constantFrom(undefined, ...kinds),
        seeded,
        async (p, [a, b], k, seed) => {
          const [ca, cb] = await Promise.all([candidatesIn(p, a, k), candidatesIn(p, b, k)]);
          const facts = factsOver([...new Set([...readFacts(ca), ...readFacts(cb)])].sort(), seed);
          const [x, y] = [assess(ca, facts), assess(cb, facts)];
          expect([x.verdict, x.possibleVerdicts], `${p}: ${a} vs ${b} in ${k}`).toEqual([y.verdict, y.possibleVerdicts]);
          expect(x.missingFacts.map((f) => f.id)).toEqual(y.missingFacts.map((f) => f.id));
        },
      ),
      options(RUNS / 2),
    );
  }, 240_000);

  it('never asks whether a recipient is bound when the graph states it', async () => {
    await fc.assert(
      fc.asyncProperty(situation, fc.constantFrom(undefined, ...kinds), async (pending, k) => {
        const s = await pending;
        if (!s.recipient) return;
        const c = await candidatesIn(s.profession, s.recipient, k);
        if (c.recipientStatus?.bound === undefined) return;
        statusStated.set(s.recipient, c.recipientStatus.bound);
        const a = assess(c, s.partial);
        expect(
          a.missingFacts.map((f) => f.id),
          `${s.profession} → ${s.recipient}`,
        ).not.toContain('recipient_bound_by_secret');
        expect(readFacts(c)).not.toContain('recipient_bound_by_secret');
      }),
      options(RUNS / 2),
    );
    // The property was tried on recipients that state a status, both ways.
    expect([...statusStated.values()]).toEqual(expect.arrayContaining([true, false]));
  }, 240_000);

  it('never tells a professional to weigh a seizure, nor offers a faculty of an act the answer bars', async () => {
    await fc.assert(
      fc.asyncProperty(situation, fc.constantFrom(undefined, 'kind-saisie-perquisition', 'kind-convocation-temoin', ...kinds), async (pending, k) => {
        const s = await pending;
        const c = await candidatesIn(s.profession, s.recipient, k);
        const a = assess(c, s.partial);
        if (a.act === 'undergo_seizure') expect(a.explanation.verdict).not.toMatch(/apprécier/);
        const barred = new Set(a.acts.filter((x) => x.verdict === 'forbidden').map((x) => x.act));
        for (const faculty of a.faculties) expect(faculty.act === undefined || !barred.has(faculty.act), faculty.id).toBe(true);
      }),
      options(RUNS / 2),
    );
  }, 240_000);

  it('warns of every replaced text an answer cites, whatever the verdict', async () => {
    await fc.assert(
      fc.asyncProperty(situation, fc.constantFrom(undefined, ...kinds), async (pending, k) => {
        const s = await pending;
        const a = assess(await candidatesIn(s.profession, s.recipient, k), s.partial);
        const cited = new Set<string>();
        const walk = (value: unknown): void => {
          if (Array.isArray(value)) value.forEach(walk);
          else if (value && typeof value === 'object') {
            const o = value as Record<string, unknown>;
            if (o.status === 'replaced' && typeof o.id === 'string' && Array.isArray(o.replacedBy) && o.replacedBy.length) cited.add(o.id);
            Object.values(o).forEach(walk);
          }
        };
        walk({ ...a, explanation: undefined });
        // Duties binding everyone cite their article by id (imposedBy): a replaced one needs its warning too.
        const warned = a.explanation.steps.find((st) => st.kind === 'replaced')?.articles ?? [];
        for (const id of cited) expect(warned, `${s.profession} → ${s.recipient} (${a.verdict})`).toContain(id);
        if (a.duties.some((d) => d.id === 'duty-porter-secours')) expect(warned).toContain('cp-422bis');
      }),
      options(RUNS / 2),
    );
  }, 240_000);

  it('never hides with a kind a recipient limit that the same question without a kind shows', async () => {
    await fc.assert(
      fc.asyncProperty(situation, fc.constantFrom(...kinds), async (pending, k) => {
        const s = await pending;
        if (!s.recipient) return;
        const plain = assess(await candidatesIn(s.profession, s.recipient, undefined), s.partial);
        const kind = assess(await candidatesIn(s.profession, s.recipient, k), s.partial);
        const shown = (x: typeof plain) => x.recipientLimits.filter((l) => l.status !== 'does_not_hold').map((l) => l.id);
        for (const id of shown(plain)) expect(shown(kind), `${s.profession} → ${s.recipient} in ${k}`).toContain(id);
      }),
      options(RUNS / 2),
    );
  }, 240_000);
});
