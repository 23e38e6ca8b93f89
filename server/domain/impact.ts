// What rests on what (issue 27). An answer is a (profession, kind of
// situation) route set as buildRouteCandidates finds it, its routes grouped by
// the recipient each names (as /api/assess answers without a recipient); a
// situation is a worked example or a review case, assessed by assessSituation.
// Both are recorded with the ids they use, so that "what depends on this
// node" is a look-up, and a reform re-assesses only the answers whose route
// subgraph holds a node it changed.
import type { Fact, Verdict } from '../schema/graph.ts';
import type { GraphView } from '../schema/graphView.ts';
import type { DependantsResult, RouteChange, RouteSummary, SituationChange } from '../schema/impact.ts';
import { assessSituation, possibleVerdictsOf, verdictOfPossible, type Assessment } from './assess.ts';
import { factsOf } from './conditions.ts';
import { buildRouteCandidates, isAChain, type Requirement, type RouteCandidate, type RouteCandidates } from './routes.ts';

export type { DependantsResult, RouteChange, RouteSummary, SituationChange };

/** A fact is used as `fact:<id>`: fact ids and node ids never mix. */
export const factKey = (fact: string) => `fact:${fact}`;

export interface AnswerRoute {
  exception: string;
  recipient: string;
  summary: RouteSummary;
  /** node ids and fact keys the route (its conditions, limits, sources, duties, IS_A chains) uses */
  uses: Set<string>;
}

export interface AnswerEntry {
  profession: string;
  kind: string | null;
  routes: AnswerRoute[];
  /** what route finding read for this answer: a reform that changes none of it leaves the answer as it is */
  touches: Set<string>;
}

/** A situation to assess: a worked example (Situation node) or a case of the legal review. */
export interface SituationQuestion {
  id: string;
  source: 'example' | 'review';
  label: string;
  profession: string;
  recipient?: string;
  kind?: string;
  facts: Record<string, boolean>;
  closedWorld?: boolean;
}

export interface SituationEntry {
  question: SituationQuestion;
  verdict: Verdict;
  possibleVerdicts: Verdict[];
  /** the routes that decide the verdict, each with what it uses */
  deciding: { exception: string; uses: Set<string> }[];
  touches: Set<string>;
}

export interface ImpactIndex {
  answers: AnswerEntry[];
  situations: SituationEntry[];
}

export interface IndexScope {
  professions: string[];
  /** SituationKind ids; the answer with no kind asked is always made */
  kinds: string[];
  situations: SituationQuestion[];
  vocabulary: Fact[];
}

function renderRequirement(r: Requirement): string {
  return r.kind === 'condition' ? `${r.fact}=${r.expected}` : `${r.mode}(${r.children.map(renderRequirement).join(', ')})`;
}

function summarise(route: RouteCandidate): RouteSummary {
  return {
    exception: route.exception.id,
    effect: route.exception.effect,
    conditions: route.requirements.map(renderRequirement),
    limits: route.limits.map((l) => (l.requirements.length ? `${l.limit.id} if ${l.requirements.map(renderRequirement).join(', ')}` : l.limit.id)),
    provisions: route.sources.map((s) => s.id),
    duties: route.duties.map((d) => d.id),
  };
}

function usesOf(route: RouteCandidate): Set<string> {
  const limits = [...route.limits, ...route.qualifications];
  const uses = new Set([...route.elements.nodes, ...limits.flatMap((l) => l.elements.nodes)]);
  for (const fact of [...factsOf(route.requirements), ...limits.flatMap((l) => factsOf(l.requirements))]) uses.add(factKey(fact));
  return uses;
}

/**
 * What route finding read for this answer besides the routes it found: the
 * IS_A chains and, with no recipient asked, the exceptions that apply to the
 * profession and are in play in the kind asked (a change to one of them can
 * add a route). With a recipient, an exception that names none of its chain
 * becomes a route only by naming one: a change that touches the chain.
 */
function touchesOf(view: GraphView, candidates: RouteCandidates, kind: string | null, recipient?: string): Set<string> {
  const touches = new Set<string>();
  const involved = kind === null ? undefined : new Set(view.out(kind, 'INVOLVES').map((e) => e.target));
  const inPlay = (id: string) => {
    const node = view.node(id);
    return node?.type === 'Exception' && (involved ? involved.has(id) : !node.ownSituation);
  };
  for (const id of isAChain(view, candidates.profession.id).keys()) {
    touches.add(id);
    if (!recipient) for (const edge of view.in(id, 'APPLIES_TO')) if (inPlay(edge.source)) touches.add(edge.source);
  }
  // The recipient's names and categories, and the roles they may play (a route towards the mandant reaches it through them).
  if (recipient)
    for (const id of isAChain(view, recipient, true).keys()) {
      touches.add(id);
      const node = view.node(id);
      if (node?.type === 'Recipient' || node?.type === 'Profession') for (const role of node.roles ?? []) touches.add(role);
    }
  if (kind) touches.add(kind);
  for (const route of candidates.routes) for (const id of usesOf(route)) touches.add(id);
  for (const duty of candidates.standaloneDuties) for (const id of duty.elements.nodes) touches.add(id);
  for (const limit of candidates.recipientLimits) for (const id of limit.elements.nodes) touches.add(id);
  return touches;
}

export function answerEntry(view: GraphView, profession: string, kind: string | null): AnswerEntry {
  const candidates = buildRouteCandidates(view, profession, undefined, kind ?? undefined);
  return {
    profession,
    kind,
    routes: candidates.routes.map((route) => ({ exception: route.exception.id, recipient: route.target.id, summary: summarise(route), uses: usesOf(route) })),
    touches: touchesOf(view, candidates, kind),
  };
}

/** The routes a verdict rests on: the open ones that give it, or, when none opens, every route considered (each closed or left open by its conditions). */
function decidingRoutes(candidates: RouteCandidates, assessment: Assessment): RouteCandidate[] {
  const effect = assessment.verdict === 'required' ? 'requires' : assessment.verdict === 'permitted' ? 'permits' : undefined;
  const considered = new Set(assessment.routes.map((r) => `${r.exception.id}>${r.recipient.id}`));
  const routes = candidates.routes.filter((r) => considered.has(`${r.exception.id}>${r.target.id}`));
  if (!effect) return routes;
  const open = new Set(assessment.routes.filter((r) => r.status === 'open' && r.effect === effect).map((r) => `${r.exception.id}>${r.recipient.id}`));
  return routes.filter((r) => open.has(`${r.exception.id}>${r.target.id}`));
}

/**
 * The verdict and possible verdicts of assessSituation, without the questions
 * to ask, the duties and the explanation it also builds (most of its time):
 * the same steps before possibleVerdictsOf, in the same order. A test holds it
 * to assessSituation on every worked example and review case, before and after reforms.
 */
export function verdictOf(candidates: RouteCandidates, given: Record<string, boolean>, closedWorld = false): Pick<Assessment, 'verdict' | 'possibleVerdicts'> {
  // A bound professional asked about a confidence: no route that concerns only what one saw (§5.1, property 4).
  const confided = !candidates.situation && candidates.profession.bound && given[FRAME_FACT] !== false;
  const routes = confided ? candidates.routes.filter((r) => !r.outsideConfidence) : candidates.routes;
  const facts: Record<string, boolean> = { ...given };
  if (closedWorld) {
    const read = [
      ...routes.flatMap((r) => [...factsOf(r.requirements), ...r.limits.flatMap((l) => factsOf(l.requirements))]),
      ...candidates.standaloneDuties.flatMap((d) => factsOf(d.requirements)),
      ...candidates.recipientLimits.flatMap((l) => factsOf(l.requirements)),
    ];
    for (const fact of read) if (!(fact in facts)) facts[fact] = false;
  }
  const bound = candidates.profession.bound && facts[FRAME_FACT] !== false;
  const possibleVerdicts = possibleVerdictsOf({ ...candidates, routes }, facts, bound);
  return { verdict: verdictOfPossible(possibleVerdicts), possibleVerdicts };
}

const FRAME_FACT = 'professional_context';

/** A worked example, assessed in full: its deciding routes are what dependants report. */
export function situationEntry(view: GraphView, question: SituationQuestion, vocabulary: Fact[], full = question.source === 'example'): SituationEntry {
  const candidates = buildRouteCandidates(view, question.profession, question.recipient, question.kind);
  const touches = touchesOf(view, candidates, question.kind ?? null, question.recipient);
  if (!full) return { question, ...verdictOf(candidates, question.facts, question.closedWorld), deciding: [], touches };
  const assessment = assessSituation(candidates, question.facts, { closedWorld: question.closedWorld }, vocabulary);
  return {
    question,
    verdict: assessment.verdict,
    possibleVerdicts: assessment.possibleVerdicts,
    deciding: decidingRoutes(candidates, assessment).map((r) => ({ exception: r.exception.id, uses: usesOf(r) })),
    touches,
  };
}

export function buildImpactIndex(view: GraphView, scope: IndexScope, onProgress?: (done: number, total: number) => void): ImpactIndex {
  const kinds = [null, ...scope.kinds];
  const total = scope.professions.length * kinds.length + scope.situations.length;
  let done = 0;
  const tick = () => onProgress?.(++done, total);
  const answers = scope.professions.flatMap((profession) =>
    kinds.map((kind) => {
      const entry = answerEntry(view, profession, kind);
      tick();
      return entry;
    }),
  );
  const situations = scope.situations.map((question) => {
    const entry = situationEntry(view, question, scope.vocabulary);
    tick();
    return entry;
  });
  return { answers, situations };
}

// ---------- dependants ----------

type Labelled = { id: string; type: string; label: string };

/** The answers and worked examples that rest on `key` (a node id, or factKey(fact)). `describe` names the ids it lists. */
export function findDependants(index: ImpactIndex, key: string, node: Labelled, describe: (id: string) => Labelled): DependantsResult {
  const byProfession = new Map<string, Map<string, { kinds: Set<string | null>; routes: Set<string> }>>();
  const routes = new Set<string>();
  let answers = 0;
  for (const entry of index.answers) {
    for (const route of entry.routes) {
      if (!route.uses.has(key)) continue;
      const recipients = byProfession.get(entry.profession) ?? new Map();
      byProfession.set(entry.profession, recipients);
      const found = recipients.get(route.recipient) ?? { kinds: new Set(), routes: new Set() };
      recipients.set(route.recipient, found);
      if (!found.kinds.has(entry.kind)) answers++;
      found.kinds.add(entry.kind);
      found.routes.add(route.exception);
      routes.add(route.exception);
    }
  }
  const sortKinds = (kinds: Set<string | null>) => [...kinds].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
  const professions = [...byProfession.keys()].sort().map((profession) => ({
    profession: describe(profession),
    answers: [...byProfession.get(profession)!.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([recipient, found]) => ({ recipient: describe(recipient), kinds: sortKinds(found.kinds), routes: [...found.routes].sort() })),
  }));
  const situations = index.situations
    .filter((s) => s.question.source === 'example')
    .flatMap((s) => {
      const using = s.deciding.filter((d) => d.uses.has(key)).map((d) => d.exception);
      return using.length ? [{ id: s.question.id, label: s.question.label, verdict: s.verdict, routes: [...new Set(using)].sort() }] : [];
    });
  const recipients = new Set(professions.flatMap((p) => p.answers.map((a) => a.recipient.id)));
  return {
    node,
    counts: { answers, professions: professions.length, recipients: recipients.size, routes: routes.size, situations: situations.length },
    professions,
    situations,
  };
}

// ---------- what a reform changes ----------

const touched = (touches: Set<string>, changed: Set<string>) => {
  for (const id of changed) if (touches.has(id)) return true;
  return false;
};

function changedFields(before: RouteSummary, after: RouteSummary): RouteChange['fields'] {
  return (['effect', 'conditions', 'limits', 'provisions', 'duties'] as const).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

function diffAnswer(before: AnswerEntry, after: AnswerEntry): RouteChange[] {
  const key = (r: AnswerRoute) => `${r.exception}>${r.recipient}`;
  const afterRoutes = new Map(after.routes.map((r) => [key(r), r]));
  const beforeRoutes = new Map(before.routes.map((r) => [key(r), r]));
  const row = (r: AnswerRoute, change: RouteChange['change'], extra: Partial<RouteChange>): RouteChange => ({
    profession: before.profession,
    recipient: r.recipient,
    kind: before.kind,
    exception: r.exception,
    change,
    fields: [],
    ...extra,
  });
  const rows: RouteChange[] = [];
  for (const [k, r] of beforeRoutes) {
    const next = afterRoutes.get(k);
    if (!next) rows.push(row(r, 'lost', { before: r.summary }));
    else {
      const fields = changedFields(r.summary, next.summary);
      if (fields.length) rows.push(row(r, 'changed', { before: r.summary, after: next.summary, fields }));
    }
  }
  for (const [k, r] of afterRoutes) if (!beforeRoutes.has(k)) rows.push(row(r, 'gained', { after: r.summary }));
  return rows;
}

export interface ReformDiff {
  routes: RouteChange[];
  situations: SituationChange[];
  answersReassessed: number;
  situationsReassessed: number;
}

/**
 * Compare the index of the graph as it is with the reformed view. Only the
 * answers and situations whose route subgraph holds a changed node are
 * recomputed; the others cannot differ (buildRouteCandidates reads nothing else).
 */
export function diffReform(
  before: ImpactIndex,
  after: GraphView,
  changed: Set<string>,
  vocabulary: Fact[],
  onProgress?: (done: number, total: number) => void,
): ReformDiff {
  const total = before.answers.length + before.situations.length;
  let done = 0;
  let answersReassessed = 0;
  let situationsReassessed = 0;
  const routes = before.answers.flatMap((entry) => {
    onProgress?.(++done, total);
    if (!touched(entry.touches, changed)) return [];
    answersReassessed++;
    return diffAnswer(entry, answerEntry(after, entry.profession, entry.kind));
  });
  const situations = before.situations.map((entry): SituationChange => {
    onProgress?.(++done, total);
    const { question } = entry;
    const now = touched(entry.touches, changed) ? (situationsReassessed++, situationEntry(after, question, vocabulary, false)) : entry;
    const changedVerdict = now.verdict !== entry.verdict || now.possibleVerdicts.join() !== entry.possibleVerdicts.join();
    return {
      id: question.id,
      source: question.source,
      label: question.label,
      profession: question.profession,
      ...(question.recipient && { recipient: question.recipient }),
      ...(question.kind && { kind: question.kind }),
      before: { verdict: entry.verdict, possibleVerdicts: entry.possibleVerdicts },
      after: { verdict: now.verdict, possibleVerdicts: now.possibleVerdicts },
      changed: changedVerdict,
    };
  });
  const order = (r: RouteChange) => `${r.profession}\u0000${r.recipient}\u0000${r.kind ?? ''}\u0000${r.exception}`;
  routes.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { routes, situations, answersReassessed, situationsReassessed };
}

// ---------- CSV ----------

const cell = (value: unknown) => {
  const text = Array.isArray(value) ? value.join(' ; ') : value === undefined || value === null ? '' : String(value);
  return /[",\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Both tables of a reform's answer as one CSV: the routes, a blank line, the situations. The first line names the reform. */
export function reformCsv(label: string, diff: Pick<ReformDiff, 'routes' | 'situations'>): string {
  const lines = [`# ${label.replaceAll('\n', ' ')}`];
  lines.push('profession,recipient,kind,exception,change,fields,effect_before,effect_after,conditions_before,conditions_after,limits_before,limits_after');
  for (const r of diff.routes) {
    lines.push(
      [
        r.profession,
        r.recipient,
        r.kind,
        r.exception,
        r.change,
        r.fields,
        r.before?.effect,
        r.after?.effect,
        r.before?.conditions,
        r.after?.conditions,
        r.before?.limits,
        r.after?.limits,
      ]
        .map(cell)
        .join(','),
    );
  }
  lines.push('');
  lines.push('situation,source,profession,recipient,kind,verdict_before,verdict_after,possible_before,possible_after,changed');
  for (const s of diff.situations) {
    lines.push(
      [s.id, s.source, s.profession, s.recipient, s.kind, s.before.verdict, s.after.verdict, s.before.possibleVerdicts, s.after.possibleVerdicts, s.changed]
        .map(cell)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
