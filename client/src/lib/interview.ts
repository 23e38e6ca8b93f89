// The interview of Évaluer as plain functions over the API's answer: which
// questions to ask next and in which order, which of them to ask together,
// what each answer would give, and whom the verdict names. The law stays on
// the server; these only arrange what it answered.
import type { Answer, AskedFact, AssessedRoute, EvaluatedRequirement, FactGroup, SituationKind, Verdict } from './types.ts';

/** One step of the interview: a question alone, or the questions of one condition group asked together. */
export interface QuestionStep {
  key: string;
  group?: FactGroup;
  facts: AskedFact[];
}

/**
 * The questions still open, in the order that decides: the situation kind's
 * asking order first, then the server's ranking (most decisive first); the
 * questions of one condition group brought together where the first of them stands.
 */
export function questionSteps(answer: Answer, answered: Record<string, boolean>, kind: SituationKind | undefined): QuestionStep[] {
  const missing = new Map(answer.missingFacts.map((f) => [f.id, f]));
  // The server asks only what can still change the answer (not the other branch of a group already met).
  const asked = (id: string): AskedFact | undefined => (id in answered ? undefined : missing.get(id));
  const ordered = [...new Set([...(kind?.facts ?? []), ...missing.keys()])].map(asked).filter((f): f is AskedFact => f !== undefined);

  const steps: QuestionStep[] = [];
  const placed = new Set<string>();
  for (const fact of ordered) {
    if (placed.has(fact.id)) continue;
    const mates = fact.group ? ordered.filter((f) => f.group?.id === fact.group!.id) : [fact];
    for (const mate of mates) placed.add(mate.id);
    steps.push({ key: fact.group?.id ?? fact.id, group: mates.length > 1 ? fact.group : undefined, facts: mates });
  }
  return steps;
}

/** The questions an answer would add to those already on screen: « 2 questions de plus si vous répondez Oui ». */
export function hiddenQuestions(now: Answer, after: Answer | undefined, answered: Record<string, boolean>, fact: string): number {
  if (!after) return 0;
  const shown = new Set(now.missingFacts.map((f) => f.id));
  return after.missingFacts.filter((f) => f.id !== fact && !shown.has(f.id) && !(f.id in answered)).length;
}

export type RecipientGroupKey = 'must' | 'may' | 'undetermined' | 'silent' | 'free';

export const RECIPIENT_GROUPS: { key: RecipientGroupKey; title: string }[] = [
  { key: 'must', title: 'Vous devez informer' },
  { key: 'may', title: 'Vous pouvez informer' },
  { key: 'undetermined', title: 'À déterminer' },
  { key: 'silent', title: 'Vous devez vous taire' },
  { key: 'free', title: 'Le secret ne vous lie pas envers' },
];

const GROUP_OF_VERDICT: Record<Verdict, RecipientGroupKey> = {
  required: 'must',
  permitted: 'may',
  undetermined: 'undetermined',
  forbidden: 'silent',
  not_bound: 'free',
};

export interface NamedRecipient {
  id: string;
  label: string;
  /** permitted, possibly required: « peut-être obligatoire » */
  maybeRequired: boolean;
  /** what the obligation hangs on (pendingObligation) */
  obligation?: string;
}

/** « Permis, peut-être obligatoire »: permitted now, and some answer to the unknown facts would make it required. */
export function maybeRequired(answer: { verdict: Verdict; possibleVerdicts: Verdict[] }): boolean {
  return answer.verdict === 'permitted' && answer.possibleVerdicts.includes('required');
}

/** The conditions still unknown, by label (« l’une de » a group that any one of its conditions meets). */
function unknownConditions(items: EvaluatedRequirement[]): string[] {
  return items
    .filter((c) => c.status === 'unknown')
    .flatMap((c) =>
      c.kind === 'group' ? (c.mode === 'any' ? [`l’une de : ${unknownConditions(c.children).join(' ou ')}`] : unknownConditions(c.children)) : [c.label],
    );
}

/**
 * What « peut-être obligatoire » hangs on, said wherever it is: the obligations still undetermined (towards
 * `recipient`, or any), each by its unknown conditions and the articles it rests on — « si : « Informations
 * pouvant constituer des indices sérieux d’une infraction terroriste » (Art. 46bis/1 Code d’instruction criminelle) ».
 */
export function pendingObligation(answer: Pick<Answer, 'routes'>, recipient?: string): string | undefined {
  const pending = answer.routes.filter((r) => r.effect === 'requires' && r.status === 'undetermined' && (!recipient || r.recipient.id === recipient));
  const each = [
    ...new Set(
      pending.map((r) => {
        const unknown = unknownConditions(r.conditions);
        const articles = r.provisions.map((p) => p.label).join(', ');
        return `${unknown.length ? `« ${unknown.join(' » et « ')} »` : `la voie « ${r.exception.label} » s’applique`}${articles ? ` (${articles})` : ''}`;
      }),
    ),
  ];
  return each.length ? `si : ${each.join(', ou si : ')}` : undefined;
}

/** Whom the verdict names when no recipient was given, grouped by what the person must or may do. */
export function recipientsByVerdict(answer: Answer): { key: RecipientGroupKey; title: string; recipients: NamedRecipient[] }[] {
  const verdicts =
    answer.recipients ??
    // An older server gives no verdict per recipient: read it from the routes towards each.
    [...new Map(answer.routes.map((r) => [r.recipient.id, r.recipient])).values()].map((recipient) => {
      const towards = answer.routes.filter((r) => r.recipient.id === recipient.id);
      const open = (effect: 'permits' | 'requires') => towards.some((r) => r.status === 'open' && r.effect === effect);
      const verdict: Verdict = open('requires')
        ? 'required'
        : open('permits')
          ? 'permitted'
          : towards.some((r) => r.status === 'undetermined')
            ? 'undetermined'
            : 'forbidden';
      return { recipient, verdict, possibleVerdicts: [verdict] };
    });
  return RECIPIENT_GROUPS.map(({ key, title }) => ({
    key,
    title,
    recipients: verdicts
      .filter((v) => GROUP_OF_VERDICT[v.verdict] === key)
      .map((v) => ({
        id: v.recipient.id,
        label: v.recipient.label,
        maybeRequired: maybeRequired(v),
        obligation: maybeRequired(v) ? pendingObligation(answer, v.recipient.id) : undefined,
      }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
  })).filter((g) => g.recipients.length > 0);
}

/** The articles of the routes a fact can settle, for « Oui : permis (art. 458bis) ». */
export function articlesSettledBy(answer: Answer, fact: AskedFact): string[] {
  const routes = answer.routes.filter((r) => fact.settles.includes(r.exception.id));
  return [...new Set(routes.flatMap((r) => r.provisions.map((p) => p.label)))];
}

/** The route that decides a determined verdict: an open route of the verdict's effect. */
export function decidingOpenRoute(answer: Answer): AssessedRoute | undefined {
  const effect = answer.verdict === 'required' ? 'requires' : 'permits';
  return answer.routes.find((r) => r.status === 'open' && r.effect === effect) ?? answer.routes.find((r) => r.status === 'open');
}

export type LinkField = 'cas' | 'profession' | 'destinataire' | 'fait' | 'reponse';
export interface UnknownInLink {
  field: LinkField;
  id: string;
}

/** A shared link's ids checked against the graph: what is unknown is named and left out, the rest kept. */
export function checkLink(
  state: { kind?: string; profession?: string; recipient?: string; facts: Record<string, boolean>; unreadFacts?: string[] },
  known: { kinds: Set<string>; professions: Set<string>; recipients: Set<string>; facts: Set<string> },
): { kind?: string; profession?: string; recipient?: string; facts: Record<string, boolean>; unknown: UnknownInLink[] } {
  const unknown: UnknownInLink[] = [];
  const keep = (field: LinkField, id: string | undefined, set: Set<string>) => {
    if (id === undefined || set.has(id)) return id;
    unknown.push({ field, id });
    return undefined;
  };
  const kind = keep('cas', state.kind, known.kinds);
  const profession = keep('profession', state.profession, known.professions);
  const recipient = keep('destinataire', state.recipient, known.recipients);
  const facts = Object.fromEntries(Object.entries(state.facts).filter(([id]) => keep('fait', id, known.facts) !== undefined));
  for (const item of new Set(state.unreadFacts)) unknown.push({ field: 'reponse', id: item });
  return { kind, profession, recipient, facts, unknown };
}
