// The verdict of DOMAIN §5 for (profession, recipient, facts), from route
// candidates that an engine found. Pure: same candidates and facts, same answer.
import type { Fact, Verdict } from '../schema/graph.ts';
import { all, any, evaluateAll, factsOf, not, type FactValues, type Tri } from './conditions.ts';
import { explainAssessment } from './explain.ts';
import type { AssessedDuty, AssessedLimit, AssessedRoute, Assessment, MissingFact, RouteStatus } from '../schema/api.ts';
import type { DutyRef, LimitCandidate, Requirement, RouteCandidate, RouteCandidates } from './routes.ts';

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
  // A limit closes the route when it holds (DOMAIN §5). A limit that may still
  // hold leaves the route undetermined: an "open" route must stay open whatever
  // the unknown facts turn out to be (§5.1, property 1).
  const closedByLimit = limits.some((l) => l.status === 'holds');
  const mayClose = limits.some((l) => l.status === 'undetermined');
  const status: RouteStatus = closedByLimit || value === false ? 'closed' : value === true && !mayClose ? 'open' : 'undetermined';
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

const tri = (status: RouteStatus): Tri => (status === 'open' ? true : status === 'closed' ? false : undefined);

/** Whether a complete answer would be `verdict`, in three-valued logic over the routes' statuses. */
function verdictHolds(verdict: Verdict, bound: boolean, routes: Pick<AssessedRoute, 'effect' | 'status'>[]): Tri {
  const open = (effect: 'permits' | 'requires') => any(routes.filter((r) => r.effect === effect).map((r) => tri(r.status)));
  const required = open('requires');
  if (!bound) return verdict === 'required' ? required : verdict === 'not_bound' ? not(required) : false;
  if (verdict === 'required') return required;
  if (verdict === 'permitted') return all([not(required), open('permits')]);
  if (verdict === 'forbidden') return all([not(required), not(open('permits'))]);
  return false;
}

/** The most a search for a completion may try before it answers "possible" (sound: it only widens the set). */
const SEARCH_BUDGET = 60_000;

/** The value of a list of requirements, without building the evaluated tree (the search's inner loop). */
function valueOfAll(requirements: Requirement[], facts: FactValues): Tri {
  let unknown = false;
  for (const r of requirements) {
    const v = valueOfRequirement(r, facts);
    if (v === false) return false;
    if (v === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

function valueOfRequirement(r: Requirement, facts: FactValues): Tri {
  if (r.kind === 'condition') {
    const value = facts[r.fact];
    return value === undefined ? undefined : value === r.expected;
  }
  if (r.mode === 'all') return valueOfAll(r.children, facts);
  let unknown = false;
  for (const child of r.children) {
    const v = valueOfRequirement(child, facts);
    if (v === true) return true;
    if (v === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** A route's status as assessRoute gives it, computed without allocating. */
function routeStatus(route: RouteCandidate, facts: FactValues): RouteStatus {
  const value = valueOfAll(route.requirements, facts);
  if (value === false) return 'closed';
  let mayClose = false;
  for (const limit of route.limits) {
    const holds = valueOfAll(limit.requirements, facts);
    if (holds === true) return 'closed';
    if (holds === undefined) mayClose = true;
  }
  return value === true && !mayClose ? 'open' : 'undetermined';
}

/**
 * Every verdict that some way of filling in the unknown facts could give
 * (DOMAIN §5.1, property 1): one depth-first search over the unknown facts,
 * for all the verdicts at once, cut as soon as three-valued evaluation settles
 * each of them. It branches only on a fact of a route still undetermined: a
 * fact no open question reads cannot change any verdict, and would only double
 * the search.
 */
export function possibleVerdictsOf(candidates: RouteCandidates, facts: FactValues, bound: boolean): Verdict[] {
  const routes = candidates.routes.map((r) => ({
    route: r,
    effect: r.exception.effect,
    reads: [...factsOf(r.requirements), ...r.limits.flatMap((l) => factsOf(l.requirements))].filter((f) => f !== FRAME_FACT),
  }));
  const verdicts: Verdict[] = bound ? ['required', 'permitted', 'forbidden'] : ['required', 'not_bound'];
  const found = new Set<Verdict>();
  let budget = SEARCH_BUDGET;
  const search = (assigned: Record<string, boolean | undefined>, pending: Verdict[]): void => {
    const statuses = routes.map((r) => ({ effect: r.effect, status: routeStatus(r.route, assigned) }));
    const open: Verdict[] = [];
    for (const verdict of pending) {
      if (found.has(verdict)) continue;
      const holds = verdictHolds(verdict, bound, statuses);
      if (holds === true) found.add(verdict);
      else if (holds === undefined) open.push(verdict);
    }
    if (!open.length) return;
    let fact: string | undefined;
    for (let i = 0; i < routes.length && fact === undefined; i++) {
      if (statuses[i].status === 'undetermined') fact = routes[i].reads.find((f) => assigned[f] === undefined);
    }
    if (fact === undefined || budget-- <= 0) {
      for (const verdict of open) found.add(verdict);
      return;
    }
    search({ ...assigned, [fact]: true }, open);
    search({ ...assigned, [fact]: false }, open);
  };
  search({ ...facts }, verdicts);
  return verdicts.filter((v) => found.has(v));
}

/**
 * The verdict is a claim that stays true whatever the unknown facts turn out
 * to be: "permitted" also holds if it becomes "required" (must implies may),
 * "not_bound" if a duty binding everyone makes it "required". Claims that
 * conflict (permitted and forbidden both possible) leave it undetermined.
 */
export function verdictOfPossible(possible: Verdict[]): Verdict {
  const has = (v: Verdict) => possible.includes(v);
  if (possible.length === 1) return possible[0];
  if (has('not_bound')) return 'not_bound';
  if (has('permitted') && !has('forbidden')) return 'permitted';
  return 'undetermined';
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

/** The unknown facts of requirements that can still change them: none inside a group already settled. */
function liveFacts(requirements: Requirement[], facts: FactValues): string[] {
  if (evaluateAll(requirements, facts).value !== undefined) return [];
  return requirements.flatMap((r) => {
    if (r.kind === 'condition') return facts[r.fact] === undefined ? [r.fact] : [];
    return evaluateAll([r], facts).value === undefined ? liveFacts(r.children, facts) : [];
  });
}

/** The condition group a fact belongs to: the route whose conditions read it, to be asked together. */
function groupOf(candidates: RouteCandidates, fact: string): MissingFact['group'] {
  for (const route of candidates.routes) {
    const read = factsOf(route.requirements);
    if (read.length > 1 && read.includes(fact)) {
      const articles = route.sources.map((s) => s.label).join(', ');
      return {
        id: route.exception.id,
        label: `les conditions ${articles ? `de l’${articles.replace(/^Art\./, 'art.')}` : `de la voie « ${route.exception.label} »`}`,
        size: read.length,
      };
    }
  }
  return undefined;
}

/**
 * The questions worth asking: the unknown facts whose answer can change the
 * verdict, the one that settles most of the verdicts still possible first
 * (then the kind of situation's order, then the questionnaire's). Each says
 * what a Oui and a Non would give.
 */
function rankMissingFacts(
  candidates: RouteCandidates,
  facts: Record<string, boolean>,
  possible: Verdict[],
  vocabulary: Fact[],
  closedWorld: boolean,
): MissingFact[] {
  const bound = isBound(candidates, facts);
  const verdict = verdictOfPossible(possible);
  // A settled answer needs no question; "permitted, possibly required" only those of the obligations still open.
  const open = possible.length === 1 ? [] : candidates.routes.filter((r) => assessRoute(r, facts).status !== 'closed');
  const asked = verdict === 'permitted' ? open.filter((r) => r.exception.effect === 'requires') : open;
  const unknown = [...new Set(asked.flatMap((r) => [...factsOf(r.requirements), ...r.limits.flatMap((l) => factsOf(l.requirements))]))].filter(
    (f) => !(f in facts) && f !== FRAME_FACT,
  );
  const kindOrder = new Map((candidates.situation?.facts ?? []).map((f, i) => [f, i]));
  const order = new Map(vocabulary.map((f, i) => [f.id, i]));
  const byId = new Map(vocabulary.map((f) => [f.id, f]));
  // A fact whose group is already settled (the other branch of an "any" already met) is not worth asking.
  const live = new Set(asked.flatMap((r) => [...liveFacts(r.requirements, facts), ...r.limits.flatMap((l) => liveFacts(l.requirements, facts))]));
  const scored = unknown.flatMap((fact) => {
    if (!live.has(fact)) return [];
    const [yes, no] = [true, false].map((value) => possibleVerdictsOf(candidates, { ...facts, [fact]: value }, bound));
    const [vy, vn] = [verdictOfPossible(yes), verdictOfPossible(no)];
    const settled = possible.length - yes.length + (possible.length - no.length);
    const settles = candidates.routes
      .filter((r) => [...factsOf(r.requirements), ...r.limits.flatMap((l) => factsOf(l.requirements))].includes(fact))
      .map((r) => r.exception.id);
    return [{ fact, settled, outcomes: { yes: vy, no: vn }, settles: [...new Set(settles)].sort() }];
  });
  // The kind of situation's order is the brochure's reasoning (458bis: the offence, the victim, the danger…); without a kind, what settles most comes first.
  scored.sort(
    (a, b) =>
      (kindOrder.get(a.fact) ?? 1e9) - (kindOrder.get(b.fact) ?? 1e9) ||
      b.settled - a.settled ||
      b.settles.length - a.settles.length ||
      (order.get(a.fact) ?? 1e9) - (order.get(b.fact) ?? 1e9) ||
      (a.fact < b.fact ? -1 : 1),
  );
  const questions: MissingFact[] = scored.map(({ fact, outcomes, settles }) => ({
    id: fact,
    question: byId.get(fact)?.question ?? fact,
    help: byId.get(fact)?.help,
    settles,
    outcomes,
    group: groupOf(candidates, fact),
  }));
  if (candidates.profession.bound && !closedWorld && !(FRAME_FACT in facts)) {
    // "Did you learn it as a professional?" decides whether the secret binds at all: ask it first.
    const [yes, no] = [true, false].map((value) => verdictOfPossible(possibleVerdictsOf(candidates, { ...facts, [FRAME_FACT]: value }, value)));
    const frame = byId.get(FRAME_FACT);
    questions.unshift({
      id: FRAME_FACT,
      question: frame?.question ?? FRAME_FACT,
      help: frame?.help,
      settles: candidates.routes.map((r) => r.exception.id),
      outcomes: { yes, no },
    });
  }
  return questions;
}

/** With no recipient asked: the verdict towards each recipient the routes name. */
function verdictsByRecipient(candidates: RouteCandidates, facts: FactValues, bound: boolean): Assessment['recipients'] {
  const targets = new Map(candidates.routes.map((r) => [r.target.id, r.target]));
  return [...targets.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((recipient) => {
      const possibleVerdicts = possibleVerdictsOf({ ...candidates, routes: candidates.routes.filter((r) => r.target.id === recipient.id) }, facts, bound);
      return { recipient, verdict: verdictOfPossible(possibleVerdicts), possibleVerdicts };
    });
}

/**
 * What the person must and may do: what the open routes impose, and the duties
 * that apply by themselves. A duty binding everyone (art. 422bis) is reported
 * while its trigger is true or unknown, whatever the routes (§5.1, property 5).
 */
function dutiesOf(candidates: RouteCandidates, routes: AssessedRoute[], facts: FactValues): Pick<Assessment, 'duties' | 'faculties' | 'guarantees'> {
  const found = new Map<string, AssessedDuty>();
  const standalone = new Map(candidates.standaloneDuties.map((d) => [d.duty.id, d]));
  const statusOf = (id: string): AssessedDuty['status'] => {
    const own = standalone.get(id);
    return !own || evaluateAll(own.requirements, facts).value === true ? 'applies' : 'to_check';
  };
  const add = (duty: DutyRef, by: string[]) => {
    const known = found.get(duty.id) ?? { ...duty, imposedBy: [], status: statusOf(duty.id) };
    known.imposedBy.push(...by);
    found.set(duty.id, known);
  };
  for (const route of routes) {
    if (route.status !== 'open') continue;
    for (const duty of route.duties) add(duty, [route.exception.id]);
  }
  for (const own of candidates.standaloneDuties) {
    const value = evaluateAll(own.requirements, facts).value;
    const triggered = own.trigger !== undefined && facts[own.trigger] !== false;
    if (value === true || triggered)
      add(
        own.duty,
        own.sources.map((s) => s.id),
      );
  }
  const all = [...found.values()].map((d) => ({ ...d, imposedBy: [...new Set(d.imposedBy)].sort() })).sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    duties: all.filter((d) => d.kind === 'duty'),
    faculties: all.filter((d) => d.kind === 'faculty'),
    guarantees: all.filter((d) => d.kind === 'guarantee'),
  };
}

export function assessSituation(candidates: RouteCandidates, givenFacts: FactValues, options: AssessOptions = {}, vocabulary: Fact[] = []): Assessment {
  const closedWorld = options.closedWorld ?? false;
  // A bound professional asks about a confidence: a route that concerns only what one saw (art. 30 CIC) is no route, and no question (§5.1, property 4).
  const confided = !candidates.situation && candidates.profession.bound && givenFacts[FRAME_FACT] !== false;
  if (confided) {
    const dropped = new Set(candidates.routes.filter((r) => r.outsideConfidence).map((r) => r.exception.id));
    candidates = {
      ...candidates,
      routes: candidates.routes.filter((r) => !dropped.has(r.exception.id)),
      doubts: candidates.doubts.filter((d) => !dropped.has(d.id)),
    };
  }
  const facts = completeFacts(candidates, givenFacts, closedWorld);
  const routes = candidates.routes.map((route) => assessRoute(route, facts));
  const bound = isBound(candidates, facts);
  const possibleVerdicts = possibleVerdictsOf(candidates, facts, bound);
  const verdict = verdictOfPossible(possibleVerdicts);
  const assessment: Omit<Assessment, 'explanation'> = {
    verdict,
    possibleVerdicts,
    profession: { id: candidates.profession.id, type: 'Profession', label: candidates.profession.label, bound: candidates.profession.bound },
    recipient: candidates.recipient,
    situation: candidates.situation && { id: candidates.situation.id, type: candidates.situation.type, label: candidates.situation.label },
    recipients: candidates.recipient ? undefined : verdictsByRecipient(candidates, facts, bound),
    closedWorld,
    facts,
    routes,
    missingFacts: rankMissingFacts(candidates, facts, possibleVerdicts, vocabulary, closedWorld),
    ...dutiesOf(candidates, routes, facts),
    doubts: candidates.doubts,
    recipientLimits: candidates.recipientLimits.map((limit) => assessLimit(limit, facts)),
    disclaimer: DISCLAIMER,
  };
  return { ...assessment, explanation: explainAssessment(assessment) };
}

export type { Tri };
