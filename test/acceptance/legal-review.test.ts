// The 86 situations of the December 2026 legal review, each answered as the
// brochure reads (server/review/legalReviewCases.ts), on the embedded engine
// through the service, as the API and the CLI answer them.
import { describe, expect, it } from 'vitest';
import { explanationText } from '../../server/domain/explain.ts';
import { loadGraphData } from '../../server/graph/load.ts';
import { ExplorerService } from '../../server/service/ExplorerService.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { LEGAL_REVIEW_CASES, type ReviewCase } from '../../server/review/legalReviewCases.ts';

const service = new ExplorerService(new MemoryGraphStore(loadGraphData()));

function check(c: ReviewCase) {
  return async () => {
    const a = await service.assess({ profession: c.profession, recipient: c.recipient, situation: c.situation, facts: c.facts, closedWorld: c.closedWorld });
    const e = c.expected;
    const open = a.routes.filter((r) => r.status === 'open').map((r) => r.exception.id);
    expect([e.verdict].flat(), `verdict (possible: ${a.possibleVerdicts.join(', ')})`).toContain(a.verdict);
    for (const id of e.openRoutes ?? []) expect(open, 'open routes').toContain(id);
    for (const id of e.notOpenRoutes ?? []) expect(open, 'open routes').not.toContain(id);
    for (const id of e.duties ?? [])
      expect(
        a.duties.map((d) => d.id),
        'devoirs',
      ).toContain(id);
    for (const id of e.faculties ?? []) {
      expect(
        a.faculties.map((d) => d.id),
        'facultés',
      ).toContain(id);
      expect(
        a.duties.map((d) => d.id),
        'a faculty is not a duty',
      ).not.toContain(id);
    }
    if (e.firstQuestion) expect(a.missingFacts[0]?.id, 'first question').toBe(e.firstQuestion);
    for (const fact of e.notAsked ?? [])
      expect(
        a.missingFacts.map((f) => f.id),
        'questions',
      ).not.toContain(fact);
    if (e.doubt) expect(explanationText(a.explanation), 'the answer states its doubt').toMatch(/doute/i);
  };
}

describe('the legal review of December 2026, answered as the brochure reads', () => {
  it('covers the 86 situations of the review', () => expect(new Set(LEGAL_REVIEW_CASES.map((c) => c.id)).size).toBe(86));
  for (const c of LEGAL_REVIEW_CASES) {
    const name = `${c.id} [${c.mark}] ${c.profession} → ${c.recipient ?? 'tous'}: ${[c.expected.verdict].flat().join(' ou ')}`;
    it(name, check(c));
  }
});
