// A reform as OpenFisca writes one: a small list of changes whose `apply`
// builds a modified copy of the reference system — here a GraphView laid over
// the view a store handed over. Nothing is written anywhere: the same route
// finding and assessment then run on either view, and comparing them is the
// whole analysis (server/domain/impact.ts).
import { edgeId, RELATION_TYPES, type GraphEdge, type GraphNode, type NodeOf, type RelationType } from '../schema/graph.ts';
import type { GraphView } from '../schema/graphView.ts';
import { InvalidInputError, NotFoundError } from '../schema/errors.ts';
import type { ReformChange } from '../schema/impact.ts';

export type { ReformChange };

/** A view with some nodes and edges taken away, some added and some nodes changed. */
export class ReformedView implements GraphView {
  private readonly removedNodes = new Set<string>();
  private readonly removedEdges = new Set<string>();
  private readonly patched = new Map<string, GraphNode>();
  private readonly addedOut = new Map<string, GraphEdge[]>();
  private readonly addedIn = new Map<string, GraphEdge[]>();
  /** nodes added by this layer, so the whole reformed graph can be listed (validation) */
  readonly addedNodes: string[] = [];

  constructor(readonly base: GraphView) {}

  node(id: string): GraphNode | undefined {
    if (this.removedNodes.has(id)) return undefined;
    return this.patched.get(id) ?? this.base.node(id);
  }
  out(id: string, type: RelationType): readonly GraphEdge[] {
    return this.edges(this.base.out(id, type), this.addedOut.get(`${id}|${type}`));
  }
  in(id: string, type: RelationType): readonly GraphEdge[] {
    return this.edges(this.base.in(id, type), this.addedIn.get(`${id}|${type}`));
  }

  private edges(base: readonly GraphEdge[], added: GraphEdge[] | undefined): readonly GraphEdge[] {
    if (!this.removedNodes.size && !this.removedEdges.size && !added) return base;
    const kept = base.filter((e) => !this.removedEdges.has(e.id) && !this.removedNodes.has(e.source) && !this.removedNodes.has(e.target));
    return added ? [...kept, ...added.filter((e) => !this.removedEdges.has(e.id))] : kept;
  }

  removeNode(id: string): void {
    this.removedNodes.add(id);
  }
  removeEdge(edge: GraphEdge): void {
    this.removedEdges.add(edge.id);
  }
  setNode(node: GraphNode): void {
    this.patched.set(node.id, node);
    this.removedNodes.delete(node.id);
    if (!this.base.node(node.id)) this.addedNodes.push(node.id);
  }
  addEdge(type: RelationType, source: string, target: string): void {
    const edge: GraphEdge = { id: edgeId(type, source, target), type, source, target };
    if (this.out(source, type).some((e) => e.target === target)) return;
    this.removedEdges.delete(edge.id);
    for (const [map, key] of [
      [this.addedOut, `${source}|${type}`],
      [this.addedIn, `${target}|${type}`],
    ] as const) {
      const list = map.get(key) ?? [];
      list.push(edge);
      map.set(key, list);
    }
  }
}

export interface AppliedReform {
  view: GraphView;
  /** ids of every node the reform removed, added or changed, or whose relations it changed */
  changed: Set<string>;
  /** nodes the reform added (new conditions) */
  added: string[];
}

export interface ApplyOptions {
  /**
   * The view is the part of the graph a store selected for one question: a
   * change naming an id it does not hold concerns another part and changes
   * nothing here. Without it, an unknown id is an error.
   */
  partialView?: boolean;
}

/** Apply the changes in order, each to the view the previous one left. `facts` is the fact vocabulary (an added condition must read a known fact). */
export function applyReform(base: GraphView, changes: readonly ReformChange[], facts: ReadonlySet<string>, options: ApplyOptions = {}): AppliedReform {
  if (options.partialView) changes = changes.filter((change) => !unknownIds(base, [change]).length);
  else checkIds(base, changes);
  const changed = new Set<string>();
  const added: string[] = [];
  let view: GraphView = base;
  changes.forEach((change, i) => {
    const layer = new ReformedView(view);
    applyChange(layer, change, `changes.${i}`, facts, changed);
    added.push(...layer.addedNodes);
    view = layer;
  });
  return { view, changed, added };
}

/** Every id a change names that the graph does not hold, with the field that names it. */
export function unknownIds(view: GraphView, changes: readonly ReformChange[]): { field: string; id: string }[] {
  return changes.flatMap((change, i) =>
    Object.entries(change)
      .filter(([key, value]) => ['id', 'exception', 'condition', 'recipient'].includes(key) && typeof value === 'string')
      // The id of a condition to add is new by definition.
      .filter(([key]) => !(change.kind === 'addCondition' && key === 'id'))
      .filter(([, value]) => !view.node(value as string))
      .map(([key, value]) => ({ field: `changes.${i}.${key}`, id: value as string })),
  );
}

function checkIds(view: GraphView, changes: readonly ReformChange[]): void {
  const unknown = unknownIds(view, changes);
  if (!unknown.length) return;
  const error = new NotFoundError(unknown[0].field, unknown[0].id);
  error.message = unknown.map((u) => `${u.field}: no node with id "${u.id}"`).join('; ');
  throw error;
}

function exceptionAt(view: GraphView, id: string, field: string): NodeOf<'Exception'> {
  const node = view.node(id);
  if (node?.type !== 'Exception') throw new InvalidInputError(field, `"${id}" is ${node ? `a ${node.type}` : 'no longer in the graph'}, not an Exception`);
  return node;
}

/** A requirement node and everything it requires, depth first. */
function requirementTree(view: GraphView, id: string): string[] {
  return [id, ...view.out(id, 'REQUIRES').flatMap((e) => requirementTree(view, e.target))];
}

/**
 * Remove a rule and what belongs to it alone: the conditions written under it
 * (their ids derive from it), and a limit that no text establishes and that
 * restricted only this route (it exists only as this route's limit).
 */
function removeRule(layer: ReformedView, id: string, changed: Set<string>): void {
  const limits = layer.in(id, 'RESTRICTS').map((e) => e.source);
  for (const owned of [id, ...layer.out(id, 'REQUIRES').flatMap((e) => requirementTree(layer, e.target))]) {
    layer.removeNode(owned);
    changed.add(owned);
  }
  for (const limit of limits) {
    if (layer.node(limit) && !layer.out(limit, 'RESTRICTS').length && !layer.in(limit, 'ESTABLISHES').length) removeRule(layer, limit, changed);
  }
}

/**
 * A route towards a role (the mandant) reaches the recipients that may play it
 * (their `roles`): an answer towards one of them touches the role (impact.ts),
 * so marking the role marks them.
 */
function markRole(view: GraphView, id: string, changed: Set<string>): void {
  const node = view.node(id);
  if (node?.type === 'Recipient' && node.roleFact) changed.add(node.id);
}

const DISCLOSURE: Record<'permits' | 'requires', RelationType> = { permits: 'PERMITS_DISCLOSURE_TO', requires: 'REQUIRES_DISCLOSURE_TO' };

function applyChange(layer: ReformedView, change: ReformChange, at: string, facts: ReadonlySet<string>, changed: Set<string>): void {
  switch (change.kind) {
    case 'repeal': {
      const node = layer.node(change.id)!;
      if (node.type === 'Provision' || node.type === 'CaseLaw') {
        // The text stays (it is cited and pinned); it establishes nothing any more, and what it alone established goes.
        changed.add(node.id);
        for (const edge of layer.out(node.id, 'ESTABLISHES')) {
          layer.removeEdge(edge);
          changed.add(edge.target);
          if (!layer.in(edge.target, 'ESTABLISHES').length) removeRule(layer, edge.target, changed);
        }
      } else if (node.type === 'Exception' || node.type === 'Limit' || node.type === 'Duty') {
        removeRule(layer, node.id, changed);
      } else {
        throw new InvalidInputError(`${at}.id`, `a ${node.type} cannot be repealed: name a Provision, CaseLaw, Exception, Limit or Duty`);
      }
      return;
    }
    case 'addCondition': {
      const exception = exceptionAt(layer, change.exception, `${at}.exception`);
      if (!facts.has(change.fact)) throw new InvalidInputError(`${at}.fact`, `unknown fact "${change.fact}" (see GET /api/facts)`);
      const id = change.id ?? `${exception.id}--${change.fact.replaceAll('_', '-')}`;
      if (layer.node(id)) throw new InvalidInputError(`${at}.id`, `"${id}" already exists: give the new condition another id`);
      layer.setNode({
        id,
        type: 'Condition',
        label: change.label ?? `${change.fact} : ${change.expected ? 'oui' : 'non'} (réforme)`,
        fact: change.fact,
        expected: change.expected,
        citations: exception.citations,
      });
      layer.addEdge('REQUIRES', exception.id, id);
      changed.add(exception.id).add(id);
      return;
    }
    case 'removeCondition': {
      const exception = exceptionAt(layer, change.exception, `${at}.exception`);
      const tree = layer.out(exception.id, 'REQUIRES').flatMap((e) => requirementTree(layer, e.target));
      if (!tree.includes(change.condition)) {
        throw new InvalidInputError(`${at}.condition`, `"${change.condition}" is not a condition of ${exception.id}`);
      }
      for (const id of requirementTree(layer, change.condition)) {
        layer.removeNode(id);
        changed.add(id);
      }
      changed.add(exception.id);
      return;
    }
    case 'setEffect': {
      const exception = exceptionAt(layer, change.exception, `${at}.exception`);
      if (exception.effect === change.effect) return;
      layer.setNode({ ...exception, effect: change.effect });
      for (const edge of layer.out(exception.id, DISCLOSURE[exception.effect])) {
        layer.removeEdge(edge);
        layer.addEdge(DISCLOSURE[change.effect], exception.id, edge.target);
      }
      changed.add(exception.id);
      return;
    }
    case 'addRecipient': {
      const exception = exceptionAt(layer, change.exception, `${at}.exception`);
      const recipient = layer.node(change.recipient)!;
      if (recipient.type !== 'Recipient' && recipient.type !== 'Profession') {
        throw new InvalidInputError(`${at}.recipient`, `"${recipient.id}" is a ${recipient.type}, not a Recipient or a Profession`);
      }
      layer.addEdge(DISCLOSURE[exception.effect], exception.id, recipient.id);
      changed.add(exception.id).add(recipient.id);
      markRole(layer, recipient.id, changed);
      return;
    }
    case 'removeRecipient': {
      const exception = exceptionAt(layer, change.exception, `${at}.exception`);
      const edges = [...layer.out(exception.id, 'PERMITS_DISCLOSURE_TO'), ...layer.out(exception.id, 'REQUIRES_DISCLOSURE_TO')].filter(
        (e) => e.target === change.recipient,
      );
      if (!edges.length) throw new InvalidInputError(`${at}.recipient`, `${exception.id} does not name "${change.recipient}" as a recipient`);
      for (const edge of edges) layer.removeEdge(edge);
      changed.add(exception.id).add(change.recipient);
      markRole(layer, change.recipient, changed);
      return;
    }
  }
}

/** The nodes and edges a view holds, given the ids it may hold: what validateGraph reads. */
export function listView(view: GraphView, ids: Iterable<string>): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = [...new Set(ids)].flatMap((id) => view.node(id) ?? []);
  const edges = nodes.flatMap((n) => RELATION_TYPES.flatMap((type) => view.out(n.id, type))).filter((e) => view.node(e.target));
  return { nodes, edges };
}
