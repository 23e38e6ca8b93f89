// DOMAIN §5.1, property 1, as a reusable property: for random situations of
// the real graph (every profession × recipient, random partial facts), every
// completion of the unknown facts gives a verdict the partial answer held
// possible, and the partial verdict's claim stays true. Run on the embedded
// engine (2,000 situations) and on Neo4j (a few hundred).
import fc from 'fast-check';
import { expect } from 'vitest';
import { assessSituation } from '../../server/domain/assess.ts';
import { factsOf } from '../../server/domain/conditions.ts';
import type { RouteCandidates } from '../../server/domain/routes.ts';
import type { GraphData } from '../../server/schema/graph.ts';
import type { ExplorerService } from '../../server/service/ExplorerService.ts';

const FRAME = 'professional_context';

/** What each verdict claims: the completed verdicts it stays true under. */
export const CLAIMS: Record<string, string[]> = {
  forbidden: ['forbidden'],
  required: ['required'],
  permitted: ['permitted', 'required'],
  not_bound: ['not_bound', 'required'],
  undetermined: ['forbidden', 'permitted', 'required', 'not_bound'],
};

export function factsReadBy(c: RouteCandidates): string[] {
  return [
    ...new Set([
      ...c.routes.flatMap((r) => [...factsOf(r.requirements), ...r.limits.flatMap((l) => factsOf(l.requirements))]),
      ...c.standaloneDuties.flatMap((d) => factsOf(d.requirements)),
    ]),
  ].sort();
}

/** Asserts property 1 over `runs` situations; resolves to the number of completions checked. */
export async function checkSoundness(service: ExplorerService, data: GraphData, runs: number, seed: number): Promise<number> {
  const professions = data.nodes.filter((n) => n.type === 'Profession').map((n) => n.id);
  const recipients = [undefined, ...data.nodes.filter((n) => n.type === 'Recipient' || n.type === 'Profession').map((n) => n.id)];
  const kinds = [undefined, ...data.nodes.filter((n) => n.type === 'SituationKind').map((n) => n.id)];
  const cache = new Map<string, Promise<RouteCandidates>>();
  const candidatesOf = (p: string, r?: string, k?: string) => {
    const key = `${p}|${r ?? ''}|${k ?? ''}`;
    if (!cache.has(key)) cache.set(key, service.routeCandidates(p, r, k));
    return cache.get(key)!;
  };
  let completions = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        profession: fc.constantFrom(...professions),
        recipient: fc.constantFrom(...recipients),
        kind: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, fc.constantFrom(...kinds)),
        given: fc.array(fc.constantFrom(true, false, undefined), { minLength: 64, maxLength: 64 }),
        completion: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
      }),
      async (s) => {
        const candidates = await candidatesOf(s.profession, s.recipient, s.kind);
        const read = factsReadBy(candidates).filter((f) => f !== FRAME);
        const partial: Record<string, boolean> = { [FRAME]: true };
        read.forEach((f, i) => s.given[i] !== undefined && (partial[f] = s.given[i]!));
        const complete = { ...partial };
        read.forEach((f, i) => !(f in complete) && (complete[f] = s.completion[i]));
        const before = assessSituation(candidates, partial, {}, data.facts);
        const after = assessSituation(candidates, complete, {}, data.facts);
        completions++;
        expect(after.possibleVerdicts).toEqual([after.verdict]);
        expect(before.possibleVerdicts).toContain(after.verdict);
        expect(CLAIMS[before.verdict]).toContain(after.verdict);
      },
    ),
    { seed, numRuns: runs },
  );
  return completions;
}
