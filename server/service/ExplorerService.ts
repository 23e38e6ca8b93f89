// The rules of the API: check ids and facts against the graph, ask the store,
// hand the answer to the pure domain functions. HTTP knows nothing of this.
import type {
  AssessBody,
  Assessment,
  DisclosureMap,
  FactsResult,
  Health,
  PathsResult,
  SearchResult,
  Subgraph,
} from '../schema/api.ts';
import type { Fact, GraphNode, NodeType, RelationType } from '../schema/graph.ts';
import { assessSituation } from '../domain/assess.ts';
import { findDisclosureRoutes } from '../domain/disclosure.ts';
import { EngineUnavailableError, InvalidInputError, NotFoundError } from '../domain/errors.ts';
import type { GraphStore } from '../store/GraphStore.ts';

export class ExplorerService {
  private vocabulary?: Promise<Fact[]>;

  constructor(readonly store: GraphStore) {}

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

  async neighbourhood(
    id: string,
    options: { depth: number; types?: NodeType[]; relations?: RelationType[]; maxNodes?: number },
  ): Promise<Subgraph> {
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

  async disclosure(profession: string, recipient?: string): Promise<DisclosureMap> {
    return findDisclosureRoutes(await this.store.routeCandidates(profession, recipient));
  }

  async assess(body: AssessBody): Promise<Assessment> {
    const vocabulary = await this.factVocabulary();
    const known = new Set(vocabulary.map((f) => f.id));
    for (const fact of Object.keys(body.facts)) {
      if (!known.has(fact)) throw new InvalidInputError(`facts.${fact}`, `unknown fact "${fact}" (see GET /api/facts)`);
    }
    const candidates = await this.store.routeCandidates(body.profession, body.recipient);
    return assessSituation(candidates, body.facts, { closedWorld: body.closedWorld }, vocabulary);
  }

  private factVocabulary(): Promise<Fact[]> {
    // The vocabulary changes only with graph-data; a failed read is not kept.
    this.vocabulary ??= this.store.facts().catch((err) => {
      this.vocabulary = undefined;
      throw err;
    });
    return this.vocabulary;
  }
}
