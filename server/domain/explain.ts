// The French explanation of an assessment, as data: the verdict in one
// sentence, then steps — each route that decides it, article by article, the
// routes still open, what closed them, duties, what to check next. The CLI
// and the client render it; `explanationText` gives it as paragraphs.
import type { Verdict } from '../schema/graph.ts';
import type { AssessedRoute, Assessment, EvaluatedRequirement, Explanation, ExplanationStep, SourceRef } from '../schema/api.ts';

export const VERDICT_LABELS: Record<Verdict, string> = {
  required: 'Obligatoire',
  permitted: 'Permis',
  forbidden: 'Interdit',
  undetermined: 'À déterminer',
  not_bound: 'Pas tenu au secret',
};

function towards(assessment: Pick<Assessment, 'recipient'>): string {
  return assessment.recipient ? ` à : ${assessment.recipient.label}` : '';
}

function headline(assessment: Unexplained): string {
  const { verdict, profession } = assessment;
  switch (verdict) {
    case 'required':
      return `Obligatoire : la loi vous oblige à communiquer l’information${towards(assessment)}.`;
    case 'permitted':
      return assessment.possibleVerdicts.includes('required')
        ? `Permis, peut-être obligatoire : vous pouvez révéler l’information${towards(assessment)} ; une obligation dépend encore de faits inconnus (${pendingObligations(assessment)}).`
        : `Permis : vous pouvez révéler l’information${towards(assessment)}, sans y être obligé(e) ; c’est à vous d’apprécier.`;
    case 'forbidden':
      return `Interdit : le secret professionnel s’impose (art. 458 du Code pénal) ; aucune exception légale ne s’ouvre ici${towards(assessment)}.`;
    case 'undetermined':
      return 'À déterminer : la réponse dépend de faits encore inconnus (voir les questions ci-dessous).';
    case 'not_bound': {
      const base = profession.bound
        ? 'Pas tenu au secret : l’information n’a pas été reçue dans un cadre professionnel — le secret couvre ce que le professionnel apprend en cette qualité, même hors du travail s’il est clairement identifié comme tel (Cass. 20 février 1905).'
        : `Pas tenu au secret : ${profession.label} n’est pas soumis(e) au secret professionnel.`;
      return assessment.possibleVerdicts.includes('required')
        ? `${base} Une obligation qui vise chacun peut encore s’appliquer selon les faits (${pendingObligations(assessment)}).`
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
  return [...new Set(pending.map((r) => `${citeSources(r.provisions)} — ${r.exception.label}`))].join(' ; ') || 'voir les questions';
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
  if (route.exception.measure === 'seizure') return `le secret ne s’oppose pas à la saisie ni à la perquisition (${route.recipient.label})`;
  return `${route.effect === 'requires' ? 'oblige à informer' : 'permet d’informer'} ${route.recipient.label}`;
}

function routeParagraph(route: AssessedRoute): string {
  const lines = [`${citeSources(route.provisions)} : ${route.exception.label} — ${routeAction(route)}. ${route.exception.summary}`];
  const conditions = route.conditions.flatMap(conditionLine);
  if (conditions.length) lines.push(`Conditions${route.conditions.length > 1 ? ', toutes requises' : ''} : ${conditions.join(' ; ')}.`);
  for (const limit of route.limits) {
    if (limit.status === 'holds') lines.push(`Fermé par une limite — ${citeSources(limit.sources)} : ${limit.label}.`);
    if (limit.status === 'undetermined') lines.push(`À vérifier — ${citeSources(limit.sources)} : ${limit.label}.`);
  }
  return lines.join(' ');
}

function replacementNote(routes: AssessedRoute[]): { text: string; articles: string[] } | undefined {
  const replaced = new Map<string, { label: string; by: string }>();
  for (const route of routes) {
    // The secret the route lifts is cited too (art. 458, in every refusal): its replacement is said as well.
    for (const source of [...route.provisions, ...route.derogatesFrom]) {
      if (source.status === 'replaced' && source.replacedBy.length)
        replaced.set(source.id, { label: source.label, by: source.replacedBy.map((r) => r.label).join(', ') });
    }
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

export function explainAssessment(assessment: Unexplained): Explanation {
  const steps: ExplanationStep[] = [];
  const decisive = assessment.routes.filter((r) => r.status === 'open');
  const pending = assessment.routes.filter((r) => r.status === 'undetermined');
  for (const route of decisive) steps.push(routeStep('route', route));
  if (assessment.verdict !== 'not_bound' || decisive.length) {
    for (const route of pending) steps.push(routeStep('pending', route));
  }
  if (assessment.verdict === 'forbidden' && assessment.routes.length) {
    const closed = assessment.routes.map((r) => `${citeSources(r.provisions)} (${r.exception.label})`).join(' ; ');
    steps.push(step('closed', `Voies examinées et fermées : ${closed}.`, [...new Set(assessment.routes.flatMap((r) => r.provisions.map((p) => p.id)))]));
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
  // A limit naming the recipient explains a refusal; beside a "may" or a "must" it would only mislead.
  const refusing = assessment.verdict !== 'permitted' && assessment.verdict !== 'required';
  for (const limit of assessment.recipientLimits.filter((l) => refusing && l.status !== 'does_not_hold')) {
    steps.push(
      step(
        'recipient_limit',
        `${citeSources(limit.sources)} : ${limit.label}. ${limit.summary}`,
        limit.sources.map((s) => s.id),
      ),
    );
  }
  if (assessment.duties.length)
    steps.push(step('duties', `Devoirs : ${assessment.duties.map((d) => (d.status === 'to_check' ? `${d.label} (à vérifier)` : d.label)).join(' ; ')}.`));
  for (const doubt of assessment.doubts) steps.push(step('doubt', `Doute — ${doubt.label} : ${doubt.doubt}`, [doubt.id]));
  if (assessment.guarantees.length) steps.push(step('guarantees', `Garanties de procédure : ${assessment.guarantees.map((d) => d.label).join(' ; ')}.`));
  if (assessment.faculties.length)
    steps.push(step('faculties', `Facultés — vous pouvez, sans y être obligé(e) : ${assessment.faculties.map((d) => d.label).join(' ; ')}.`));
  if (assessment.missingFacts.length) steps.push(step('next_question', `À vérifier d’abord : ${assessment.missingFacts[0].question}`));
  const note = replacementNote(decisive.length ? decisive : assessment.routes);
  if (note) steps.push(step('replaced', note.text, note.articles));
  return { verdict: headline(assessment), steps };
}

/** The explanation as French paragraphs separated by blank lines (the terminal's and the memo's form). */
export function explanationText(explanation: Explanation): string {
  return [explanation.verdict, ...explanation.steps.map((s) => s.text)].join('\n\n');
}
