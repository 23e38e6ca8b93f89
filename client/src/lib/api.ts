// The only module that speaks HTTP: one typed function per endpoint of
// server/api/endpoints.ts. Errors come back as ApiRequestError with the
// server's code, and a French message that says what to do: the server's own
// messages are for developers (English, field paths), users read `message`.
import type {
  Answer,
  AssessRequest,
  DependantsResult,
  DisclosureMap,
  Fact,
  GraphNode,
  LawSummary,
  NamedReform,
  NeighbourhoodRequest,
  NodeType,
  PathsResult,
  ReformChangeInput,
  ReformResult,
  SearchResult,
  SituationKind,
  Subgraph,
  InterviewRequest,
} from './types.ts';

/** Past this, a request is given up and said to be too long, so nothing waits forever. */
const REQUEST_TIMEOUT_MS = 20_000;

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    /** the server's code, or `network` (no answer) and `timeout` (too long) */
    readonly code: string,
    message: string,
    /** the server's own message, kept for the console and bug reports */
    readonly detail?: string,
  ) {
    super(message);
  }

  /** The server could not be reached or did not answer in time: worth a « Réessayer ». */
  get unreachable(): boolean {
    return this.code === 'network' || this.code === 'timeout' || this.status >= 500;
  }
}

function frenchMessage(status: number, code: string): string {
  if (status === 404 || code.startsWith('unknown_')) return 'Un identifiant de la demande est inconnu du graphe.';
  if (code === 'invalid_reform') return 'Ce changement laisserait le graphe incohérent (par exemple une exception sans destinataire) : il n’est pas simulé.';
  if (status === 429) return 'Trop de demandes en peu de temps : patientez quelques secondes puis réessayez.';
  if (status === 503) return 'Le serveur est surchargé : réessayez dans un instant.';
  if (status >= 500) return 'Le serveur a rencontré une erreur : réessayez dans un instant.';
  return 'La demande n’a pas pu être traitée.';
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

async function request<T>(path: string, init: RequestInit = {}, accept: 'application/json' | 'text/csv' = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { accept };
  if (init.body) headers['content-type'] = 'application/json';
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, signal });
  } catch (err) {
    // The caller's own abort is not an error to show: let it through as is.
    if (init.signal?.aborted) throw err;
    if (timeout.aborted) throw new ApiRequestError(0, 'timeout', 'Le serveur met trop de temps à répondre.');
    throw new ApiRequestError(0, 'network', 'Le serveur ne répond pas : vérifiez votre connexion, ou attendez qu’il redémarre.', String(err));
  }
  if (response.ok && accept !== 'application/json') return (await response.text()) as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    const code = error?.code ?? 'http_error';
    throw new ApiRequestError(response.status, code, frenchMessage(response.status, code), error?.message);
  }
  return body as T;
}

const node = (id: string) => `/api/nodes/${encodeURIComponent(id)}`;

export type { AssessRequest, NeighbourhoodRequest };

export const api = {
  listNodes: (type?: NodeType) => request<{ nodes: GraphNode[] }>(withQuery('/api/nodes', { type })).then((r) => r.nodes),
  getNode: (id: string) => request<GraphNode>(node(id)),
  neighbourhood: (id: string, options: NeighbourhoodRequest = {}) => request<Subgraph>(withQuery(`${node(id)}/neighbourhood`, { ...options })),
  search: (q: string, options: { limit?: number; types?: NodeType[] } = {}, signal?: AbortSignal) =>
    request<SearchResult>(withQuery('/api/search', { q, ...options }), { signal }),
  disclosure: (profession: string, recipient?: string) => request<DisclosureMap>(withQuery('/api/disclosure', { profession, recipient })),
  assess: (body: InterviewRequest) => request<Answer>('/api/assess', { method: 'POST', body: JSON.stringify(body) }),
  facts: () => request<{ facts: Fact[] }>('/api/facts').then((r) => r.facts),
  situations: () => request<{ situations: SituationKind[] }>('/api/situations').then((r) => r.situations),
  paths: (from: string, to: string) => request<PathsResult>(withQuery('/api/paths', { from, to })),
  summary: () => request<LawSummary>('/api/summary'),
  dependants: (id: string) => request<DependantsResult>(`${node(id)}/dependants`),
  reforms: () => request<{ reforms: NamedReform[] }>('/api/reforms').then((r) => r.reforms),
  reform: (changes: ReformChangeInput[], label: string) => request<ReformResult>('/api/reform', { method: 'POST', body: JSON.stringify({ changes, label }) }),
  /** The reform's two tables as CSV (the server's ?format=csv), the reform named on the first line. */
  reformCsv: (changes: ReformChangeInput[], label: string) =>
    request<string>('/api/reform?format=csv', { method: 'POST', body: JSON.stringify({ changes, label }) }, 'text/csv'),
};
