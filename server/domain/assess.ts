// The verdict of DOMAIN §5 for (profession, recipient, facts), from route
// candidates that an engine found. Pure: same candidates and facts, same answer.
import type { Fact, Verdict } from '../schema/graph.ts';
import { evaluateAll, factsOf, type FactValues, type Tri } from './conditions.ts';
import { explainAssessment } from './explain.ts';
import type { AssessedDuty, AssessedLimit, AssessedRoute, Assessment, MissingFact, RouteStatus } from '../schema/api.ts';
import type { LimitCandidate, RouteCandidate, RouteCandidates } from './routes.ts';

export type { AssessedDuty, AssessedLimit, AssessedRoute, Assessment, MissingFact, RouteStatus };

export interface AssessOptions {
  closedWorld?: boolean;
}

export const DISCLAIMER =
  'Secretum est une aide à la réflexion, pas un avis juridique. Les textes cités sont ceux de la brochure ; vérifiez leur version en vigueur et, en cas de doute, consultez un juriste ou un avocat.';

/** Facts that frame the question rather than open a route. */
const FRAME_FACT = 'professional_context';

function assessLimit(limit: LimitCandidate, facts: FactValues): AssessedLimit {
  const { value, evaluated } = evaluateAll(limit.requirements, facts);
  return {
    ...limit.limit,
    status: value === true ? 'holds' : value === false ? 'does_not_hold' : 'undetermined',
    sources: limit.sources,
    conditions: evaluated,
    elements: limit.elements,
  };
}

function assessRoute(route: RouteCandidate, facts: FactValues): AssessedRoute {
  const { value, evaluated } = evaluateAll(route.requirements, facts);
  const limits = route.limits.map((limit) => assessLimit(limit, facts));
  // A limit closes the route only when it holds (DOMAIN §5); an undetermined
  // limit leaves the route as it is and is reported as a question to settle.
  const closedByLimit = limits.some((l) => l.status === 'holds');
  const status: RouteStatus = closedByLimit || value === false ? 'closed' : value === true ? 'open' : 'undetermined';
  return {
    exception: route.exception,
    effect: route.exception.effect,
    status,
    recipient: route.target,
    provisions: route.sources,
    derogatesFrom: route.derogatesFrom,
    conditions: evaluated,
    limits,
    duties: route.duties,
    elements: route.elements,
  };
}

function isBound(candidates: RouteCandidates, facts: FactValues): boolean {
  return candidates.profession.bound && facts[FRAME_FACT] !== false;
}

export function verdictOf(bound: boolean, routes: Pick<AssessedRoute, 'effect' | 'status'>[]): Verdict {
  const open = (effect: 'permits' | 'requires') => routes.some((r) => r.status === 'open' && r.effect === effect);
  if (!bound) return open('requires') ? 'required' : 'not_bound';
  if (open('requires')) return 'required';
  if (open('permits')) return 'permitted';
  if (routes.some((r) => r.status === 'undetermined')) return 'undetermined';
  return 'forbidden';
}

/** Closed world completes every fact a candidate reads with false — except the frame of the question. */
function completeFacts(candidates: RouteCandidates, given: FactValues, closedWorld: boolean): Record<string, boolean> {
  const facts: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(given)) if (typeof v === 'boolean') facts[k] = v;
  if (!closedWorld) return facts;
  const read = [
    ...candidates.routes.flatMap((r) => [...factsOf(r.requirements), ...r.limits.flatMap((l) => factsOf(l.requirements))]),
    ...candidates.standaloneDuties.flatMap((d) => factsOf(d.requirements)),
    ...candidates.recipientLimits.flatMap((l) => factsOf(l.requirements)),
  ];
  for (const fact of read) if (!(fact in facts)) facts[fact] = false;
  return facts;
}

/** Routes whose outcome can still change the verdict; their unknown facts are the questions worth asking. */
function relevantRoutes(verdict: Verdict, bound: boolean, routes: AssessedRoute[]): AssessedRoute[] {
  return routes.filter((route) => {
    const canClose = route.status === 'open' && route.limits.some((l) => l.status === 'undetermined');
    if (route.status === 'closed') return false;
    if (!bound || verdict === 'required') return route.effect === 'requires' && (route.status === 'undetermined' || canClose);
    if (verdict === 'permitted') return route.status === 'undetermined' ? route.effect === 'requires' : canClose;
    return route.status === 'undetermined' || canClose;
  });
}

function rankMissingFacts(
  candidates: RouteCandidates,
  facts: Record<string, boolean>,
  routes: AssessedRoute[],
  verdict: Verdict,
  vocabulary: Fact[],
  closedWorld: boolean,
): MissingFact[] {
  const bound = isBound(candidates, facts);
  const relevant = new Set(relevantRoutes(verdict, bound, routes).map((r) => r.exception.id + '|' + r.recipient.id));
  const order = new Map(vocabulary.map((f, i) => [f.id, i]));
  const scores = new Map<string, Set<string>>();
  const settle = (fact: string, what: string) => {
    if (!scores.has(fact)) scores.set(fact, new Set());
    scores.get(fact)!.add(what);
  };
  candidates.routes.forEach((candidate, i) => {
    if (!relevant.has(candidate.exception.id + '|' + candidate.target.id)) return;
    const before = routes[i];
    const read = [...factsOf(candidate.requirements), ...candidate.limits.flatMap((l) => factsOf(l.requirements))];
    for (const fact of read) {
      if (fact in facts) continue;
      for (const value of [true, false]) {
        const after = assessRoute(candidate, { ...facts, [fact]: value });
        if (after.status !== before.status) settle(fact, before.status === 'open' ? after.limits.find((l) => l.status === 'holds')?.id ?? candidate.exception.id : candidate.exception.id);
      }
    }
  });
  const ranked = [...scores.entries()].sort(
    ([a, sa], [b, sb]) => sb.size - sa.size || (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || (a < b ? -1 : 1),
  );
  if (candidates.profession.bound && !closedWorld && !(FRAME_FACT in facts)) {
    // "Did you learn it as a professional?" decides whether the secret binds at all: ask it first.
    ranked.unshift([FRAME_FACT, new Set(routes.map((r) => r.exception.id))]);
  }
  const byId = new Map(vocabulary.map((f) => [f.id, f]));
  return ranked.map(([id, settles]) => ({
    id,
    question: byId.get(id)?.question ?? id,
    help: byId.get(id)?.help,
    settles: [...new Set(settles)].sort(),
  }));
}

function dutiesOf(candidates: RouteCandidates, routes: AssessedRoute[], facts: FactValues): AssessedDuty[] {
  const duties = new Map<string, AssessedDuty>();
  for (const route of routes) {
    if (route.status !== 'open') continue;
    for (const duty of route.duties) {
      const known = duties.get(duty.id) ?? { ...duty, imposedBy: [] };
      known.imposedBy.push(route.exception.id);
      duties.set(duty.id, known);
    }
  }
  for (const standalone of candidates.standaloneDuties) {
    if (evaluateAll(standalone.requirements, facts).value !== true) continue;
    const known = duties.get(standalone.duty.id) ?? { ...standalone.duty, imposedBy: [] };
    known.imposedBy.push(...standalone.sources.map((s) => s.id));
    duties.set(standalone.duty.id, known);
  }
  return [...duties.values()]
    .map((d) => ({ ...d, imposedBy: [...new Set(d.imposedBy)].sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function assessSituation(
  candidates: RouteCandidates,
  givenFacts: FactValues,
  options: AssessOptions = {},
  vocabulary: Fact[] = [],
): Assessment {
  const closedWorld = options.closedWorld ?? false;
  const facts = completeFacts(candidates, givenFacts, closedWorld);
  const routes = candidates.routes.map((route) => assessRoute(route, facts));
  const bound = isBound(candidates, facts);
  const verdict = verdictOf(bound, routes);
  const assessment: Omit<Assessment, 'explanation'> = {
    verdict,
    profession: { id: candidates.profession.id, type: 'Profession', label: candidates.profession.label, bound: candidates.profession.bound },
    recipient: candidates.recipient,
    closedWorld,
    facts,
    routes,
    missingFacts: rankMissingFacts(candidates, facts, routes, verdict, vocabulary, closedWorld),
    duties: dutiesOf(candidates, routes, facts),
    recipientLimits: candidates.recipientLimits.map((limit) => assessLimit(limit, facts)),
    disclaimer: DISCLAIMER,
  };
  return { ...assessment, explanation: explainAssessment(assessment) };
}

export type { Tri };
