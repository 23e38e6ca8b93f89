// The rules of the API: check ids and facts against the graph, ask the store
// to select, hand what it selected to the pure domain functions. HTTP knows
// nothing of this, and sees the store only through this service.
import type {
  AssessBody,
  Assessment,
  DisclosureMap,
  FactsResult,
  Health,
  LawSummary,
  PathsResult,
  ProfessionsResult,
  RecipientsResult,
  SearchResult,
  SituationKindsResult,
  Subgraph,
} from '../schema/api.ts';
import type { Fact, GraphNode, NodeType, RelationType } from '../schema/graph.ts';
import { assessSituation } from '../domain/assess.ts';
import { findDisclosureRoutes } from '../domain/disclosure.ts';
import { listProfessions, listRecipients, PARTY_RELATIONS } from '../domain/parties.ts';
import { summarizeLaw, SUMMARY_RELATIONS } from '../domain/summary.ts';
import { buildRouteCandidates, type RouteCandidates, type RouteOptions } from '../domain/routes.ts';
import { asOfSteps, sourcesOf } from '../domain/explain.ts';
import { EngineUnavailableError, InvalidInputError, NotFoundError } from '../schema/errors.ts';
import type { EngineName, GraphStore } from '../store/GraphStore.ts';
import type { CachedAnswer } from './answerCache.ts';
import { GraphCache, type GraphCacheOptions } from './GraphCache.ts';
import { ImpactAnalysis, type ImpactOptions } from './ImpactAnalysis.ts';
import { applyReform, type ReformChange } from '../domain/reform.ts';
import { DEFAULT_GRAPH_DIR } from '../graph/load.ts';
import { readReforms } from '../graph/reforms.ts';

export interface ExplorerServiceOptions extends GraphCacheOptions, ImpactOptions {}

export class ExplorerService {
  private readonly cache: GraphCache;
  /** what rests on what, and reforms (issue 27) */
  readonly impact: ImpactAnalysis;

  constructor(
    private readonly store: GraphStore,
    options: ExplorerServiceOptions = {},
  ) {
    this.cache = new GraphCache(() => store.version(), options);
    this.impact = new ImpactAnalysis(store, this.cache, () => this.factVocabulary(), {
      ...options,
      reforms: options.reforms ?? readReforms(DEFAULT_GRAPH_DIR).reforms,
    });
  }

  get engine(): EngineName {
    return this.store.engine;
  }

  /** The serialised answer to a read question that `key` names in full, kept for the graph's version. */
  cachedAnswer(key: string, compute: () => Promise<unknown>): Promise<CachedAnswer> {
    return this.cache.answer(key, compute);
  }

  async health(): Promise<Health> {
    try {
      const counts = await this.store.counts();
      return { status: 'ok', engine: this.store.engine, nodes: counts.nodes, edges: counts.edges };
    } catch (err) {
      if (err instanceof EngineUnavailableError) return { status: 'unavailable', engine: this.store.engine };
      throw err;
    }
  }

  async getNode(id: string): Promise<GraphNode> {
    const node = await this.store.getNode(id);
    if (!node) throw new NotFoundError('id', id);
    return node;
  }

  async listNodes(type?: NodeType): Promise<{ nodes: GraphNode[] }> {
    return { nodes: await this.store.listNodes(type) };
  }

  async neighbourhood(id: string, options: { depth: number; types?: NodeType[]; relations?: RelationType[]; maxNodes?: number }): Promise<Subgraph> {
    const subgraph = await this.store.neighbourhood(id, {
      depth: options.depth as 1 | 2 | 3,
      nodeTypes: options.types,
      relationTypes: options.relations,
      maxNodes: options.maxNodes,
    });
    if (!subgraph) throw new NotFoundError('id', id);
    return subgraph;
  }

  async search(q: string, options: { limit?: number; types?: NodeType[] }): Promise<SearchResult> {
    const hits = await this.store.search(q, options);
    return { query: q, hits };
  }

  async paths(from: string, to: string, options: { maxLength?: number; limit?: number }): Promise<PathsResult> {
    const paths = await this.store.shortestPaths(from, to, options);
    if (!paths) {
      const missing = (await this.store.getNode(from)) ? 'to' : 'from';
      throw new NotFoundError(missing, missing === 'from' ? from : to);
    }
    return { from, to, paths };
  }

  async facts(): Promise<FactsResult> {
    return { facts: await this.factVocabulary() };
  }

  /** Every route, whatever the situation: the map of what the law lets this profession reveal, to whom. */
  async disclosure(profession: string, recipient?: string): Promise<DisclosureMap> {
    return findDisclosureRoutes(await this.routeCandidates(profession, recipient, undefined, { everySituation: true }));
  }

  /** Every profession: bound by the secret or not, and by which texts. */
  async professions(): Promise<ProfessionsResult> {
    return { professions: listProfessions(await this.store.listNodes('Profession'), await this.store.relationSubgraph(PARTY_RELATIONS)) };
  }

  /** Every recipient: its legal status, the roles it may play, its other names. */
  async recipients(): Promise<RecipientsResult> {
    const [recipients, professions] = await Promise.all([this.store.listNodes('Recipient'), this.store.listNodes('Profession')]);
    const selection = await this.store.relationSubgraph(PARTY_RELATIONS);
    return { recipients: listRecipients(recipients, { nodes: [...selection.nodes, ...professions], edges: selection.edges }) };
  }

  /** « Vue d'ensemble »: instrument → article → exception → recipient, one part per source. */
  async summary(): Promise<LawSummary> {
    return summarizeLaw(await this.store.relationSubgraph(SUMMARY_RELATIONS));
  }

  async assess(body: AssessBody): Promise<Assessment> {
    const vocabulary = await this.factVocabulary();
    const known = new Set(vocabulary.map((f) => f.id));
    for (const fact of Object.keys(body.facts)) {
      if (!known.has(fact)) throw new InvalidInputError(`facts.${fact}`, `unknown fact "${fact}" (see GET /api/facts)`);
    }
    // Under the law of a date: the named reforms that date implies, applied to the view the store selected.
    const law = body.asOf === undefined ? undefined : await this.impact.lawAsOf(body.asOf);
    const candidates = await this.routeCandidates(body.profession, body.recipient, body.situation, {}, law?.changes, known);
    const assessment = assessSituation(candidates, body.facts, { closedWorld: body.closedWorld }, vocabulary);
    if (!law) return assessment;
    // The date's bearing on this answer is said in the explanation itself, first (the blind review's E1, E2).
    const today = law.changes.length ? await this.routeCandidates(body.profession, body.recipient, body.situation, {}, [], known) : candidates;
    const steps = asOfSteps(law.asOf, law.reformChanges, sourcesOf(today.routes), sourcesOf(candidates.routes));
    return { ...assessment, asOf: law.asOf, explanation: { ...assessment.explanation, steps: [...steps, ...assessment.explanation.steps] } };
  }

  /** The routes of DOMAIN §5, found by the domain in what the store selected (under a reform's changes, if given). */
  async routeCandidates(
    profession: string,
    recipient?: string,
    situation?: string,
    options: RouteOptions = {},
    changes: ReformChange[] = [],
    facts: ReadonlySet<string> = new Set(),
  ): Promise<RouteCandidates> {
    const key = `${profession}\u0000${recipient ?? ''}\u0000${situation ?? ''}`;
    const view = await this.cache.routeSubgraph(key, () => this.store.routeSubgraph(profession, recipient, situation));
    const reformed = changes.length ? applyReform(view, changes, facts, { partialView: true }).view : view;
    return buildRouteCandidates(reformed, profession, recipient, situation, options);
  }

  /** The kinds of situation of « De quoi s'agit-il ? », with the recipients they concern and their facts in asking order. */
  async situations(): Promise<SituationKindsResult> {
    const kinds = (await this.store.listNodes('SituationKind')).flatMap((k) => (k.type === 'SituationKind' ? [k] : [])).sort((a, b) => a.rank - b.rank);
    const situations = [];
    for (const kind of kinds) {
      const around = await this.store.neighbourhood(kind.id, { depth: 1, relationTypes: ['INVOLVES'] });
      const recipients = (around?.nodes ?? []).filter((n) => n.type === 'Recipient').map((n) => n.id);
      situations.push({ id: kind.id, label: kind.label, question: kind.question, summary: kind.summary, recipients, facts: kind.facts });
    }
    return { situations };
  }

  private factVocabulary(): Promise<Fact[]> {
    return this.cache.vocabulary(() => this.store.facts());
  }
}
