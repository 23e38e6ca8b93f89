// The French explanation of an assessment: the verdict in words, then each
// route that decides it, article by article, then what is still to check.
import type { Verdict } from '../schema/graph.ts';
import type { EvaluatedRequirement } from './conditions.ts';
import type { AssessedRoute, Assessment } from './assess.ts';
import type { SourceRef } from './routes.ts';

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

function headline(assessment: Omit<Assessment, 'explanation'>): string {
  const { verdict, profession } = assessment;
  switch (verdict) {
    case 'required':
      return `Obligatoire : la loi vous oblige à communiquer l’information${towards(assessment)}.`;
    case 'permitted':
      return `Permis : vous pouvez révéler l’information${towards(assessment)}, sans y être obligé(e) ; c’est à vous d’apprécier.`;
    case 'forbidden':
      return `Interdit : le secret professionnel s’impose (art. 458 du Code pénal) ; aucune exception légale ne s’ouvre ici${towards(assessment)}.`;
    case 'undetermined':
      return 'À déterminer : la réponse dépend de faits encore inconnus (voir les questions ci-dessous).';
    case 'not_bound':
      return profession.bound
        ? 'Pas tenu au secret : l’information n’a pas été reçue dans un cadre professionnel (Cass. 20 février 1905).'
        : `Pas tenu au secret : ${profession.label} n’est pas soumis(e) au secret professionnel.`;
  }
}

function citeSources(sources: SourceRef[]): string {
  return sources.map((s) => s.label).join(', ') || 'Principe général';
}

function conditionLine(condition: EvaluatedRequirement): string[] {
  if (condition.kind === 'group') {
    const inner = condition.children.flatMap(conditionLine);
    return [`${condition.mode === 'any' ? 'l’une de ces conditions' : 'toutes ces conditions'} : ${inner.join(' ; ')}`];
  }
  const mark = condition.status === 'met' ? '✓' : condition.status === 'unmet' ? '✗' : '?';
  return [`${mark} ${condition.label}`];
}

function routeParagraph(route: AssessedRoute): string {
  const verb = route.effect === 'requires' ? 'oblige à informer' : 'permet d’informer';
  const lines = [`${citeSources(route.provisions)} : ${route.exception.label} — ${verb} ${route.recipient.label}. ${route.exception.summary}`];
  const conditions = route.conditions.flatMap(conditionLine);
  if (conditions.length) lines.push(`Conditions : ${conditions.join(' ; ')}.`);
  for (const limit of route.limits) {
    if (limit.status === 'holds') lines.push(`Fermé par une limite — ${citeSources(limit.sources)} : ${limit.label}.`);
    if (limit.status === 'undetermined') lines.push(`À vérifier — ${citeSources(limit.sources)} : ${limit.label}.`);
  }
  return lines.join(' ');
}

function replacementNote(routes: AssessedRoute[]): string | undefined {
  const replaced = new Map<string, string>();
  for (const route of routes) {
    for (const source of route.provisions) {
      if (source.status === 'replaced' && source.replacedBy.length) replaced.set(source.label, source.replacedBy.map((r) => r.label).join(', '));
    }
  }
  if (!replaced.size) return undefined;
  return `Attention : ${[...replaced.keys()].join(', ')} — numérotation de la brochure ; texte remplacé depuis par ${[...new Set(replaced.values())].join(', ')}. Vérifiez l’article correspondant en vigueur.`;
}

export function explainAssessment(assessment: Omit<Assessment, 'explanation'>): string {
  const parts = [headline(assessment)];
  const decisive = assessment.routes.filter((r) => r.status === 'open');
  const pending = assessment.routes.filter((r) => r.status === 'undetermined');
  for (const route of decisive) parts.push(routeParagraph(route));
  if (assessment.verdict !== 'not_bound' || decisive.length) {
    for (const route of pending) parts.push(`Voie encore ouverte selon les faits — ${routeParagraph(route)}`);
  }
  if (assessment.verdict === 'forbidden' && assessment.routes.length) {
    parts.push(`Voies examinées et fermées : ${assessment.routes.map((r) => `${citeSources(r.provisions)} (${r.exception.label})`).join(' ; ')}.`);
  }
  for (const limit of assessment.recipientLimits) parts.push(`${citeSources(limit.sources)} : ${limit.label}. ${limit.summary}`);
  if (assessment.duties.length) parts.push(`Devoirs : ${assessment.duties.map((d) => d.label).join(' ; ')}.`);
  if (assessment.missingFacts.length) parts.push(`À vérifier d’abord : ${assessment.missingFacts[0].question}`);
  const note = replacementNote(decisive.length ? decisive : assessment.routes);
  if (note) parts.push(note);
  return parts.join('\n\n');
}
