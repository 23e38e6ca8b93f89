// Every cache of the application, in one place and under one rule: what is
// kept is valid for one graph version (`GraphStore.version()`), and a new
// version empties all of it at once — serialised answers, the route
// subgraphs the stores selected, the fact vocabulary, and the whole-graph
// analyses of reforms and dependants alike.
import type { Fact } from '../schema/graph.ts';
import type { GraphView } from '../schema/graphView.ts';
import { AnswerCache, type CachedAnswer } from './answerCache.ts';

export const DEFAULT_ANSWER_CACHE_BYTES = 32 * 1024 * 1024;
/** Route subgraphs kept per graph version (one per profession and recipient asked). */
export const DEFAULT_SUBGRAPH_ENTRIES = 2_000;

export interface GraphCacheOptions {
  /** bytes of serialised answers kept (default 32 MiB); 0 keeps none */
  answerBytes?: number;
  /** route subgraphs kept; 0 keeps none */
  subgraphEntries?: number;
}

/**
 * Promises kept by key under one version. Concurrent requests for a key share
 * one computation; a failure is not kept; past `max` entries the oldest goes.
 */
class VersionedMemo<T> {
  private entries = new Map<string, Promise<T>>();
  private version?: string;

  constructor(private readonly max: number) {}

  get(version: string, key: string, compute: () => Promise<T>): Promise<T> {
    if (version !== this.version) {
      this.entries = new Map();
      this.version = version;
    }
    const kept = this.entries.get(key);
    if (kept) return kept;
    const computing = compute();
    if (this.max <= 0) return computing;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    const entries = this.entries;
    entries.set(key, computing);
    computing.catch(() => entries.get(key) === computing && entries.delete(key));
    return computing;
  }
}

export class GraphCache {
  private readonly answers: AnswerCache;
  private readonly subgraphs: VersionedMemo<GraphView>;
  private readonly vocabularies = new VersionedMemo<Fact[]>(1);
  private readonly analyses = new VersionedMemo<unknown>(8);

  /** @param currentVersion the graph's version now (cheap: the stores keep it) */
  constructor(
    private readonly currentVersion: () => Promise<string>,
    options: GraphCacheOptions = {},
  ) {
    this.answers = new AnswerCache(options.answerBytes ?? DEFAULT_ANSWER_CACHE_BYTES);
    this.subgraphs = new VersionedMemo(options.subgraphEntries ?? DEFAULT_SUBGRAPH_ENTRIES);
  }

  /** A read answer, serialised, for a question that `key` names in full. */
  async answer(key: string, compute: () => Promise<unknown>): Promise<CachedAnswer> {
    return this.answers.get(await this.currentVersion(), key, compute);
  }

  async routeSubgraph(key: string, compute: () => Promise<GraphView>): Promise<GraphView> {
    return this.subgraphs.get(await this.currentVersion(), key, compute);
  }

  async vocabulary(compute: () => Promise<Fact[]>): Promise<Fact[]> {
    return this.vocabularies.get(await this.currentVersion(), 'facts', compute);
  }

  /** A whole-graph analysis (the graph view, the impact index), computed once per version. */
  async analysis<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.analyses.get(await this.currentVersion(), key, compute) as Promise<T>;
  }
}
