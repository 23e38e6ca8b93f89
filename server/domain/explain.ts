// The French explanation of an assessment, as data: the verdict in one
// sentence, then steps — each route that decides it, article by article, the
// routes still open, what closed them, duties, what to check next. The CLI
// and the client render it; `explanationText` gives it as paragraphs.
import type { Act, Verdict } from '../schema/graph.ts';
import type { AssessedRoute, Assessment, EvaluatedRequirement, Explanation, ExplanationStep, SourceRef } from '../schema/api.ts';
import type { RouteCandidate, RouteCandidates } from './routes.ts';
import type { ReformChange } from './reform.ts';
import type { AsOf } from '../schema/impact.ts';
import { ACT_LABELS } from './words.ts';

export const VERDICT_LABELS: Record<Verdict, string> = {
  required: 'Obligatoire',
  permitted: 'Permis',
  forbidden: 'Interdit',
  undetermined: 'À déterminer',
  not_bound: 'Pas tenu au secret',
};

/** The act in French, as a verb phrase (« informer », « témoigner »…). */
const ACT_PHRASES: Record<Act, string> = {
  tell: 'communiquer l’information',
  testify: 'témoigner',
  hand_over: 'remettre ce document',
  undergo_seizure: 'laisser saisir le dossier',
  report_to_mandant: 'transmettre au mandant les informations pertinentes',
};

/** « à : X », or with no recipient asked, the recipients towards which the verdict holds. */
function towards(assessment: Pick<Assessment, 'recipient' | 'recipients' | 'verdict'>, preposition = 'à'): string {
  if (assessment.recipient) return ` ${preposition} : ${assessment.recipient.label}`;
  const named = (assessment.recipients ?? []).filter((r) => r.verdict === assessment.verdict).map((r) => r.recipient.label);
  return named.length ? ` ${preposition} : ${named.join(', ')}` : '';
}

/** Whether the routes that decide rest on a text (an article), not only on case law or the brochure's reading. */
function restsOnText(routes: AssessedRoute[]): boolean {
  return routes.some((r) => r.provisions.some((p) => p.type === 'Provision'));
}

function headline(assessment: Unexplained): string {
  const { verdict, profession, act } = assessment;
  const open = assessment.routes.filter((r) => r.status === 'open');
  switch (verdict) {
    case 'required': {
      const deciding = open.filter((r) => r.effect === 'requires');
      const what = act === 'report_to_mandant' ? ACT_PHRASES.report_to_mandant : ACT_PHRASES[act === 'testify' ? 'tell' : act];
      return restsOnText(deciding)
        ? `Obligatoire : la loi vous oblige à ${what}${towards(assessment)}.`
        : `Obligatoire : vous devez ${what}${towards(assessment)} — la brochure ne cite pas de texte pour cette règle (${deciding.map((r) => r.exception.label).join(' ; ')}).`;
    }
    case 'permitted':
      if (act === 'undergo_seizure')
        return `Le secret ne s’oppose pas à la saisie ni à la perquisition : vous ne pouvez pas vous y opposer${
          assessment.guarantees.length ? ` ; garanties : ${assessment.guarantees.map((g) => g.label).join(' ; ')}` : ''
        }.`;
      if (assessment.possibleVerdicts.includes('required'))
        return `Permis, peut-être obligatoire : vous pouvez ${ACT_PHRASES[act]}${towards(assessment)} ; une obligation dépend encore de faits inconnus (${pendingObligations(assessment)}).`;
      if (act === 'testify')
        return `Permis : vous pouvez parler${towards(assessment, 'devant')}, sans y être obligé(e) : après avoir comparu et prêté serment, vous restez libre de répondre ou d’invoquer le secret.`;
      return `Permis : vous pouvez ${ACT_PHRASES[act]}${towards(assessment)}, sans y être obligé(e) ; c’est à vous d’apprécier.`;
    case 'forbidden':
      if (act === 'undergo_seizure')
        return 'Interdit : le secret professionnel s’oppose ici à la saisie et à la perquisition (art. 458 du Code pénal et la jurisprudence que cite la brochure).';
      // Not bound by profession, bound here by what one took part in (art. 458ter).
      if (!profession.bound) {
        const binding = assessment.duties.filter((d) => d.binds && d.status === 'applies').map((d) => d.label);
        if (binding.length)
          return `Interdit : ${binding.join(' ; ')} — ce que vous y avez appris reste secret ; aucune exception légale ne s’ouvre ici${towards(assessment)}.`;
      }
      return `Interdit : le secret professionnel s’impose (art. 458 du Code pénal) ; aucune exception légale ne s’ouvre ici${towards(assessment)}.`;
    case 'undetermined':
      return 'À déterminer : la réponse dépend de faits encore inconnus (voir les questions ci-dessous).';
    case 'not_bound': {
      const base = profession.bound
        ? 'Pas tenu au secret : l’information n’a pas été reçue dans un cadre professionnel — le secret couvre ce que le professionnel apprend en cette qualité, même hors du travail s’il est clairement identifié comme tel (Cass. 20 février 1905).'
        : `Pas tenu au secret : en tant que « ${profession.label} », vous n’êtes pas soumis(e) au secret professionnel.`;
      return assessment.possibleVerdicts.includes('required')
        ? `${base} Une obligation peut toutefois s’appliquer à vous selon les faits (${pendingObligations(assessment)}).`
        : base;
    }
  }
}

const NECESSARY = 'strictly_necessary';

function closedOnlyByExcess(route: AssessedRoute): boolean {
  const flat = (items: EvaluatedRequirement[]): EvaluatedRequirement[] => items.flatMap((c) => (c.kind === 'group' ? flat(c.children) : [c]));
  const unmet = flat(route.conditions).filter((c) => c.status !== 'met');
  return (
    route.limits.every((l) => l.status !== 'holds') &&
    unmet.length === 1 &&
    unmet[0].kind === 'condition' &&
    unmet[0].fact === NECESSARY &&
    unmet[0].status === 'unmet'
  );
}

/** The obligations still possible: the requiring routes not yet settled, by their articles. */
function pendingObligations(assessment: Unexplained): string {
  const pending = assessment.routes.filter((r) => r.effect === 'requires' && r.status === 'undetermined');
  return [...new Set(pending.map((r) => r.exception.label))].join(' ; ') || 'voir les questions';
}

function citeSources(sources: SourceRef[]): string {
  return sources.map((s) => s.label).join(', ') || 'Principe général';
}

/** A condition, or a group in brackets: « [l’une de : ✓ a ou ? b] », so that cumulative conditions never read as alternatives. */
function conditionLine(condition: EvaluatedRequirement): string[] {
  if (condition.kind === 'group') {
    const inner = condition.children.flatMap(conditionLine);
    return [condition.mode === 'any' ? `[l’une de : ${inner.join(' ou ')}]` : `[toutes : ${inner.join(' et ')}]`];
  }
  const mark = condition.status === 'met' ? '✓' : condition.status === 'unmet' ? '✗' : '?';
  return [`${mark} ${condition.label}`];
}

/** What the route allows, towards whom: a seizure is suffered, not a disclosure the professional makes. */
export function routeAction(route: Pick<AssessedRoute, 'effect' | 'exception' | 'recipient'>): string {
  const must = route.effect === 'requires';
  switch (route.exception.act) {
    case 'undergo_seizure':
      return `le secret ne s’oppose pas à la saisie ni à la perquisition (${route.recipient.label})`;
    case 'testify':
      return `${must ? 'oblige à témoigner' : 'permet de témoigner'} devant : ${route.recipient.label}`;
    case 'report_to_mandant':
      return `${must ? 'oblige à transmettre' : 'permet de transmettre'} les informations pertinentes au mandant : ${route.recipient.label}`;
    default:
      return `${must ? 'oblige à informer' : 'permet d’informer'} : ${route.recipient.label}`;
  }
}

function routeParagraph(route: AssessedRoute): string {
  const lines = [`${citeSources(route.provisions)} : ${route.exception.label} — ${routeAction(route)}. ${route.exception.summary}`];
  const conditions = route.conditions.flatMap(conditionLine);
  if (conditions.length) lines.push(`Conditions${route.conditions.length > 1 ? ', toutes requises' : ''} : ${conditions.join(' ; ')}.`);
  for (const limit of route.limits) {
    const closes = limit.act ? `Ferme seulement « ${ACT_LABELS[limit.act].toLowerCase()} »` : 'Fermé par une limite';
    if (limit.status === 'holds') lines.push(`${closes} — ${citeSources(limit.sources)} : ${limit.label}.`);
    if (limit.status === 'undetermined') lines.push(`À vérifier — ${citeSources(limit.sources)} : ${limit.label}.`);
  }
  return lines.join(' ');
}

/** Every text an answer cites: its routes' articles, the secret they lift, their limits, the recipient's status, the duties it reports. */
export function citedSources(assessment: Unexplained, candidates?: Pick<RouteCandidates, 'standaloneDuties'>): SourceRef[] {
  const reported = new Set([...assessment.duties, ...assessment.faculties, ...assessment.guarantees, ...assessment.recommendations].map((d) => d.id));
  return [
    ...assessment.routes.flatMap((r) => [...r.provisions, ...r.derogatesFrom, ...[...r.limits, ...r.qualifications].flatMap((l) => l.sources)]),
    ...assessment.recipientLimits.flatMap((l) => l.sources),
    ...(assessment.recipient?.boundBy ?? []),
    ...(candidates?.standaloneDuties ?? []).filter((d) => reported.has(d.duty.id)).flatMap((d) => d.sources),
  ];
}

function replacementNote(sources: SourceRef[]): { text: string; articles: string[] } | undefined {
  const replaced = new Map<string, { label: string; by: string }>();
  // Every replaced text the answer cites, whatever the verdict (§5.1, property 9): art. 458 in every refusal, 422bis beside a person not bound.
  for (const source of sources) {
    if (source.status === 'replaced' && source.replacedBy.length)
      replaced.set(source.id, { label: source.label, by: source.replacedBy.map((r) => r.label).join(', ') });
  }
  if (!replaced.size) return undefined;
  const labels = [...new Set([...replaced.values()].map((r) => r.label))];
  const by = [...new Set([...replaced.values()].map((r) => r.by))];
  return {
    text: `Attention : ${labels.join(', ')} — numérotation de la brochure ; texte remplacé depuis par ${by.join(', ')}. Vérifiez l’article correspondant en vigueur.`,
    articles: [...replaced.keys()],
  };
}

type Unexplained = Omit<Assessment, 'explanation'>;

function routeStep(kind: 'route' | 'pending', route: AssessedRoute): ExplanationStep {
  const text = kind === 'pending' ? `Voie encore ouverte selon les faits — ${routeParagraph(route)}` : routeParagraph(route);
  return {
    kind,
    text,
    route: { exception: route.exception.id, recipient: route.recipient.id },
    articles: route.provisions.map((p) => p.id),
    conditions: route.conditions,
  };
}

const step = (kind: ExplanationStep['kind'], text: string, articles: string[] = []): ExplanationStep => ({ kind, text, articles, conditions: [] });

const dutyLine = (d: Assessment['duties'][number]) =>
  d.status === 'to_check' ? `${d.label} (à vérifier)` : d.status === 'lifted' ? `${d.label} (ne s’applique pas ici : une exemption est remplie)` : d.label;

export function explainAssessment(assessment: Unexplained, candidates?: Pick<RouteCandidates, 'standaloneDuties'>): Explanation {
  const applying = new Set(assessment.duties.filter((d) => d.status === 'applies').map((d) => d.id));
  const steps: ExplanationStep[] = [];
  const decisive = assessment.routes.filter((r) => r.status === 'open');
  const pending = assessment.routes.filter((r) => r.status === 'undetermined');
  for (const route of decisive) steps.push(routeStep('route', route));
  // A route still open matters only while the verdict may change: beside « permitted, possibly required », only the obligations.
  const listed =
    assessment.possibleVerdicts.length < 2
      ? []
      : assessment.verdict === 'permitted' || assessment.verdict === 'not_bound'
        ? pending.filter((r) => r.effect === 'requires')
        : pending;
  for (const route of listed) steps.push(routeStep('pending', route));
  if (assessment.verdict === 'forbidden' && assessment.routes.length) {
    const closed = assessment.routes.map((r) => `${citeSources(r.provisions)} (${r.exception.label})`).join(' ; ');
    steps.push(step('closed', `Voies examinées et fermées : ${closed}.`, [...new Set(assessment.routes.flatMap((r) => r.provisions.map((p) => p.id)))]));
    // What closed them: the limits that hold, with their reason.
    const closing = new Map(assessment.routes.flatMap((r) => r.limits.filter((l) => l.status === 'holds' && !l.act).map((l) => [l.id, l] as const)));
    for (const limit of closing.values())
      steps.push(
        step(
          'closed',
          `Fermé par une limite — ${citeSources(limit.sources)} : ${limit.label}. ${limit.summary}`,
          limit.sources.map((s) => s.id),
        ),
      );
    // Closed only because more than the strict necessary is asked: the necessary may still be given (example 11).
    for (const route of assessment.routes.filter(closedOnlyByExcess)) {
      steps.push(
        step(
          'closed',
          `Vous pouvez toutefois communiquer ce qui est strictement nécessaire : ${route.exception.label} (${citeSources(route.provisions)}) s’ouvre dans cette limite.`,
          route.provisions.map((p) => p.id),
        ),
      );
    }
  }
  // An act of its own (handing over a report) with its own verdict, beside the main one.
  for (const other of assessment.acts) {
    const limits = assessment.routes.flatMap((r) => r.limits).filter((l, i, all) => other.limits.includes(l.id) && all.findIndex((x) => x.id === l.id) === i);
    const reason = limits.map((l) => `${citeSources(l.sources)} : ${l.label}`).join(' ; ');
    steps.push(
      step(
        'act',
        `${ACT_LABELS[other.act]} : ${VERDICT_LABELS[other.verdict].toLowerCase()}${reason ? ` — ${reason}` : ''}.`,
        limits.flatMap((l) => l.sources.map((s) => s.id)),
      ),
    );
  }
  // A limit naming the recipient explains a refusal; beside a "may", a "must" or a person the secret does not bind it would only mislead.
  const refusing = assessment.verdict === 'forbidden' || assessment.verdict === 'undetermined';
  for (const limit of assessment.recipientLimits.filter((l) => refusing && !l.aside && l.status !== 'does_not_hold')) {
    steps.push(
      step(
        'recipient_limit',
        `${citeSources(limit.sources)} : ${limit.label}. ${limit.summary}`,
        limit.sources.map((s) => s.id),
      ),
    );
  }
  // What narrows a route the answer uses without closing it (what a case consultation may lead to).
  const qualifications = new Map(
    [
      ...[...decisive, ...listed].flatMap((r) => r.qualifications),
      ...(candidates?.standaloneDuties ?? [])
        .filter((d) => applying.has(d.duty.id))
        .flatMap((d) => d.qualifications.map((q) => ({ ...q.limit, status: 'holds' as const, sources: q.sources }))),
    ]
      .filter((q) => q.status !== 'does_not_hold')
      .map((q) => [q.id, q] as const),
  );
  for (const q of qualifications.values())
    steps.push(
      step(
        'qualification',
        `À savoir — ${citeSources(q.sources)} : ${q.label}. ${q.summary}`,
        q.sources.map((s) => s.id),
      ),
    );
  if (assessment.duties.length) steps.push(step('duties', `Devoirs : ${assessment.duties.map(dutyLine).join(' ; ')}.`));
  for (const doubt of assessment.doubts) steps.push(step('doubt', `Doute — ${doubt.label} : ${doubt.doubt}`, [doubt.id]));
  if (assessment.guarantees.length) steps.push(step('guarantees', `Garanties de procédure : ${assessment.guarantees.map((d) => d.label).join(' ; ')}.`));
  if (assessment.faculties.length)
    steps.push(step('faculties', `Facultés — vous pouvez, sans y être obligé(e) : ${assessment.faculties.map((d) => d.label).join(' ; ')}.`));
  if (assessment.recommendations.length)
    steps.push(
      step('recommendations', `Recommandations de la brochure (pas des obligations) : ${assessment.recommendations.map((d) => d.label).join(' ; ')}.`),
    );
  const next = assessment.missingFacts.find((q) => q.outcomes.yes !== assessment.verdict || q.outcomes.no !== assessment.verdict);
  if (next) steps.push(step('next_question', `À vérifier d’abord : ${next.question}`));
  const note = replacementNote(citedSources(assessment, candidates));
  if (note) steps.push(step('replaced', note.text, note.articles));
  return { verdict: headline(assessment), steps };
}

/** The explanation as French paragraphs separated by blank lines (the terminal's and the memo's form). */
export function explanationText(explanation: Explanation): string {
  return [explanation.verdict, ...explanation.steps.map((s) => s.text)].join('\n\n');
}

/** The texts (articles, rulings) the routes rest on. */
export function sourcesOf(routes: RouteCandidate[]): Set<string> {
  return new Set(routes.flatMap((route) => route.sources.map((source) => source.id)));
}

/**
 * What the date of an answer under `asOf` changes for it, as steps of its explanation: a law after the date whose
 * articles today's routes rest on (the answer is given without them), and a law before it, not known to be in force
 * yet, whose articles the answer rests on (the brochure gives no date of entry into force).
 */
export function asOfSteps(asOf: AsOf, changes: Map<string, ReformChange[]>, today: Set<string>, used: Set<string>): ExplanationStep[] {
  return asOf.reforms.flatMap((reform): ExplanationStep[] => {
    const articles = (changes.get(reform.id) ?? []).flatMap((change) => (change.kind === 'repeal' ? [change.id] : []));
    const bearing = articles.filter((id) => (reform.applied ? today : used).has(id));
    if (!bearing.length || (!reform.applied && reform.dateKind === 'entry_into_force')) return [];
    return [{ kind: 'as_of', text: `À la date du ${asOf.date} : ${reform.note}`, articles: bearing, conditions: [] }];
  });
}
