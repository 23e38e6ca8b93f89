// Formation: one worked example at a time. The brochure's answer, the
// assessment of the example's query, and the route that decides it told step
// by step. Which example, the learner's answer and the step live in the URL.
import { api, ApiRequestError } from '../api.ts';
import { decidingRoute } from '../decidingRoute.ts';
import { walkRoute, type WalkStep } from '../routeWalk.ts';
import type { Assessment, NodeOf } from '../types.ts';
import type { QuizAnswer } from '../viewState.ts';
import { catalogue } from './catalogue.svelte.ts';

/** The brochure's answers open with OUI or NON. */
export function brochureAnswer(situation: NodeOf<'Situation'>): QuizAnswer | undefined {
  const match = /^\W*(oui|non)\b/i.exec(situation.answer);
  return match ? (match[1].toLowerCase() as QuizAnswer) : undefined;
}

class QuizStore {
  result = $state.raw<Assessment>();
  /** the nodes the example illustrates */
  illustrated = $state.raw(new Set<string>());
  situation = $state.raw<NodeOf<'Situation'>>();
  error = $state<string>();

  route = $derived(decidingRoute(this.result, this.situation?.assess.facts ?? {}, this.illustrated));
  steps: WalkStep[] = $derived(this.route ? walkRoute(this.route, (id) => catalogue.node(id), this.result?.profession.id) : []);

  async load(situation: NodeOf<'Situation'>): Promise<void> {
    if (this.situation?.id === situation.id && this.result) return;
    this.situation = situation;
    this.result = undefined;
    this.error = undefined;
    try {
      const [result, links] = await Promise.all([
        api.assess(situation.assess),
        api.neighbourhood(situation.id, { depth: 1, relations: ['ILLUSTRATES'] }).catch(() => ({ nodes: [] })),
      ]);
      if (this.situation?.id !== situation.id) return;
      this.illustrated = new Set(links.nodes.map((n) => n.id));
      this.result = result;
      this.error = undefined;
    } catch (err) {
      if (this.situation?.id !== situation.id) return;
      this.error = err instanceof ApiRequestError ? err.message : 'Une erreur inattendue est survenue.';
    }
  }

  /** Asks again for the example whose answer failed. */
  retry(): Promise<void> {
    return this.situation ? this.load(this.situation) : Promise.resolve();
  }
}

export const quiz = new QuizStore();
