// « Et si… ? » (issue 27): a reform chosen on a node of the explorer, or by
// name, its URL form, its French name, and how its answer is read: route
// changes grouped by profession and recipient, the verdicts that change, and
// the marks it leaves on the graph. Pure: no request, no rune.
import { listInWords } from './labels.ts';
import type { GraphEdge, GraphNode, NodeType, ReformChangeInput, ReformResult, RouteChange, SituationChange, Verdict } from './types.ts';

/** One change made on a node, or a named reform of graph-data/reforms.yaml (GET /api/reforms). */
export type ReformChoice = { named: string } | { change: ReformChangeInput };

export interface NamedReformRef {
  id: string;
  label: string;
  changes: ReformChangeInput[];
}

const ID = /^[a-z0-9_-]{1,200}$/;
const FACT = /^[a-z0-9_]{1,200}$/;

/**
 * The URL form (`si=`), one change or a named reform, readable:
 *   abroger:cp-458bis · effet:exc-458bis:impose · sans-condition:exc:cond · condition:exc:fact:oui
 *   sans-destinataire:exc:rec · destinataire:exc:rec · reforme:avant-loi-2017-07-06
 */
export function formatReformParam(choice: ReformChoice | undefined): string | undefined {
  if (!choice) return undefined;
  if ('named' in choice) return `reforme:${choice.named}`;
  const c = choice.change;
  switch (c.kind) {
    case 'repeal':
      return `abroger:${c.id}`;
    case 'setEffect':
      return `effet:${c.exception}:${c.effect === 'requires' ? 'impose' : 'permet'}`;
    case 'removeCondition':
      return `sans-condition:${c.exception}:${c.condition}`;
    case 'addCondition':
      return `condition:${c.exception}:${c.fact}:${c.expected === false ? 'non' : 'oui'}`;
    case 'removeRecipient':
      return `sans-destinataire:${c.exception}:${c.recipient}`;
    case 'addRecipient':
      return `destinataire:${c.exception}:${c.recipient}`;
  }
}

export function parseReformParam(value: string | null | undefined): ReformChoice | undefined {
  if (!value) return undefined;
  const [verb, a, b, c, ...rest] = value.split(':');
  if (rest.length || !ID.test(a ?? '')) return undefined;
  const id = (x: string | undefined) => x !== undefined && ID.test(x);
  switch (verb) {
    case 'reforme':
      return b === undefined ? { named: a } : undefined;
    case 'abroger':
      return b === undefined ? { change: { kind: 'repeal', id: a } } : undefined;
    case 'effet':
      return (b === 'impose' || b === 'permet') && c === undefined
        ? { change: { kind: 'setEffect', exception: a, effect: b === 'impose' ? 'requires' : 'permits' } }
        : undefined;
    case 'sans-condition':
      return id(b) && c === undefined ? { change: { kind: 'removeCondition', exception: a, condition: b! } } : undefined;
    case 'condition':
      return FACT.test(b ?? '') && (c === 'oui' || c === 'non')
        ? { change: { kind: 'addCondition', exception: a, fact: b!, expected: c === 'oui' } }
        : undefined;
    case 'sans-destinataire':
      return id(b) && c === undefined ? { change: { kind: 'removeRecipient', exception: a, recipient: b! } } : undefined;
    case 'destinataire':
      return id(b) && c === undefined ? { change: { kind: 'addRecipient', exception: a, recipient: b! } } : undefined;
    default:
      return undefined;
  }
}

/** The body's changes: the change itself, or the named reform's (none while the list is not there). */
export function changesOf(choice: ReformChoice, named: readonly NamedReformRef[]): ReformChangeInput[] | undefined {
  return 'named' in choice ? named.find((r) => r.id === choice.named)?.changes : [choice.change];
}

/** The reform's name in French, from the labels of the nodes it names (never an id when a label is known). */
export function reformLabel(choice: ReformChoice, named: readonly NamedReformRef[], label: (id: string) => string, question: (fact: string) => string): string {
  if ('named' in choice) return named.find((r) => r.id === choice.named)?.label ?? 'Réforme nommée';
  const c = choice.change;
  switch (c.kind) {
    case 'repeal':
      return `Sans « ${label(c.id)} » (abrogation supposée)`;
    case 'setEffect':
      return `« ${label(c.exception)} » ${c.effect === 'requires' ? 'oblige' : 'permet seulement'} de révéler`;
    case 'removeCondition':
      return `« ${label(c.exception)} » sans la condition « ${label(c.condition)} »`;
    case 'addCondition':
      return `« ${label(c.exception)} » avec la condition « ${question(c.fact)} » : ${c.expected === false ? 'non' : 'oui'}`;
    case 'removeRecipient':
      return `« ${label(c.exception)} » sans le destinataire « ${label(c.recipient)} »`;
    case 'addRecipient':
      return `« ${label(c.exception)} » avec le destinataire « ${label(c.recipient)} »`;
  }
}

/** The changes a node of this type can be given (the named reforms are offered for every node). */
export type ChangeKind = ReformChangeInput['kind'];
export function changeKindsFor(type: NodeType): ChangeKind[] {
  if (type === 'Exception') return ['repeal', 'setEffect', 'removeCondition', 'addCondition', 'removeRecipient', 'addRecipient'];
  if (type === 'Provision' || type === 'CaseLaw' || type === 'Limit' || type === 'Duty') return ['repeal'];
  return [];
}

// ---------- reading the answer ----------

export interface RouteChangeRow {
  exception: string;
  change: RouteChange['change'];
  fields: RouteChange['fields'];
  /** the kinds of situation (null: no kind asked) in which the route changes so */
  kinds: (string | null)[];
  before?: RouteChange['before'];
  after?: RouteChange['after'];
}

export interface RecipientChanges {
  recipient: string;
  rows: RouteChangeRow[];
}

export interface ProfessionChanges {
  profession: string;
  recipients: RecipientChanges[];
}

/** The route changes by profession, then recipient; a route changed the same way in several kinds of situation is one row listing them. */
export function groupRouteChanges(routes: readonly RouteChange[]): ProfessionChanges[] {
  const professions = new Map<string, Map<string, Map<string, RouteChangeRow>>>();
  for (const r of routes) {
    const recipients = professions.get(r.profession) ?? new Map<string, Map<string, RouteChangeRow>>();
    professions.set(r.profession, recipients);
    const rows = recipients.get(r.recipient) ?? new Map<string, RouteChangeRow>();
    recipients.set(r.recipient, rows);
    const key = `${r.exception}|${r.change}|${r.fields.join(',')}`;
    const row = rows.get(key);
    if (row) {
      if (!row.kinds.includes(r.kind)) row.kinds.push(r.kind);
    } else rows.set(key, { exception: r.exception, change: r.change, fields: [...r.fields], kinds: [r.kind], before: r.before, after: r.after });
  }
  return [...professions].map(([profession, recipients]) => ({
    profession,
    recipients: [...recipients].map(([recipient, rows]) => ({ recipient, rows: [...rows.values()] })),
  }));
}

/** The situations whose verdict or possible verdicts change, worked examples first. */
export function changedSituations(situations: readonly SituationChange[]): SituationChange[] {
  return situations.filter((s) => s.changed).sort((a, b) => (a.source === b.source ? 0 : a.source === 'example' ? -1 : 1));
}

/** A verdict with its possibilities when it is not certain: « À déterminer (Permis ou Interdit) ». */
export function verdictText(state: { verdict: Verdict; possibleVerdicts: Verdict[] }, labels: Record<Verdict, { label: string }>): string {
  const main = labels[state.verdict].label;
  const others = state.possibleVerdicts.filter((v) => v !== state.verdict);
  return others.length && state.possibleVerdicts.length > 1 ? `${main} (${state.possibleVerdicts.map((v) => labels[v].label).join(' ou ')})` : main;
}

type VerdictState = { verdict: Verdict; possibleVerdicts: readonly Verdict[] };

/**
 * A verdict's change as a trainer reads it out to a room, never as a set: « Sans l’art. 3… : à déterminer,
 * au lieu de permis. Selon des faits encore inconnus, la réponse serait alors : obligatoire, permis ou interdit. » What unknown facts
 * leave open before is said too when it differs, since the verdict alone (« permis ») hides a possible obligation.
 */
export function verdictChangeSentence(subject: string, before: VerdictState, after: VerdictState, labels: Record<Verdict, { label: string }>): string {
  const word = (state: VerdictState) => labels[state.verdict].label.toLowerCase();
  const open = (state: VerdictState) =>
    state.possibleVerdicts.length > 1
      ? listInWords(
          state.possibleVerdicts.map((v) => labels[v].label.toLowerCase()),
          'ou',
        )
      : undefined;
  const sentences = [before.verdict === after.verdict ? `${subject} : toujours ${word(after)}.` : `${subject} : ${word(after)}, au lieu de ${word(before)}.`];
  // Said of the changed law first, then of the law as it stands (the re-check's NP3 read « aujourd'hui » as a second change).
  if (open(after)) sentences.push(`Selon des faits encore inconnus, la réponse serait alors : ${open(after)}.`);
  if (open(before) && open(before) !== open(after)) sentences.push(`Dans le droit tel qu’il est, selon ces mêmes faits : ${open(before)}.`);
  return sentences.join(' ');
}

/** The routes a reform takes away, each once with the recipients it reached (a route lost in several kinds of situation is one). */
export function lostRoutes(routes: readonly RouteChange[]): { exception: string; recipients: string[] }[] {
  const byException = new Map<string, string[]>();
  for (const r of routes) {
    if (r.change !== 'lost') continue;
    const recipients = byException.get(r.exception) ?? [];
    byException.set(r.exception, recipients);
    if (!recipients.includes(r.recipient)) recipients.push(r.recipient);
  }
  return [...byException].map(([exception, recipients]) => ({ exception, recipients }));
}

// ---------- on the graph ----------

export type ReformMark = 'lost' | 'gained' | 'changed';

export interface ReformOverlay {
  /** nodes the reform's routes name, to be drawn */
  nodes: string[];
  /** relations the reform creates (a recipient added, an effect switched): not in the graph as it is */
  newEdges: GraphEdge[];
  marks: Map<string, ReformMark>;
}

const DISCLOSURE = { permits: 'PERMITS_DISCLOSURE_TO', requires: 'REQUIRES_DISCLOSURE_TO' } as const;
/** The graph's edge ids (server/schema/graph.ts edgeId). */
export const edgeKey = (type: GraphEdge['type'], source: string, target: string) => `${source}-[${type}]->${target}`;
/** Node types a reform takes away when it names them among its changed nodes (a text stays; a recipient stays). */
const REMOVABLE: ReadonlySet<NodeType> = new Set(['Exception', 'Condition', 'ConditionGroup', 'Limit', 'Duty']);

/**
 * What the reform does to the graph: lost routes (their exception, the
 * relations to the recipient and from the texts, the conditions that go) and
 * the repealed text marked lost; gained routes marked gained; a route changed
 * in place marked changed (a switched effect: the old relation lost, the new gained).
 * `known` gives the node's type (the catalogue); `edges` the relations the client knows.
 */
export function reformOverlay(
  result: Pick<ReformResult, 'routes' | 'changedNodes' | 'changes'>,
  known: (id: string) => GraphNode | undefined,
  edges: Iterable<GraphEdge>,
): ReformOverlay {
  const marks = new Map<string, ReformMark>();
  const nodes = new Set<string>();
  const newEdges = new Map<string, GraphEdge>();
  const mark = (id: string, kind: ReformMark) => {
    const was = marks.get(id);
    marks.set(id, was && was !== kind ? 'changed' : kind);
  };
  const changed = new Set(result.changedNodes);
  const repealed = new Set(result.changes.flatMap((c) => (c.kind === 'repeal' ? [c.id] : [])));
  const removedPairs = new Set(result.changes.flatMap((c) => (c.kind === 'removeRecipient' ? [`${c.exception}>${c.recipient}`] : [])));
  const gainEdge = (r: RouteChange) => {
    const id = edgeKey(DISCLOSURE[r.after!.effect], r.exception, r.recipient);
    mark(id, 'gained');
    newEdges.set(id, { id, type: DISCLOSURE[r.after!.effect], source: r.exception, target: r.recipient });
  };
  for (const r of result.routes) {
    nodes.add(r.exception).add(r.recipient);
    for (const p of (r.before ?? r.after!).provisions) nodes.add(p);
    if (r.change === 'lost') {
      // A route is lost when its exception goes, or when the recipient is taken from it (the exception stays).
      if (!removedPairs.has(`${r.exception}>${r.recipient}`)) mark(r.exception, 'lost');
      mark(edgeKey(DISCLOSURE[r.before!.effect], r.exception, r.recipient), 'lost');
    } else if (r.change === 'gained') {
      mark(r.exception, 'gained');
      gainEdge(r);
    } else {
      mark(r.exception, 'changed');
      if (r.fields.includes('effect')) {
        mark(edgeKey(DISCLOSURE[r.before!.effect], r.exception, r.recipient), 'lost');
        gainEdge(r);
      }
    }
  }
  // Limits and duties a route had before and no route has after.
  const ids = (list: string[] | undefined) => (list ?? []).map((l) => l.split(' ')[0]);
  const before = new Set(result.routes.flatMap((r) => [...ids(r.before?.limits), ...ids(r.before?.duties)]));
  const after = new Set(result.routes.flatMap((r) => [...ids(r.after?.limits), ...ids(r.after?.duties)]));
  for (const id of changed) {
    const type = known(id)?.type;
    const text = type === 'Provision' || type === 'CaseLaw';
    const rule = type === 'Limit' || type === 'Duty';
    // Conditions are in the changed nodes only when they go (a condition added is not in the graph yet).
    if ((text && repealed.has(id)) || type === 'Condition' || type === 'ConditionGroup' || (rule && (repealed.has(id) || (before.has(id) && !after.has(id))))) {
      nodes.add(id);
      mark(id, 'lost');
    }
  }
  // A relation that leaves or reaches a removed node goes with it; so does a repealed text's ESTABLISHES.
  const gone = (id: string) => marks.get(id) === 'lost' && REMOVABLE.has(known(id)?.type as NodeType);
  for (const e of edges) {
    if (marks.has(e.id)) continue;
    if (gone(e.source) || gone(e.target) || (e.type === 'ESTABLISHES' && repealed.has(e.source) && marks.get(e.target) === 'lost')) marks.set(e.id, 'lost');
  }
  return { nodes: [...nodes].filter((id) => known(id)), newEdges: [...newEdges.values()], marks };
}
