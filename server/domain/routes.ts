// Route finding (DOMAIN §5) as a pure function over a read-only view of the
// graph that a store selected: the in-memory engine hands its whole graph, the
// Neo4j engine the subgraph its Cypher selected. Same function, same answers.
import type { Act, GraphEdge, GraphNode, NodeOf } from '../schema/graph.ts';
import type { DutyRef, EdgeRef, Elements, NodeRef, RecipientStatus, Requirement, SourceRef } from '../schema/api.ts';
import { NotFoundError } from '../schema/errors.ts';
import type { GraphView } from '../schema/graphView.ts';

export type { DutyRef, Elements, NodeRef, RecipientStatus, Requirement, SourceRef };

/**
 * The one fact the graph may state about a recipient: whether the people it
 * stands for are bound by the secret (DOMAIN §5.1, property 7). A fact of the
 * public vocabulary, like `professional_context`; no recipient id lives here.
 */
export const RECIPIENT_BOUND_FACT = 'recipient_bound_by_secret';

export interface LimitCandidate {
  limit: NodeRef & { summary: string };
  /** the one act of the route it bars (RESTRICTS with an act); absent: the whole route */
  act?: Act;
  sources: SourceRef[];
  /** empty: the limit always holds once it concerns the situation */
  requirements: Requirement[];
  /** the route it restricts, and that route's act */
  restricts: string;
  restrictsAct?: Act;
  /** the route it restricts is one the question considers (in the kind asked): otherwise it explains nothing here */
  restrictsInPlay?: boolean;
  /** the kind of situation asked names it */
  involved?: boolean;
  elements: Elements;
}

export interface RouteCandidate {
  exception: NodeRef & { summary: string; effect: 'permits' | 'requires'; act: Act; measure?: 'seizure' };
  /** concerns what the person saw, not a confidence: not a route for a professional asked about one */
  outsideConfidence?: boolean;
  /** the recipient (or category of recipients) the exception names */
  target: NodeRef;
  sources: SourceRef[];
  derogatesFrom: SourceRef[];
  requirements: Requirement[];
  limits: LimitCandidate[];
  /** limits that narrow what follows the route without closing it (QUALIFIES) */
  qualifications: LimitCandidate[];
  duties: DutyRef[];
  elements: Elements;
}

export interface DutyCandidate {
  duty: DutyRef;
  /** the fact that brings it into play: reported while that fact is true or unknown */
  trigger?: string;
  /** the kind of situation asked names it: its facts are worth asking */
  involved?: boolean;
  /** limits that narrow what follows it (QUALIFIES): what a case consultation may lead to */
  qualifications: LimitCandidate[];
  sources: SourceRef[];
  requirements: Requirement[];
  elements: Elements;
}

/** Whether a recipient (by its names and categories) may play the role `node` names: the roles are data of the recipient. */
function playsRole(view: GraphView, node: GraphNode | undefined, recipientChain: Map<string, GraphEdge[]>): boolean {
  if (node?.type !== 'Recipient' || !node.roleFact) return false;
  return rolesOf(view, recipientChain).includes(node.id);
}

function rolesOf(view: GraphView, chain: Map<string, GraphEdge[]>): string[] {
  const roles = new Set<string>();
  for (const id of chain.keys()) {
    const node = view.node(id);
    if (node?.type === 'Recipient' || node?.type === 'Profession') for (const role of node.roles ?? []) roles.add(role);
  }
  return [...roles].sort();
}

/**
 * The legal status of a recipient, taken from the nearest of its names and
 * categories that states one (a recipient that is also a profession takes the
 * profession's); when two equally near disagree, it is not stated.
 */
export function recipientStatus(view: GraphView, id: string, chain: Map<string, GraphEdge[]> = isAChain(view, id, true)): RecipientStatus {
  const node = view.node(id)!;
  const stating = [...chain.keys()]
    .map((n) => view.node(n))
    .filter((n): n is GraphNode & { bound: boolean } => (n?.type === 'Profession' || n?.type === 'Recipient') && typeof n.bound === 'boolean')
    .sort((a, b) => chain.get(a.id)!.length - chain.get(b.id)!.length || byId(a, b));
  const nearest = stating.filter((n) => chain.get(n.id)!.length === chain.get(stating[0]?.id ?? '')?.length);
  const agreed = nearest.length && nearest.every((n) => n.bound === nearest[0].bound) ? nearest[0] : undefined;
  // The texts: those of the nearest name or category that names some without saying otherwise (a psychiatre, as a médecin).
  const naming = agreed
    ? [...chain.keys()]
        .sort((a, b) => chain.get(a)!.length - chain.get(b)!.length || (a < b ? -1 : 1))
        .find((n) => {
          const other = view.node(n);
          const says = other && (other.type === 'Profession' || other.type === 'Recipient') ? other.bound : undefined;
          return view.out(n, 'BOUND_BY').length > 0 && (says === undefined || says === agreed.bound);
        })
    : undefined;
  const boundBy = naming
    ? view
        .out(naming, 'BOUND_BY')
        .map((e) => sourceRef(view, e.target))
        .filter((s): s is SourceRef => s !== undefined)
        .sort(byId)
    : [];
  const names = [...view.out(id, 'SAME_AS').map((e) => e.target), ...view.in(id, 'SAME_AS').map((e) => e.source)]
    .map((n) => view.node(n))
    .filter((n): n is GraphNode => n !== undefined)
    .map(ref)
    .sort(byId);
  return {
    ...ref(node),
    ...(agreed && { bound: agreed.bound, boundVia: ref(agreed) }),
    boundBy,
    roles: rolesOf(view, chain),
    names,
  };
}

/** The facts a recipient's status settles, with the reason said in the answer. */
function statedFacts(status: RecipientStatus | undefined): Stated {
  const stated: Stated = new Map();
  if (status?.bound === undefined) return stated;
  const texts = status.boundBy.map((s) => s.label).join(', ');
  const who = status.boundVia && status.boundVia.id !== status.id ? `${status.label} (${status.boundVia.label})` : status.label;
  stated.set(RECIPIENT_BOUND_FACT, {
    value: status.bound,
    reason: status.bound ? `${who} : tenu au secret professionnel${texts ? ` (${texts})` : ''}` : `${who} : pas tenu au secret professionnel`,
  });
  return stated;
}

type Stated = Map<string, { value: boolean; reason: string }>;

/** A route towards a role (the mandant) reaches the recipients that may play it, on the condition that this one does. */
function roleCondition(role: NodeOf<'Recipient'>): Requirement {
  return { kind: 'condition', id: `${role.id}--role`, label: `Le destinataire est : ${role.label}`, fact: role.roleFact!, expected: true };
}

/** A doubt the brochure leaves on a rule (DOMAIN: `doubt`), said with every answer that rests on it. */
export interface Doubt {
  id: string;
  label: string;
  doubt: string;
}

export interface RouteCandidates {
  profession: NodeOf<'Profession'>;
  recipient?: NodeRef;
  /** the kind of situation asked, with the facts that matter in it in asking order */
  situation?: NodeRef & { facts: string[] };
  /** doubts of the profession, the recipient and the rules considered */
  doubts: Doubt[];
  routes: RouteCandidate[];
  /** the recipient asked, with its legal status, roles and other names */
  recipientStatus?: RecipientStatus;
  /** what the kind of situation asked is about */
  act?: Act;
  /** duties that bind the person by themselves (art. 422bis), whatever the route */
  standaloneDuties: DutyCandidate[];
  /** limits that name this recipient although no route reaches it (no shared secret with teachers) */
  recipientLimits: LimitCandidate[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ref = (node: GraphNode): NodeRef => ({ id: node.id, type: node.type, label: node.label });

/**
 * Ancestors through IS_A (the node itself included) with the edges that lead
 * there; with `names`, also through SAME_AS either way, from the start only:
 * two names of one body reach the same categories (DOMAIN §5.1, property 3).
 */
export function isAChain(view: GraphView, start: string, names = false): Map<string, GraphEdge[]> {
  const chains = new Map<string, GraphEdge[]>([[start, []]]);
  const queue = [start];
  if (names) {
    const aliases = [...view.out(start, 'SAME_AS').map((e) => ({ id: e.target, e })), ...view.in(start, 'SAME_AS').map((e) => ({ id: e.source, e }))].sort(
      (a, b) => (a.id < b.id ? -1 : 1),
    );
    for (const { id, e } of aliases) {
      if (chains.has(id) || !view.node(id)) continue;
      chains.set(id, [e]);
      queue.push(id);
    }
  }
  while (queue.length) {
    const id = queue.shift()!;
    for (const edge of [...view.out(id, 'IS_A')].sort((a, b) => (a.target < b.target ? -1 : 1))) {
      if (chains.has(edge.target)) continue;
      chains.set(edge.target, [...chains.get(id)!, edge]);
      queue.push(edge.target);
    }
  }
  return chains;
}

/** The closest match between a set of candidate targets and a chain (fewest hops, then id). */
function closest(targets: string[], chains: Map<string, GraphEdge[]>): string | undefined {
  return targets.filter((t) => chains.has(t)).sort((a, b) => chains.get(a)!.length - chains.get(b)!.length || (a < b ? -1 : 1))[0];
}

class ElementSet {
  private nodes = new Set<string>();
  private edges = new Map<string, EdgeRef>();
  add(...edges: GraphEdge[]): this {
    for (const { id, source, target, type } of edges) {
      this.edges.set(id, { id, source, target, type });
      this.nodes.add(source);
      this.nodes.add(target);
    }
    return this;
  }
  node(id: string): this {
    this.nodes.add(id);
    return this;
  }
  toJSON(): Elements {
    return { nodes: [...this.nodes].sort(), edges: [...this.edges.values()].sort(byId) };
  }
}

function requirementsOf(view: GraphView, owner: string, elements: ElementSet, stated: Stated = NOTHING_STATED): Requirement[] {
  return view
    .out(owner, 'REQUIRES')
    .toSorted((a, b) => (a.target < b.target ? -1 : 1))
    .flatMap((edge): Requirement[] => {
      const node = view.node(edge.target);
      if (!node) return [];
      elements.add(edge);
      if (node.type === 'Condition') {
        const known = stated.get(node.fact);
        return [{ kind: 'condition' as const, id: node.id, label: node.label, fact: node.fact, expected: node.expected, ...(known && { stated: known }) }];
      }
      if (node.type === 'ConditionGroup') {
        return [{ kind: 'group' as const, id: node.id, label: node.label, mode: node.mode, children: requirementsOf(view, node.id, elements, stated) }];
      }
      return [];
    });
}

function sourcesOf(view: GraphView, owner: string, elements: ElementSet): SourceRef[] {
  return view
    .in(owner, 'ESTABLISHES')
    .map((edge) => {
      elements.add(edge);
      return sourceRef(view, edge.source);
    })
    .filter((s): s is SourceRef => s !== undefined)
    .sort(byId);
}

export function sourceRef(view: GraphView, id: string): SourceRef | undefined {
  const node = view.node(id);
  if (!node) return undefined;
  const replacedBy = view
    .out(id, 'REPLACED_BY')
    .map((e) => view.node(e.target))
    .filter((n): n is GraphNode => n !== undefined)
    .map(ref)
    .sort(byId);
  const instrumentNode = view.out(id, 'PART_OF').map((e) => view.node(e.target))[0];
  const instrumentReplacedBy = instrumentNode
    ? view
        .out(instrumentNode.id, 'REPLACED_BY')
        .map((e) => view.node(e.target))
        .filter((n): n is GraphNode => n !== undefined)
        .map(ref)
    : [];
  return {
    ...ref(node),
    summary: node.summary,
    status: 'status' in node ? node.status : undefined,
    eli: 'eli' in node ? node.eli : undefined,
    replacedBy: replacedBy.length ? replacedBy : instrumentReplacedBy.sort(byId),
    instrument: instrumentNode ? ref(instrumentNode) : undefined,
  };
}

function limitConcerns(
  view: GraphView,
  limitId: string,
  holderChain: Map<string, GraphEdge[]>,
  recipientChain: Map<string, GraphEdge[]> | undefined,
  elements: ElementSet,
): boolean {
  const appliesTo = view.out(limitId, 'APPLIES_TO');
  const holders = appliesTo.filter((e) => e.role !== 'recipient');
  const recipients = appliesTo.filter((e) => e.role === 'recipient');
  const holder = closest(
    holders.map((e) => e.target),
    holderChain,
  );
  const recipient = recipientChain
    ? closest(
        recipients.map((e) => e.target),
        recipientChain,
      )
    : undefined;
  if (holders.length && !holder) return false;
  if (recipients.length && !recipient) return false;
  if (holder) elements.add(...holderChain.get(holder)!, ...holders.filter((e) => e.target === holder));
  if (recipient) elements.add(...recipientChain!.get(recipient)!, ...recipients.filter((e) => e.target === recipient));
  return true;
}

function limitCandidate(view: GraphView, limitId: string, restricts: string, elements: ElementSet, stated: Stated, act?: Act): LimitCandidate | undefined {
  const node = view.node(limitId);
  if (node?.type !== 'Limit') return undefined;
  return {
    limit: { ...ref(node), summary: node.summary },
    ...(act && { act }),
    sources: sourcesOf(view, limitId, elements),
    requirements: requirementsOf(view, limitId, elements, stated),
    restricts,
    elements: elements.toJSON(),
  };
}

/** The limits of `type` (RESTRICTS, QUALIFIES) on a route that concern its holder and recipient. */
function limitsOn(
  view: GraphView,
  type: 'RESTRICTS' | 'QUALIFIES',
  exceptionId: string,
  holderChain: Map<string, GraphEdge[]>,
  targetChain: Map<string, GraphEdge[]>,
  stated: Stated,
  elements: ElementSet,
): LimitCandidate[] {
  return view
    .in(exceptionId, type)
    .toSorted((a, b) => (a.source < b.source ? -1 : 1))
    .flatMap((edge) => {
      const limitElements = new ElementSet().add(edge);
      if (!limitConcerns(view, edge.source, holderChain, targetChain, limitElements)) return [];
      const candidate = limitCandidate(view, edge.source, exceptionId, limitElements, stated, edge.act);
      if (candidate) elements.add(edge);
      return candidate ? [candidate] : [];
    });
}

/**
 * Duties a route imposes; a duty that names the professionals it concerns
 * binds only them, one that names recipients (role: recipient) only towards them.
 */
function dutiesOf(
  view: GraphView,
  owner: string,
  holderChain: Map<string, GraphEdge[]>,
  targetChain: Map<string, GraphEdge[]> | undefined,
  elements: ElementSet,
): DutyRef[] {
  return view
    .out(owner, 'IMPOSES')
    .filter((edge) => {
      const concerns = view.out(edge.target, 'APPLIES_TO');
      const holders = concerns.filter((e) => e.role !== 'recipient').map((e) => e.target);
      const recipients = concerns.filter((e) => e.role === 'recipient').map((e) => e.target);
      if (holders.length && !holders.some((id) => holderChain.has(id))) return false;
      return !recipients.length || (targetChain !== undefined && recipients.some((id) => targetChain.has(id)));
    })
    .map((edge) => {
      elements.add(edge);
      return dutyRef(view.node(edge.target)!);
    })
    .sort(byId);
}

function dutyRef(node: GraphNode): DutyRef {
  const act = node.type === 'Duty' ? node.act : undefined;
  const binds = node.type === 'Duty' && node.binds;
  return { ...ref(node), summary: node.summary, kind: (node.type === 'Duty' && node.kind) || 'duty', ...(act && { act }), ...(binds && { binds }) };
}

const NOTHING_STATED: Stated = new Map();

/**
 * Every route by which `professionId` may or must reveal, towards `recipientId`
 * if given (one route per exception), else towards every recipient the
 * exceptions name (one route per exception and named recipient).
 */
export interface RouteOptions {
  /** every route whatever the situation (the disclosure map): also those of a situation of their own (seizure…) */
  everySituation?: boolean;
}

export function buildRouteCandidates(
  view: GraphView,
  professionId: string,
  recipientId?: string,
  situationId?: string,
  options: RouteOptions = {},
): RouteCandidates {
  const profession = view.node(professionId);
  if (profession?.type !== 'Profession') throw new NotFoundError('profession', professionId, 'Profession');
  const recipientNode = recipientId === undefined ? undefined : view.node(recipientId);
  if (recipientId !== undefined && recipientNode?.type !== 'Recipient' && recipientNode?.type !== 'Profession') {
    throw new NotFoundError('recipient', recipientId, 'Recipient or Profession');
  }
  const kind = situationId === undefined ? undefined : view.node(situationId);
  if (situationId !== undefined && kind?.type !== 'SituationKind') throw new NotFoundError('situation', situationId, 'SituationKind');
  // A kind of situation puts some rules in play: the others are no route in it (a duty binding everyone stays).
  const involved = kind && new Set(view.out(kind.id, 'INVOLVES').map((e) => e.target));
  const inPlay = (id: string) =>
    involved ? involved.has(id) : options.everySituation || view.node(id)?.type !== 'Exception' || !(view.node(id) as NodeOf<'Exception'>).ownSituation;
  const holderChain = isAChain(view, professionId);
  const recipientChain = recipientId === undefined ? undefined : isAChain(view, recipientId, true);
  const status = recipientId === undefined ? undefined : recipientStatus(view, recipientId, recipientChain);
  const statusOfTarget = new Map<string, { chain: Map<string, GraphEdge[]>; stated: Stated }>();
  const targetOf = (id: string) => {
    if (!statusOfTarget.has(id)) {
      const chain = isAChain(view, id, true);
      statusOfTarget.set(id, { chain, stated: statedFacts(recipientStatus(view, id, chain)) });
    }
    return statusOfTarget.get(id)!;
  };
  const recipientStated = statedFacts(status);

  // Every exception that applies to the person; those of the kind asked are the routes.
  const applicable = new Map<string, GraphEdge>();
  for (const ancestor of holderChain.keys()) {
    for (const edge of view.in(ancestor, 'APPLIES_TO')) {
      if (view.node(edge.source)?.type !== 'Exception') continue;
      const known = applicable.get(edge.source);
      if (!known || holderChain.get(edge.target)!.length < holderChain.get(known.target)!.length) applicable.set(edge.source, edge);
    }
  }
  const exceptions = new Map([...applicable].filter(([id]) => inPlay(id)));

  const routes: RouteCandidate[] = [];
  const reached = new Set<string>();
  for (const exceptionId of [...exceptions.keys()].sort()) {
    const exception = view.node(exceptionId) as NodeOf<'Exception'>;
    const appliesEdge = exceptions.get(exceptionId)!;
    const targetEdges = [...view.out(exceptionId, 'PERMITS_DISCLOSURE_TO'), ...view.out(exceptionId, 'REQUIRES_DISCLOSURE_TO')].sort((a, b) =>
      a.target < b.target ? -1 : 1,
    );
    const named =
      recipientChain &&
      targetEdges.find(
        (e) =>
          e.target ===
          closest(
            targetEdges.map((t) => t.target),
            recipientChain,
          ),
      );
    // Not named, the recipient may still play a role the exception names (be the mandant), if it can: a fact of the situation.
    const role = recipientChain && !named ? targetEdges.find((e) => playsRole(view, view.node(e.target), recipientChain)) : undefined;
    const chosen = recipientChain ? [named ?? role].filter((e) => e !== undefined) : targetEdges;
    for (const targetEdge of chosen) {
      reached.add(exceptionId);
      const elements = new ElementSet().node(professionId).add(...holderChain.get(appliesEdge.target)!, appliesEdge, targetEdge);
      if (recipientChain && targetEdge !== role) elements.add(...recipientChain.get(targetEdge.target)!);
      if (targetEdge === role) elements.node(recipientId!);
      const derogatesFrom = view.out(exceptionId, 'DEROGATES_FROM').flatMap((e) => {
        elements.add(e);
        const base = sourceRef(view, e.target);
        return base ? [base] : [];
      });
      // The recipient asked states its own status; with none asked, each recipient the route names does.
      const { chain: targetChain, stated } = recipientChain ? { chain: recipientChain, stated: recipientStated } : targetOf(targetEdge.target);
      const limits = limitsOn(view, 'RESTRICTS', exceptionId, holderChain, targetChain, stated, elements);
      const qualifications = limitsOn(view, 'QUALIFIES', exceptionId, holderChain, targetChain, stated, elements);
      const act = exception.act ?? 'tell';
      routes.push({
        exception: {
          ...ref(exception),
          summary: exception.summary,
          effect: exception.effect,
          act,
          ...(act === 'undergo_seizure' && { measure: 'seizure' as const }),
        },
        ...(exception.outsideConfidence ? { outsideConfidence: true } : {}),
        target: ref(view.node(targetEdge.target)!),
        sources: sourcesOf(view, exceptionId, elements),
        derogatesFrom: derogatesFrom.sort(byId),
        requirements: [
          ...requirementsOf(view, exceptionId, elements, stated),
          ...(targetEdge === role ? [roleCondition(view.node(role.target) as NodeOf<'Recipient'>)] : []),
        ],
        limits,
        qualifications,
        duties: dutiesOf(view, exceptionId, holderChain, targetChain, elements),
        elements: elements.toJSON(),
      });
    }
  }

  // A limit that names the recipient explains why no route reaches it, whatever the kind asked (§5.1, property 10).
  const recipientLimits: LimitCandidate[] = [];
  if (recipientChain) {
    for (const exceptionId of [...applicable.keys()].sort()) {
      if (reached.has(exceptionId)) continue;
      for (const edge of view.in(exceptionId, 'RESTRICTS').toSorted((a, b) => (a.source < b.source ? -1 : 1))) {
        const named = view.out(edge.source, 'APPLIES_TO').some((e) => e.role === 'recipient' && recipientChain.has(e.target));
        const limitElements = new ElementSet().add(edge);
        if (!named || !limitConcerns(view, edge.source, holderChain, recipientChain, limitElements)) continue;
        const candidate = limitCandidate(view, edge.source, exceptionId, limitElements, recipientStated, edge.act);
        if (candidate && !recipientLimits.some((l) => l.limit.id === candidate.limit.id))
          recipientLimits.push({
            ...candidate,
            restrictsAct: (view.node(exceptionId) as NodeOf<'Exception'>).act ?? 'tell',
            restrictsInPlay: inPlay(exceptionId),
            ...(involved?.has(candidate.limit.id) && { involved: true }),
          });
      }
    }
  }

  const standaloneDuties: DutyCandidate[] = [];
  const seenDuties = new Set<string>();
  for (const ancestor of [...holderChain.keys()].sort()) {
    for (const edge of view.in(ancestor, 'APPLIES_TO').toSorted((a, b) => (a.source < b.source ? -1 : 1))) {
      const duty = view.node(edge.source);
      // A duty that applies to the person with its own conditions stands on its own, whether or not a route also imposes it (§5.1, property 5).
      if (edge.role === 'recipient' || duty?.type !== 'Duty' || seenDuties.has(duty.id) || !(inPlay(duty.id) || duty.trigger)) continue;
      seenDuties.add(duty.id);
      const elements = new ElementSet().node(professionId).add(...holderChain.get(ancestor)!, edge);
      // A duty that binds to secrecy does not bind within the circle the secret was shared in (the consultation itself).
      const within = recipientChain !== undefined && (duty.bindsWithin ?? []).some((id) => recipientChain.has(id));
      const { binds: _binds, ...unbound } = dutyRef(duty);
      standaloneDuties.push({
        duty: within ? unbound : dutyRef(duty),
        trigger: duty.trigger,
        ...(involved?.has(duty.id) && { involved: true }),
        qualifications: limitsOn(view, 'QUALIFIES', duty.id, holderChain, recipientChain ?? new Map(), recipientStated, elements),
        sources: sourcesOf(view, duty.id, elements),
        requirements: requirementsOf(view, duty.id, elements),
        elements: elements.toJSON(),
      });
    }
  }

  const sortedRoutes = routes.sort((a, b) => byId(a.exception, b.exception) || byId(a.target, b.target));
  const doubtful = [
    ...holderChain.keys(),
    ...(recipientId ? [recipientId, ...(status?.names.map((n) => n.id) ?? [])] : []),
    ...sortedRoutes.flatMap((r) => [r.exception.id, ...r.limits.map((l) => l.limit.id), ...r.qualifications.map((l) => l.limit.id)]),
    ...recipientLimits.map((l) => l.limit.id),
  ];
  const doubts = [...new Set(doubtful)]
    .map((id) => view.node(id))
    .filter((n): n is GraphNode & { doubt: string } => typeof n?.doubt === 'string')
    .map((n) => ({ id: n.id, label: n.label, doubt: n.doubt }));

  return {
    profession: profession as NodeOf<'Profession'>,
    recipient: recipientNode ? ref(recipientNode) : undefined,
    situation: kind?.type === 'SituationKind' ? { ...ref(kind), facts: kind.facts } : undefined,
    doubts,
    routes: sortedRoutes,
    ...(status && { recipientStatus: status }),
    ...(kind?.type === 'SituationKind' && kind.act && { act: kind.act }),
    standaloneDuties: standaloneDuties.sort((a, b) => byId(a.duty, b.duty)),
    recipientLimits,
  };
}
