// « Vue d'ensemble »: the summary of the law, loaded once, and the part of it
// the view shows (one source: an instrument with its articles, or a ruling),
// so that every label stays readable. The source lives in the URL (view).
import { api, ApiRequestError } from '../api.ts';
import type { GraphModel } from '../graph/model.ts';
import type { LawSummary } from '../types.ts';
import { view } from './view.svelte.ts';

export type SummarySource = LawSummary['sources'][number];

class SummaryStore {
  summary = $state.raw<LawSummary>();
  error = $state<string>();
  private loading?: Promise<void>;

  /** The source shown: the one the address names, else the first (the text of the secret). */
  source: SummarySource | undefined = $derived(this.summary?.sources.find((s) => s.id === view.current.source) ?? this.summary?.sources[0]);

  /** The part of the summary drawn: the source's nodes and the relations among them. */
  graph: GraphModel = $derived.by(() => {
    if (!this.summary || !this.source) return { nodes: [], edges: [] };
    const ids = new Set(this.source.nodes);
    return {
      nodes: this.summary.nodes.filter((n) => ids.has(n.id)),
      edges: this.summary.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    };
  });

  load(): Promise<void> {
    if (this.summary) return Promise.resolve();
    this.loading ??= api
      .summary()
      .then((summary) => {
        this.summary = summary;
        this.error = undefined;
      })
      .catch((err: unknown) => {
        this.error = err instanceof ApiRequestError ? err.message : 'Une erreur inattendue est survenue.';
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  show(source: string): void {
    view.update({ source });
  }
}

export const summary = new SummaryStore();
