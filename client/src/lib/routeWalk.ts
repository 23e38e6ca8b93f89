// A route told step by step, for the formation mode: start at the profession
// and walk the route's elements best first, visiting the article before the
// conditions, the conditions before the recipient and the duties last, so the
// walk reads like the brochure's reasoning. Each step says what it teaches in
// a sentence a trainee understands; a chain of IS_A links (the psychiatre is a
// médecin, who is dépositaire) is one step, never a bare hierarchy link.
import { capitalised, inSentence as lower, SEIZURE_YIELDS, textInSentence, ofText, toText } from './labels.ts';
import type { AssessedRoute, EdgeRef, EvaluatedRequirement, GraphNode, NodeType } from './types.ts';

type NodeLike = Pick<GraphNode, 'id' | 'label' | 'type'>;

export interface WalkStep {
  node: NodeLike;
  /** the relation that led here; absent for the first step */
  edge?: EdgeRef;
  /** further node and edge ids the step covers (a folded IS_A chain) */
  also: string[];
  sentence: string;
}

/** What the walk reads of the route: its elements and how its conditions, limits and duties stand. */
export type WalkedRoute = Pick<AssessedRoute, 'elements' | 'effect' | 'status' | 'conditions' | 'limits' | 'duties'> & {
  exception?: Pick<AssessedRoute['exception'], 'measure'>;
};

const ORDER: Partial<Record<NodeType, number>> = {
  Profession: 0,
  Exception: 1,
  Provision: 2,
  CaseLaw: 2,
  Instrument: 3,
  ConditionGroup: 4,
  Condition: 4,
  Limit: 5,
  Recipient: 6,
  Duty: 7,
};
const rank = (node: Pick<GraphNode, 'type'>) => ORDER[node.type] ?? 8;

/** The one who holds secrets by état or profession: where the profession hierarchy ends. */
const HOLDER = 'depositaire';

function requirementsById(items: EvaluatedRequirement[], into = new Map<string, EvaluatedRequirement>()): Map<string, EvaluatedRequirement> {
  for (const item of items) {
    into.set(item.id, item);
    if (item.kind === 'group') requirementsById(item.children, into);
  }
  return into;
}

/** The conditions that close a route, in words: its unmet conditions and the limits that hold. */
export function failingConditions(route: Pick<AssessedRoute, 'status' | 'conditions' | 'limits'>): string[] {
  if (route.status !== 'closed') return [];
  const unmet = (items: EvaluatedRequirement[]): string[] =>
    items.flatMap((c) =>
      c.status !== 'unmet' ? [] : c.kind === 'group' ? (c.mode === 'any' ? [c.children.map((x) => x.label).join(' ou ')] : unmet(c.children)) : [c.label],
    );
  return [...unmet(route.conditions), ...route.limits.filter((l) => l.status === 'holds').map((l) => `la limite « ${l.label} » s’applique`)];
}

/** « Procureur du Roi » → « procureur du Roi » inside a sentence; acronyms (SAJ, CPAS) and articles stay as they are. */

export function walkRoute(route: WalkedRoute, lookup: (id: string) => NodeLike | undefined, start?: string): WalkStep[] {
  const { elements } = route;
  const nodes = elements.nodes.map(lookup).filter((n): n is NodeLike => n !== undefined);
  const known = new Set(nodes.map((n) => n.id));
  const edges = elements.edges.filter((e) => known.has(e.source) && known.has(e.target));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const label = (id: string) => byId.get(id)!.label;
  const requirements = requirementsById([...route.conditions, ...route.limits.flatMap((l) => l.conditions)]);
  const limits = new Map(route.limits.map((l) => [l.id, l]));
  const duties = new Map(route.duties.map((d) => [d.id, d]));
  const must = route.effect === 'requires';
  const seizure = route.exception?.measure === 'seizure';

  function conditionSentence(id: string): string {
    const item = requirements.get(id);
    if (item?.kind === 'group') {
      const head = item.mode === 'any' ? 'Il suffit de l’une de ces conditions' : 'Il faut toutes ces conditions';
      return `${head} : ${item.children.map((c) => lower(c.label)).join(' ; ')}.`;
    }
    const state =
      item?.status === 'met'
        ? 'elle est remplie.'
        : item?.status === 'unmet'
          ? 'elle n’est pas remplie : c’est elle qui ferme la voie.'
          : 'on ne sait pas encore si elle est remplie.';
    return `Condition : ${lower(label(id))} — ${state}`;
  }

  function sentence(edge: EdgeRef): string {
    const [from, to] = [edge.source, edge.target];
    switch (edge.type) {
      case 'APPLIES_TO':
        return `La voie « ${label(from)} » s’adresse à : ${lower(label(to))}.`;
      case 'ESTABLISHES':
        return `Base légale de cette voie : ${label(from)}.`;
      case 'DEROGATES_FROM':
        return `Elle ${must ? 'oblige à' : 'permet de'} lever le secret que protège ${textInSentence(label(to))}.`;
      case 'PERMITS_DISCLOSURE_TO':
        return seizure
          ? `Si ses conditions sont remplies, ${SEIZURE_YIELDS} : ${lower(label(to))}.`
          : `Si ses conditions sont remplies, vous pouvez informer : ${lower(label(to))}.`;
      case 'REQUIRES_DISCLOSURE_TO':
        return `Si ses conditions sont remplies, vous devez informer : ${lower(label(to))}.`;
      case 'REQUIRES':
        return conditionSentence(to);
      case 'RESTRICTS': {
        const status = limits.get(from)?.status;
        const how = status === 'holds' ? 'elle s’applique ici et ferme la voie' : status === 'does_not_hold' ? 'elle ne s’applique pas ici' : 'à vérifier';
        return `Limite : ${lower(label(from))} — ${how}.`;
      }
      case 'IMPOSES':
        return `En passant par cette voie, vous ${duties.get(to)?.kind === 'faculty' ? 'pouvez' : 'devez'} : ${lower(label(to))}.`;
      case 'BOUND_BY':
        return `${label(from)} est tenu(e) au secret par ${textInSentence(label(to))}.`;
      case 'PART_OF':
        return `${capitalised(textInSentence(label(from)))} fait partie ${ofText(label(to))}.`;
      case 'REFERS_TO':
        return `${capitalised(textInSentence(label(from)))} renvoie ${toText(label(to))}.`;
      case 'IS_A':
        return `${label(from)} fait partie de la catégorie « ${lower(label(to))} » : ce que la voie prévoit pour cette catégorie vaut pour ${lower(label(from))}.`;
      default:
        return `${label(from)} → ${label(to)}.`;
    }
  }

  const steps: WalkStep[] = [];
  const seen = new Set<string>();

  /** The IS_A chain above a profession, folded into the step that reaches it. */
  function foldHierarchy(from: NodeLike): { also: string[]; text: string } | undefined {
    const chain: NodeLike[] = [];
    const also: string[] = [];
    let current = from;
    for (;;) {
      const up = edges.find((e) => e.type === 'IS_A' && e.source === current.id && !seen.has(e.target));
      if (!up) break;
      current = byId.get(up.target)!;
      seen.add(current.id);
      chain.push(current);
      also.push(current.id, up.id);
    }
    if (!chain.length) return undefined;
    const categories = chain.filter((n) => n.id !== HOLDER).map((n) => lower(n.label));
    const holder = chain.some((n) => n.id === HOLDER);
    const is = categories.length ? ` est ${categories.join(', donc ')}` : '';
    return { also, text: `${from.label}${is}${holder ? `${is ? ' : ' : ' est '}dépositaire du secret, l’art. 458 du Code pénal s’applique.` : '.'}` };
  }

  const visit = (from: NodeLike) => {
    const queue = [from];
    seen.add(from.id);
    const folded = from.type === 'Profession' ? foldHierarchy(from) : undefined;
    steps.push({
      node: from,
      also: folded?.also ?? [],
      sentence: folded?.text ?? (from.type === 'Profession' ? `Vous êtes : ${lower(from.label)}.` : from.label),
    });
    queue.push(...(folded?.also ?? []).filter((id) => byId.has(id)).map((id) => byId.get(id)!));
    // Best first: the next step is the unvisited neighbour of lowest rank of any node reached (the
    // earliest reached first, then by label), so that the conditions of a group come before the
    // recipient and the duties of its exception, however deep the group nests them.
    for (;;) {
      const next = queue
        .flatMap((current, reached) =>
          edges
            .filter((e) => e.source === current.id || e.target === current.id)
            .map((edge) => ({ edge, reached, node: byId.get(edge.source === current.id ? edge.target : edge.source)! })),
        )
        .filter(({ node }) => !seen.has(node.id))
        .sort((a, b) => rank(a.node) - rank(b.node) || a.reached - b.reached || a.node.label.localeCompare(b.node.label, 'fr'))[0];
      if (!next) break;
      const { edge, node } = next;
      seen.add(node.id);
      const hierarchy = node.type === 'Profession' && edge.type === 'IS_A' ? foldHierarchy(node) : undefined;
      steps.push({ node, edge, also: hierarchy?.also ?? [], sentence: hierarchy ? `${sentence(edge)} ${hierarchy.text}` : sentence(edge) });
      queue.push(node, ...(hierarchy?.also ?? []).filter((id) => byId.has(id)).map((id) => byId.get(id)!));
    }
  };
  const first = (start && byId.get(start)) || [...nodes].sort((a, b) => rank(a) - rank(b))[0];
  if (first) visit(first);
  for (const node of nodes) if (!seen.has(node.id)) visit(node);
  return steps;
}
