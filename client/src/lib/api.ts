// The only module that speaks HTTP: one typed function per endpoint of
// server/api/endpoints.ts. Errors come back as ApiRequestError with the
// server's code and French-ready message.
import type { AssessRequest, Assessment, DisclosureMap, Fact, GraphNode, NeighbourhoodRequest, NodeType, PathsResult, SearchResult, Subgraph } from './types.ts';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type QueryValue = string | number | boolean | string[] | undefined;

function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body) headers['content-type'] = 'application/json';
  const response = await fetch(path, { ...init, headers });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiRequestError(response.status, error?.code ?? 'http_error', error?.message ?? `Erreur HTTP ${response.status}`);
  }
  return body as T;
}

const node = (id: string) => `/api/nodes/${encodeURIComponent(id)}`;

export type { AssessRequest, NeighbourhoodRequest };

export const api = {
  listNodes: (type?: NodeType) => request<{ nodes: GraphNode[] }>(withQuery('/api/nodes', { type })).then((r) => r.nodes),
  getNode: (id: string) => request<GraphNode>(node(id)),
  neighbourhood: (id: string, options: NeighbourhoodRequest = {}) =>
    request<Subgraph>(withQuery(`${node(id)}/neighbourhood`, { ...options })),
  search: (q: string, options: { limit?: number; types?: NodeType[] } = {}, signal?: AbortSignal) =>
    request<SearchResult>(withQuery('/api/search', { q, ...options }), { signal }),
  disclosure: (profession: string, recipient?: string) => request<DisclosureMap>(withQuery('/api/disclosure', { profession, recipient })),
  assess: (body: AssessRequest) => request<Assessment>('/api/assess', { method: 'POST', body: JSON.stringify(body) }),
  facts: () => request<{ facts: Fact[] }>('/api/facts').then((r) => r.facts),
  paths: (from: string, to: string) => request<PathsResult>(withQuery('/api/paths', { from, to })),
};
