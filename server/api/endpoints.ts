// The API as one table: each endpoint's schemas and its one-line handler.
// The Express router and the OpenAPI document are both built from it, so
// the documentation cannot drift from what is served.
import { z } from 'zod';
import {
  AssessBody,
  Assessment,
  DisclosureMap,
  DependantsResult,
  DisclosureQuery,
  FactsResult,
  Health,
  LawSummary,
  NeighbourhoodQuery,
  NodeList,
  NodeListQuery,
  NodeParams,
  PathsQuery,
  PathsResult,
  ProfessionsResult,
  RecipientsResult,
  NamedReformsResult,
  ReformBody,
  ReformQuery,
  ReformResult,
  SearchQuery,
  SearchResult,
  SituationKindsResult,
  Subgraph,
} from '../schema/api.ts';
import { GraphNode } from '../schema/graph.ts';
import type { ExplorerService } from '../service/ExplorerService.ts';

type Schema = z.ZodType;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface EndpointInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/** What the router and the OpenAPI document read of an endpoint. */
export interface Endpoint {
  method: 'get' | 'post';
  path: string;
  summary: string;
  description?: string;
  params?: Schema;
  query?: Schema;
  body?: Schema;
  response: Schema;
  /** the answer depends only on the input and the graph: served from the answer cache */
  cacheable?: boolean;
  /** errors this endpoint documents besides 400/429/500/503 */
  errors?: number[];
  /** the status of an answer when not 200, and the seconds to wait before retrying */
  status?: (result: never) => { code: number; retryAfterSeconds?: number } | undefined;
  /** the answer as CSV, sent for ?format=csv or a request that accepts text/csv before JSON */
  csv?: (service: ExplorerService, result: never) => string;
  handle(service: ExplorerService, input: EndpointInput<unknown, unknown, unknown>): Promise<unknown>;
}

interface EndpointDefinition<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, R extends Schema> {
  method: 'get' | 'post';
  path: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  cacheable?: boolean;
  errors?: number[];
  status?: (result: z.input<R>) => { code: number; retryAfterSeconds?: number } | undefined;
  csv?: (service: ExplorerService, result: z.input<R>) => string;
  /** typed against the schemas: its input is what they parse, its result what the response schema describes */
  handle(service: ExplorerService, input: EndpointInput<Parsed<P>, Parsed<Q>, Parsed<B>>): Promise<z.input<R>>;
}

/** Checks a definition against its own schemas, then keeps it in the table's common shape. */
function endpoint<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema = Schema,
>(definition: EndpointDefinition<P, Q, B, R>): Endpoint {
  return definition as unknown as Endpoint;
}

export const endpoints: readonly Endpoint[] = [
  endpoint({
    method: 'get',
    path: '/api/health',
    summary: 'Engine and graph size; 503 when the engine is unavailable',
    response: Health,
    status: (health) => (health.status === 'ok' ? undefined : { code: 503, retryAfterSeconds: 5 }),
    handle: (s) => s.health(),
  }),
  endpoint({
    method: 'get',
    path: '/api/nodes',
    summary: 'Every node, or every node of one type, ordered by id',
    query: NodeListQuery,
    cacheable: true,
    response: NodeList,
    handle: (s, { query }) => s.listNodes(query.type),
  }),
  endpoint({
    method: 'get',
    path: '/api/nodes/:id',
    summary: 'One node with all its properties and citations',
    params: NodeParams,
    cacheable: true,
    response: GraphNode,
    errors: [404],
    handle: (s, { params }) => s.getNode(params.id),
  }),
  endpoint({
    method: 'get',
    path: '/api/nodes/:id/neighbourhood',
    summary: 'The nodes within depth 1–3 of a node, and the relations between them',
    params: NodeParams,
    query: NeighbourhoodQuery,
    cacheable: true,
    response: Subgraph,
    errors: [404],
    handle: (s, { params, query }) => s.neighbourhood(params.id, query),
  }),
  endpoint({
    method: 'get',
    path: '/api/nodes/:id/dependants',
    summary:
      'What rests on a provision, exception, condition, limit, duty or fact: the answers whose routes use it, and the worked examples whose deciding route does',
    description:
      'An answer is a (profession, recipient, kind of situation) route set: the routes the profession has in that kind of situation, grouped by the recipient each names (as POST /api/assess answers without a recipient). A fact id is accepted.',
    params: NodeParams,
    cacheable: true,
    response: DependantsResult,
    errors: [404],
    handle: (s, { params }) => s.impact.dependants(params.id),
  }),
  endpoint({
    method: 'post',
    path: '/api/reform',
    summary: 'What if…? Apply a reform to the graph (never stored) and compare every route and every worked example and review situation before and after',
    description:
      'Changes apply in order: repeal (a Provision or CaseLaw then establishes nothing, and what it alone established goes; an Exception, Limit or Duty goes), addCondition, removeCondition, setEffect, addRecipient, removeRecipient. Unknown ids answer 400 naming the field; a reform that leaves the graph invalid answers 422 with the problems. ?format=csv (or Accept: text/csv) gives both tables as CSV.',
    query: ReformQuery,
    body: ReformBody,
    cacheable: true,
    response: ReformResult,
    errors: [413, 422],
    csv: (s, result) => s.impact.csv(result),
    handle: (s, { body }) => s.impact.reform(body),
  }),
  endpoint({
    method: 'get',
    path: '/api/reforms',
    summary: 'The named reforms of graph-data/reforms.yaml: each with its label, law, date, source and changes (a body for POST /api/reform)',
    cacheable: true,
    response: NamedReformsResult,
    handle: async (s) => ({ reforms: [...s.impact.named()] }),
  }),
  endpoint({
    method: 'get',
    path: '/api/search',
    summary: 'Ranked nodes; accent-, case- and spacing-insensitive French ("458 bis", "necessite")',
    query: SearchQuery,
    cacheable: true,
    response: SearchResult,
    handle: (s, { query }) => s.search(query.q, query),
  }),
  endpoint({
    method: 'get',
    path: '/api/disclosure',
    summary: 'Which provisions let this profession reveal to whom: every route, grouped by recipient',
    query: DisclosureQuery,
    cacheable: true,
    response: DisclosureMap,
    errors: [404],
    handle: (s, { query }) => s.disclosure(query.profession, query.recipient),
  }),
  endpoint({
    method: 'post',
    path: '/api/assess',
    summary: 'May I, or must I, tell this to that person? The verdict, its routes, conditions, duties and the questions left',
    body: AssessBody,
    cacheable: true,
    response: Assessment,
    errors: [413],
    handle: (s, { body }) => s.assess(body),
  }),
  endpoint({
    method: 'get',
    path: '/api/professions',
    summary: 'Every profession: whether it is bound by professional secrecy, and by which texts',
    cacheable: true,
    response: ProfessionsResult,
    handle: (s) => s.professions(),
  }),
  endpoint({
    method: 'get',
    path: '/api/recipients',
    summary:
      'Every recipient: whether the people it stands for are bound by the secret (and by which texts), the roles it may play (the mandant), its other names',
    cacheable: true,
    response: RecipientsResult,
    handle: (s) => s.recipients(),
  }),
  endpoint({
    method: 'get',
    path: '/api/facts',
    summary: 'The situation questionnaire: every fact with its French question',
    cacheable: true,
    response: FactsResult,
    handle: (s) => s.facts(),
  }),
  endpoint({
    method: 'get',
    path: '/api/situations',
    summary: 'The kinds of situation (« De quoi s’agit-il ? »): each with the recipients it concerns and the facts that matter, in asking order',
    cacheable: true,
    response: SituationKindsResult,
    handle: (s) => s.situations(),
  }),
  endpoint({
    method: 'get',
    path: '/api/summary',
    summary: 'The summary of the law: instrument → article → exception → recipient, one part per source (« Vue d’ensemble »)',
    cacheable: true,
    response: LawSummary,
    handle: (s) => s.summary(),
  }),
  endpoint({
    method: 'get',
    path: '/api/paths',
    summary: 'The shortest paths between two nodes, ignoring direction',
    query: PathsQuery,
    cacheable: true,
    response: PathsResult,
    errors: [404],
    handle: (s, { query }) => s.paths(query.from, query.to, query),
  }),
];
