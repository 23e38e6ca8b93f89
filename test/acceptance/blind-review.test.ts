// The blind legal review of 2026-12-07 (docs/reviews/legal-blind-2026-12-07.md)
// and its re-grade (…-regrade.md): situations reviewers wrote from the brochure
// alone, with the answer the brochure gives, before seeing ours. Every clear
// case (not D) is held here as the reviewer wrote it: verdict, the verdict of
// each act, what must and must not be said, what must not be asked.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGraphData } from '../../server/graph/load.ts';
import { AssessBody } from '../../server/schema/api.ts';
import { ExplorerService } from '../../server/service/ExplorerService.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';

interface BlindCase {
  id: string;
  title: string;
  request: unknown;
  expected: {
    verdict: string;
    possibleVerdictsInclude?: string[];
    actVerdicts?: Record<string, string>;
    mustMention: string[];
    mustNotMention: string[];
    notAsked: string[];
  };
  quote: string;
  place: string;
  grade: 'R' | 'P' | 'W' | 'D';
}

const VERDICTS = ['not_bound', 'forbidden', 'permitted', 'required', 'undetermined'];
const read = (file: string): BlindCase[] => JSON.parse(readFileSync(resolve(import.meta.dirname, '../../docs/reviews', file), 'utf8'));
/** The re-grade's n11 (police under two names, in every kind) and n12 (the catalogue endpoints) are not one request each: held below. */
const cases = [
  ...read('legal-blind-2026-12-07-final.cases.json'),
  ...read('legal-blind-2026-12-07-last.cases.json'),
  ...read('legal-blind-2026-12-07.cases.json'),
  ...read('legal-blind-2026-12-07-regrade.cases.json').filter((c) => c.id !== 'n11' && c.id !== 'n12'),
];
const service = new ExplorerService(new MemoryGraphStore(loadGraphData()));

/** Where the reviewer's own note says the brochure's answer differs from the expectation written before the run. */
const OVERRIDES: Record<string, { verdict: string; why: string }> = {
  f06: {
    verdict: 'undetermined',
    why: 'the last check graded « undetermined until she says she keeps to the necessary » R, as the re-grade did for b36',
  },
  f03: {
    verdict: 'undetermined',
    why: 'the last check (g05) makes the limit to the necessary a condition after a serious fault too (brochure, example 11); unknown, it is asked, as in b36 and f06',
  },
  b63: {
    verdict: 'forbidden',
    why: 'the reviewer expected « undetermined » only through the police as a possible mandant, and noted: « Without them the kind gives forbidden »',
  },
};

describe('the blind legal review of 2026-12-07, answered as the brochure reads', () => {
  it('holds at least 40 clear situations', () => {
    expect(cases.filter((c) => c.grade !== 'D').length).toBeGreaterThanOrEqual(40);
  });

  it('n11: gives the police and a policier, two names of one body, the same answer in every kind, never « required » and never as mandant', async () => {
    const kinds = [undefined, ...(await service.situations()).situations.map((k) => k.id)];
    const facts = { professional_context: true, present_and_future_danger: true, no_other_means: true, proportionate: true };
    for (const situation of kinds) {
      const [police, policier] = await Promise.all(
        ['police', 'policier'].map((recipient) => service.assess(AssessBody.parse({ profession: 'psychologue', recipient, situation, facts }))),
      );
      expect([policier.verdict, policier.possibleVerdicts], String(situation)).toEqual([police.verdict, police.possibleVerdicts]);
      expect(police.verdict).not.toBe('required');
      for (const f of ['under_mandate', 'recipient_is_mandating_authority', 'within_mandate']) expect(police.missingFacts.map((m) => m.id)).not.toContain(f);
    }
    const necessity = await service.assess(AssessBody.parse({ profession: 'psychologue', recipient: 'policier', facts }));
    expect(necessity.verdict).toBe('permitted');
  });

  it('n12: states who is bound and by which text, and who may be a mandant (GET /api/professions, /api/recipients)', async () => {
    const { recipients } = await service.recipients();
    const { professions } = await service.professions();
    expect(recipients.find((r) => r.id === 'saj')).toMatchObject({ bound: true, roles: ['autorite-mandante'] });
    expect(recipients.find((r) => r.id === 'police')).toMatchObject({ bound: true, roles: [], names: [{ id: 'policier' }] });
    for (const recipient of ['conseiller-aide-jeunesse', 'directeur-aide-jeunesse', 'psychiatre']) {
      const a = await service.assess(AssessBody.parse({ profession: 'psychologue', recipient, facts: { professional_context: true } }));
      expect(a.recipient?.boundBy.length, recipient).toBeGreaterThan(0);
    }
    expect(professions.find((p) => p.id === 'psychiatre')?.boundBy.map((b) => b.id)).toContain('cp-458');
  });

  for (const c of cases.filter((x) => x.grade !== 'D')) {
    it(`${c.id} [${c.grade} before] ${c.title}`, async () => {
      const a = await service.assess(AssessBody.parse(c.request));
      const text = JSON.stringify(a).toLowerCase();
      // Some reviewers wrote the verdict with a comment (« not_bound (or required) with … »): any verdict it names is the brochure's.
      const expected = OVERRIDES[c.id]?.verdict ?? c.expected.verdict;
      const named = VERDICTS.filter((v) => new RegExp(`\\b${v}\\b`).test(expected));
      expect(named.length ? named : [expected], `verdict — brochure (${c.place}): « ${c.quote} »`).toContain(a.verdict);
      for (const v of c.expected.possibleVerdictsInclude ?? []) expect(a.possibleVerdicts, 'possible verdicts').toContain(v);
      for (const [act, verdict] of Object.entries(c.expected.actVerdicts ?? {})) expect(a.acts.find((x) => x.act === act)?.verdict, act).toBe(verdict);
      for (const s of c.expected.mustMention ?? []) expect(text, `must mention « ${s} »`).toContain(s.toLowerCase());
      // What must not be said is looked for in what the answer says, not in the ids of the rules a question settles
      // (asking whether the team includes a doctor settles « duty-perquisition-enveloppe » without showing it).
      const said = JSON.stringify({ ...a, missingFacts: a.missingFacts.map(({ settles: _settles, ...q }) => q) }).toLowerCase();
      // « 458bis » must not be a route of the answer; the 422bis duty rightly says that informing under art. 458bis does not dispense
      // from helping (the re-grade changed n06 and n07 to « exc-458bis » for this reason; the final check's f03 and f09 mean the same).
      const NOT_A_ROUTE: Record<string, string> = { '458bis': 'exc-458bis' };
      for (const s of c.expected.mustNotMention ?? []) expect(said, `must not mention « ${s} »`).not.toContain((NOT_A_ROUTE[s] ?? s).toLowerCase());
      for (const f of c.expected.notAsked ?? [])
        expect(
          a.missingFacts.map((m) => m.id),
          `must not ask ${f}`,
        ).not.toContain(f);
    });
  }
});
