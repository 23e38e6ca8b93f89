// Formation: one worked example at a time. The brochure's answer, the
// assessment of the example's query, and the route that decides it told step
// by step. Which example, the learner's answer and the step live in the URL.
import { api } from '../api.ts';
import { walkRoute, type WalkStep } from '../routeWalk.ts';
import type { AssessedRoute, Assessment, NodeOf } from '../types.ts';
import type { QuizAnswer } from '../viewState.ts';
import { catalogue } from './catalogue.svelte.ts';

/** The route that explains the verdict: an open route of the verdict's effect, else the nearest one. */
export function decisiveRoute(result: Assessment | undefined): AssessedRoute | undefined {
  if (!result) return undefined;
  const effect = result.verdict === 'required' ? 'requires' : 'permits';
  const { routes } = result;
  return (
    routes.find((r) => r.status === 'open' && r.effect === effect) ??
    routes.find((r) => r.status === 'open') ??
    routes.find((r) => r.status === 'undetermined') ??
    routes[0]
  );
}

/** The brochure's answers open with OUI or NON. */
export function brochureAnswer(situation: NodeOf<'Situation'>): QuizAnswer | undefined {
  const match = /^\W*(oui|non)\b/i.exec(situation.answer);
  return match ? (match[1].toLowerCase() as QuizAnswer) : undefined;
}

class QuizStore {
  result = $state.raw<Assessment>();
  situationId = $state<string>();
  error = $state<string>();

  route = $derived(decisiveRoute(this.result));
  steps: WalkStep[] = $derived(
    this.route ? walkRoute(this.route.elements, (id) => catalogue.node(id), this.result?.profession.id) : [],
  );

  async load(situation: NodeOf<'Situation'>): Promise<void> {
    if (this.situationId === situation.id && this.result) return;
    this.situationId = situation.id;
    this.result = undefined;
    try {
      const result = await api.assess(situation.assess);
      if (this.situationId === situation.id) this.result = result;
      this.error = undefined;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }
}

export const quiz = new QuizStore();
