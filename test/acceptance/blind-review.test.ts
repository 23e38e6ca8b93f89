// The blind legal review of 2026-12-07 (docs/reviews/legal-blind-2026-12-07.md):
// situations a reviewer wrote from the brochure alone, with the answer the
// brochure gives, before seeing ours. Every clear case (not D) is held here as
// the reviewer wrote it: verdict, what must and must not be said, what must not
// be asked.
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
  expected: { verdict: string; possibleVerdictsInclude?: string[]; mustMention: string[]; mustNotMention: string[]; notAsked: string[] };
  quote: string;
  place: string;
  grade: 'R' | 'P' | 'W' | 'D';
}

const cases: BlindCase[] = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../docs/reviews/legal-blind-2026-12-07.cases.json'), 'utf8'));
const service = new ExplorerService(new MemoryGraphStore(loadGraphData()));

/** Where the reviewer's own note says the brochure's answer differs from the expectation written before the run. */
const OVERRIDES: Record<string, { verdict: string; why: string }> = {
  b63: {
    verdict: 'forbidden',
    why: 'the reviewer expected « undetermined » only through the police as a possible mandant, and noted: « Without them the kind gives forbidden »',
  },
};

describe('the blind legal review of 2026-12-07, answered as the brochure reads', () => {
  it('holds at least 40 clear situations', () => {
    expect(cases.filter((c) => c.grade !== 'D').length).toBeGreaterThanOrEqual(40);
  });

  for (const c of cases.filter((x) => x.grade !== 'D')) {
    it(`${c.id} [${c.grade} before] ${c.title}`, async () => {
      const a = await service.assess(AssessBody.parse(c.request));
      const text = JSON.stringify(a).toLowerCase();
      expect(a.verdict, `verdict — brochure (${c.place}): « ${c.quote} »`).toBe(OVERRIDES[c.id]?.verdict ?? c.expected.verdict);
      for (const v of c.expected.possibleVerdictsInclude ?? []) expect(a.possibleVerdicts, 'possible verdicts').toContain(v);
      for (const s of c.expected.mustMention) expect(text, `must mention « ${s} »`).toContain(s.toLowerCase());
      for (const s of c.expected.mustNotMention) expect(text, `must not mention « ${s} »`).not.toContain(s.toLowerCase());
      for (const f of c.expected.notAsked)
        expect(
          a.missingFacts.map((m) => m.id),
          `must not ask ${f}`,
        ).not.toContain(f);
    });
  }
});
