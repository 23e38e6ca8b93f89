// The verdict of DOMAIN §5 for (profession, recipient, facts), from route
// candidates that an engine found. Pure: same candidates and facts, same answer.
import type { Act, Fact, Verdict } from '../schema/graph.ts';
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
    ...(limit.act && { act: limit.act }),
    status: value === true ? 'holds' : value === false ? 'does_not_hold' : 'undetermined',
    sources: limit.sources,
    conditions: evaluated,
    elements: limit.elements,
  };
}

/** The limits that close the whole route; one that bars a single act (handing over a report) leaves the route as it is. */
const wholeRoute = (limit: { act?: Act }) => limit.act === undefined;

function assessRoute(route: RouteCandidate, facts: FactValues): AssessedRoute {
  const { value, evaluated } = evaluateAll(route.requirements, facts);
  const limits = route.limits.map((limit) => assessLimit(limit, facts));
  // A limit closes the route when it holds (DOMAIN §5). A limit that may still
  // hold leaves the route undetermined: an "open" route must stay open whatever
  // the unknown facts turn out to be (§5.1, property 1).
  const closedByLimit = limits.some((l) => wholeRoute(l) && l.status === 'holds');
  const mayClose = limits.some((l) => wholeRoute(l) && l.status === 'undetermined');
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
    qualifications: route.qualifications.map((limit) => assessLimit(limit, facts)),
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

/** The facts that can change a route's status: its conditions and the limits that may close it whole. */
function readsOf(route: RouteCandidate): string[] {
  return [...factsOf(route.requirements), ...route.limits.filter(wholeRoute).flatMap((l) => factsOf(l.requirements))];
}

/**
 * The most steps the search of canChangeVerdict may take before it keeps the question (sound). On the
 * real graph no search took more than 327 steps over 3,000 random situations; on generated graphs of
 * 10k nodes a budget of 2,000 was spent on every question (≈ 400 ms an answer).
 */
const CHANGE_SEARCH_BUDGET = 600;

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
    const value = r.stated ? r.stated.value : facts[r.fact];
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
    if (limit.act !== undefined) continue;
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
/**
 * Whether the secret binds the person: by profession (in a professional
 * frame), or by a duty that binds whoever it applies to once its conditions
 * hold (the participants of a case consultation, art. 458ter, when that is
 * the kind of situation asked) — unknown while those may hold.
 */
function bindingOf(candidates: RouteCandidates, boundByProfession: boolean): { at: (facts: FactValues) => Tri; reads: string[] } {
  // Only where the kind asked names it (a case consultation): elsewhere the question is not about what one learned there.
  const binding = boundByProfession ? [] : candidates.standaloneDuties.filter((d) => d.duty.binds && d.involved);
  return {
    at: (facts) => (boundByProfession ? true : any(binding.map((d) => valueOfAll(d.requirements, facts)))),
    reads: binding.flatMap((d) => factsOf(d.requirements)),
  };
}

/** Whether a verdict holds when it is not known whether the secret binds: only if it does either way. */
function verdictHoldsEither(verdict: Verdict, bound: Tri, statuses: Pick<AssessedRoute, 'effect' | 'status'>[]): Tri {
  if (bound !== undefined) return verdictHolds(verdict, bound, statuses);
  const [yes, no] = [verdictHolds(verdict, true, statuses), verdictHolds(verdict, false, statuses)];
  if (yes === true && no === true) return true;
  if (yes === false && no === false) return false;
  return undefined;
}

export function possibleVerdictsOf(candidates: RouteCandidates, facts: FactValues, bound: boolean): Verdict[] {
  const routes = candidates.routes.map((r) => ({
    route: r,
    effect: r.exception.effect,
    reads: readsOf(r).filter((f) => f !== FRAME_FACT),
  }));
  const binding = bindingOf(candidates, bound);
  const verdicts: Verdict[] = bound
    ? ['required', 'permitted', 'forbidden']
    : binding.reads.length
      ? ['required', 'permitted', 'forbidden', 'not_bound']
      : ['required', 'not_bound'];
  const found = new Set<Verdict>();
  let budget = SEARCH_BUDGET;
  const search = (assigned: Record<string, boolean | undefined>, pending: Verdict[]): void => {
    const statuses = routes.map((r) => ({ effect: r.effect, status: routeStatus(r.route, assigned) }));
    const boundNow = binding.at(assigned);
    const open: Verdict[] = [];
    for (const verdict of pending) {
      if (found.has(verdict)) continue;
      const holds = verdictHoldsEither(verdict, boundNow, statuses);
      if (holds === true) found.add(verdict);
      else if (holds === undefined) open.push(verdict);
    }
    if (!open.length) return;
    let fact: string | undefined = boundNow === undefined ? binding.reads.find((f) => assigned[f] === undefined) : undefined;
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
 * Whether answering `fact` can change the verdict for some way of filling in
 * the other unknown facts: a question that cannot is not worth asking (a
 * victim who must keep to the necessary is not asked whether she is also a
 * suspect). A search over the facts of the routes still undetermined, cut as
 * soon as both answers settle the verdict; past its budget it says yes (sound:
 * it only keeps a question).
 */
export function canChangeVerdict(candidates: RouteCandidates, facts: FactValues, bound: boolean, fact: string): boolean {
  const routes = candidates.routes.map((r) => {
    const all = readsOf(r);
    return { route: r, effect: r.exception.effect, all, reads: all.filter((f) => f !== FRAME_FACT && f !== fact), statuses: new Map<string, RouteStatus>() };
  });
  const binding = bindingOf(candidates, bound);
  if (binding.reads.includes(fact)) return true;
  const verdicts: Verdict[] = ['required', 'permitted', 'forbidden', 'not_bound'];
  let budget = CHANGE_SEARCH_BUDGET;
  const settled = (statuses: { effect: 'permits' | 'requires'; status: RouteStatus }[], b: Tri) =>
    verdicts.find((v) => verdictHoldsEither(v, b, statuses) === true);
  // A route's status depends only on the facts it reads: kept by their values, most routes are
  // evaluated once or twice in a whole search instead of at each of its steps.
  const statusOf = (r: (typeof routes)[number], assigned: Record<string, boolean | undefined>) => {
    const key = r.all.map((f) => (assigned[f] === undefined ? '_' : assigned[f] ? '1' : '0')).join('');
    let status = r.statuses.get(key);
    if (status === undefined) r.statuses.set(key, (status = routeStatus(r.route, assigned)));
    return status;
  };
  const search = (assigned: Record<string, boolean | undefined>): boolean => {
    if (budget-- <= 0) return true;
    const [ifYes, ifNo] = [
      { ...assigned, [fact]: true },
      { ...assigned, [fact]: false },
    ];
    const yes = routes.map((r) => ({ effect: r.effect, status: statusOf(r, ifYes) }));
    const no = routes.map((r) => ({ effect: r.effect, status: statusOf(r, ifNo) }));
    const [vy, vn] = [settled(yes, binding.at(assigned)), settled(no, binding.at(assigned))];
    if (vy && vn) return vy !== vn;
    let next: string | undefined = binding.at(assigned) === undefined ? binding.reads.find((f) => assigned[f] === undefined) : undefined;
    for (let i = 0; i < routes.length && next === undefined; i++) {
      if (yes[i].status === 'undetermined' || no[i].status === 'undetermined') next = routes[i].reads.find((f) => assigned[f] === undefined);
    }
    if (next === undefined) return true;
    return search({ ...assigned, [next]: true }) || search({ ...assigned, [next]: false });
  };
  return search({ ...facts });
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
  // « Not bound » stays true if a duty binding everyone makes it « required », not if a duty that binds to secrecy makes it « forbidden ».
  if (has('not_bound')) return has('forbidden') || has('permitted') ? 'undetermined' : 'not_bound';
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
    if (r.kind === 'condition') return !r.stated && facts[r.fact] === undefined ? [r.fact] : [];
    return evaluateAll([r], facts).value === undefined ? liveFacts(r.children, facts) : [];
  });
}

/** The condition group a fact belongs to: the route whose conditions read it, to be asked together. */
function groupOf(candidates: RouteCandidates, fact: string): MissingFact['group'] {
  for (const route of candidates.routes) {
    const read = factsOf(route.requirements);
    if (read.length > 1 && read.includes(fact)) {
      // « de l’art. 458bis » reads; « de l’Doctrine » does not: only an article takes the elided form.
      const articles = route.sources.map((s) => s.label).join(', ');
      return {
        id: route.exception.id,
        label: /^Art\./.test(articles) ? `les conditions de l’${articles.replace(/^Art\./, 'art.')}` : `les conditions de la voie « ${route.exception.label} »`,
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
  const binds = bindingOf(candidates, bound);
  const unknown = [...new Set([...asked.flatMap(readsOf), ...(binds.at(facts) === undefined ? binds.reads : [])])].filter(
    (f) => !(f in facts) && f !== FRAME_FACT,
  );
  const kindOrder = new Map((candidates.situation?.facts ?? []).map((f, i) => [f, i]));
  const order = new Map(vocabulary.map((f, i) => [f.id, i]));
  const byId = new Map(vocabulary.map((f) => [f.id, f]));
  // A fact whose group is already settled (the other branch of an "any" already met) is not worth asking.
  const live = new Set([
    ...asked.flatMap((r) => [...liveFacts(r.requirements, facts), ...r.limits.filter(wholeRoute).flatMap((l) => liveFacts(l.requirements, facts))]),
    ...(binds.at(facts) === undefined ? binds.reads : []),
  ]);
  const scored = unknown.flatMap((fact) => {
    if (!live.has(fact) || !canChangeVerdict(candidates, facts, bound, fact)) return [];
    const [yes, no] = [true, false].map((value) => possibleVerdictsOf(candidates, { ...facts, [fact]: value }, bound));
    const [vy, vn] = [verdictOfPossible(yes), verdictOfPossible(no)];
    const settled = possible.length - yes.length + (possible.length - no.length);
    const settles = candidates.routes.filter((r) => readsOf(r).includes(fact)).map((r) => r.exception.id);
    return [{ fact, settled, outcomes: { yes: vy, no: vn }, settles: [...new Set(settles)].sort() }];
  });
  // A route the person has begun to answer (one of its conditions met) is followed to its end first, the nearest to settled first:
  // the victim who said so is next asked what is necessary to the inquiry, not whether she is a suspect.
  const begun = new Map<string, number>();
  for (const route of asked) {
    const assessed = assessRoute(route, facts);
    const met = (items: typeof assessed.conditions): boolean => items.some((c) => (c.kind === 'group' ? met(c.children) : c.status === 'met' && !c.stated));
    if (assessed.status !== 'undetermined' || !met(assessed.conditions)) continue;
    const remaining = [
      ...new Set([...liveFacts(route.requirements, facts), ...route.limits.filter(wholeRoute).flatMap((l) => liveFacts(l.requirements, facts))]),
    ];
    for (const fact of remaining) begun.set(fact, Math.min(begun.get(fact) ?? 1e9, remaining.length));
  }
  // The kind of situation's order is the brochure's reasoning (458bis: the offence, the victim, the danger…); without a kind, what settles most comes first.
  scored.sort(
    (a, b) =>
      (begun.get(a.fact) ?? 1e9) - (begun.get(b.fact) ?? 1e9) ||
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
  // Then what changes no verdict but what the person may hand over or must do: a limit on one act (the report), a duty of the kind asked.
  const seen = new Set(questions.map((q) => q.id));
  const secondary = [
    ...candidates.routes
      .filter((r) => assessRoute(r, facts).status !== 'closed')
      .flatMap((r) => r.limits.filter((l) => !wholeRoute(l)).map((l) => ({ settles: l.limit.id, facts: liveFacts(l.requirements, facts) }))),
    // A duty binding everyone: first whether it is in play (a grave peril), then its exemptions.
    ...candidates.standaloneDuties
      .filter((d) => d.involved || d.trigger)
      .map((d) => ({
        settles: d.duty.id,
        facts: d.trigger && facts[d.trigger] === undefined ? [d.trigger] : liveFacts(d.requirements, facts),
      })),
  ];
  for (const { settles, facts: read } of secondary) {
    for (const fact of read) {
      if (seen.has(fact) || fact === FRAME_FACT) continue;
      seen.add(fact);
      questions.push({
        id: fact,
        question: byId.get(fact)?.question ?? fact,
        help: byId.get(fact)?.help,
        settles: [settles],
        outcomes: { yes: verdict, no: verdict },
      });
    }
  }
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
 * What the answer is about (§5.1, property 8): the kind's act if one was asked,
 * else the act of the routes it rests on (the open ones, else those still
 * possible), when they agree; telling otherwise.
 */
function mainAct(candidates: RouteCandidates, routes: AssessedRoute[]): Act {
  if (candidates.act) return candidates.act;
  const open = routes.filter((r) => r.status === 'open');
  const resting = open.length ? open : routes.filter((r) => r.status === 'undetermined');
  const acts = [...new Set(resting.map((r) => r.exception.act))];
  return acts.length === 1 ? acts[0] : 'tell';
}

/**
 * The acts a route allows besides its own, barred by a limit of their own
 * (handing over a report made for a youth judge, while testimony stays open):
 * each with its verdict over the routes that carry it.
 */
function otherActs(routes: AssessedRoute[]): Assessment['acts'] {
  const byAct = new Map<Act, { statuses: RouteStatus[]; effects: Set<string>; limits: Set<string> }>();
  for (const route of routes) {
    // A route closed whole has no act of its own left to weigh (a mediator who may not testify hands over nothing either).
    if (route.status === 'closed') continue;
    for (const limit of route.limits) {
      if (limit.act === undefined) continue;
      const entry = byAct.get(limit.act) ?? { statuses: [], effects: new Set(), limits: new Set() };
      const barred = route.limits.filter((l) => l.act === limit.act);
      const status: RouteStatus = barred.some((l) => l.status === 'holds')
        ? 'closed'
        : route.status === 'undetermined' || barred.some((l) => l.status === 'undetermined')
          ? 'undetermined'
          : 'open';
      entry.statuses.push(status);
      entry.effects.add(route.effect);
      if (limit.status !== 'does_not_hold') entry.limits.add(limit.id);
      byAct.set(limit.act, entry);
    }
  }
  return [...byAct].map(([act, { statuses, effects, limits }]) => ({
    act,
    verdict: statuses.includes('open')
      ? effects.has('requires')
        ? 'required'
        : 'permitted'
      : statuses.includes('undetermined')
        ? 'undetermined'
        : 'forbidden',
    limits: [...limits].sort(),
  }));
}

/**
 * What the person must and may do: what the open routes impose, and the duties
 * that apply by themselves. A duty binding everyone (art. 422bis) is reported
 * while its trigger is true or unknown, whatever the routes (§5.1, property 5),
 * and said lifted when one of its exemptions holds (§5.1, property 9). A duty
 * of an act the answer is not about (the guarantees of a search) is left out;
 * a faculty of an act that is barred is not offered.
 */
function dutiesOf(
  candidates: RouteCandidates,
  routes: AssessedRoute[],
  facts: FactValues,
  acts: Set<Act>,
  barred: Set<Act>,
): Pick<Assessment, 'duties' | 'faculties' | 'guarantees' | 'recommendations'> {
  const found = new Map<string, AssessedDuty>();
  const standalone = new Map(candidates.standaloneDuties.map((d) => [d.duty.id, d]));
  const statusOf = (id: string): AssessedDuty['status'] => {
    const own = standalone.get(id);
    if (!own) return 'applies';
    const value = evaluateAll(own.requirements, facts).value;
    if (value === true) return 'applies';
    return value === false && own.trigger !== undefined && facts[own.trigger] === true ? 'lifted' : 'to_check';
  };
  const add = (duty: DutyRef, by: string[]) => {
    if (duty.act && barred.has(duty.act) && duty.kind === 'faculty') return;
    const known = found.get(duty.id) ?? { ...duty, imposedBy: [], status: statusOf(duty.id) };
    known.imposedBy.push(...by);
    found.set(duty.id, known);
  };
  for (const route of routes) {
    if (route.status !== 'open') continue;
    for (const duty of route.duties) add(duty, [route.exception.id]);
  }
  for (const own of candidates.standaloneDuties) {
    if (own.duty.act && !acts.has(own.duty.act)) continue;
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
    recommendations: all.filter((d) => d.kind === 'recommendation'),
  };
}

/**
 * The doubts the answer rests on: those of the person and the recipient, of a
 * route that is open, and of a limit that holds or may hold on a route not
 * otherwise closed (§ relevance: a doubt on art. 30 has no place in an answer
 * that art. 30 does not decide).
 */
function relevantDoubts(candidates: RouteCandidates, routes: AssessedRoute[], recipientLimits: AssessedLimit[], verdict: Verdict): Assessment['doubts'] {
  const rules = new Set<string>();
  for (const route of routes) {
    // A route decides, or may still decide an answer left open.
    if (route.status === 'open' || (route.status === 'undetermined' && verdict === 'undetermined')) rules.add(route.exception.id);
    const ownConditionsHold = !route.conditions.some((c) => c.status === 'unmet');
    for (const limit of [...route.limits, ...route.qualifications]) if (ownConditionsHold && limit.status !== 'does_not_hold') rules.add(limit.id);
  }
  for (const limit of recipientLimits) if (limit.status !== 'does_not_hold' && !limit.aside) rules.add(limit.id);
  const ruleIds = new Set([
    ...candidates.routes.flatMap((r) => [r.exception.id, ...r.limits.map((l) => l.limit.id), ...r.qualifications.map((l) => l.limit.id)]),
    ...candidates.recipientLimits.map((l) => l.limit.id),
  ]);
  return candidates.doubts.filter((d) => !ruleIds.has(d.id) || rules.has(d.id));
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
  const act = mainAct(candidates, routes);
  const acts = otherActs(routes);
  const inPlay = new Set<Act>([act, ...routes.map((r) => r.exception.act), ...acts.map((a) => a.act)]);
  const barred = new Set(acts.filter((a) => a.verdict === 'forbidden').map((a) => a.act));
  // A limit naming the recipient concerns the secret: nothing to say to a person it does not bind; about another act (a police
  // hearing beside a report), it is listed but not said, unless the kind asked names it.
  const recipientLimits = bound
    ? candidates.recipientLimits.map((limit) => ({
        ...assessLimit(limit, facts),
        ...(!limit.involved && (limit.restrictsInPlay === false || (limit.restrictsAct !== undefined && limit.restrictsAct !== act)) && { aside: true }),
      }))
    : [];
  const assessment: Omit<Assessment, 'explanation'> = {
    verdict,
    possibleVerdicts,
    profession: { id: candidates.profession.id, type: 'Profession', label: candidates.profession.label, bound: candidates.profession.bound },
    recipient: candidates.recipientStatus,
    act,
    acts,
    situation: candidates.situation && { id: candidates.situation.id, type: candidates.situation.type, label: candidates.situation.label },
    recipients: candidates.recipient ? undefined : verdictsByRecipient(candidates, facts, bound),
    closedWorld,
    facts,
    routes,
    missingFacts: rankMissingFacts(candidates, facts, possibleVerdicts, vocabulary, closedWorld),
    ...dutiesOf(candidates, routes, facts, inPlay, barred),
    doubts: relevantDoubts(candidates, routes, recipientLimits, verdict),
    recipientLimits,
    disclaimer: DISCLAIMER,
  };
  return { ...assessment, explanation: explainAssessment(assessment, candidates) };
}

export type { Tri };
