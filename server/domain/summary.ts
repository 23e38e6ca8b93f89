// The summary of the law (« Vue d'ensemble »): instrument → article →
// exception → recipient, the routes a lawyer reads first, before their
// conditions, duties and examples. It is cut into one part per source (an
// instrument with its articles, or a ruling) so that each part can be drawn
// with readable labels: fewer nodes, not smaller ones.
import type { LawSummary } from '../schema/api.ts';
import type { GraphEdge, GraphNode, RelationType } from '../schema/graph.ts';

export type { LawSummary };

const DISCLOSURE: RelationType[] = ['PERMITS_DISCLOSURE_TO', 'REQUIRES_DISCLOSURE_TO'];

/** What the summary is made of: the drawn relations, and the secret a route lifts (to put its text first). */
export const SUMMARY_RELATIONS: RelationType[] = ['PART_OF', 'ESTABLISHES', ...DISCLOSURE, 'DEROGATES_FROM'];

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The summary, from every edge of SUMMARY_RELATIONS and the nodes at their ends. */
export function summarizeLaw(selection: { nodes: GraphNode[]; edges: GraphEdge[] }): LawSummary {
  const node = new Map(selection.nodes.map((n) => [n.id, n]));
  const typeOf = (id: string) => node.get(id)?.type;
  const [outgoing, incoming] = [new Map<string, GraphEdge[]>(), new Map<string, GraphEdge[]>()];
  const add = (index: Map<string, GraphEdge[]>, id: string, edge: GraphEdge) => (index.get(id) ?? index.set(id, []).get(id)!).push(edge);
  for (const edge of selection.edges) {
    add(outgoing, edge.source, edge);
    add(incoming, edge.target, edge);
  }
  const outOf = (id: string, types: RelationType[]) => (outgoing.get(id) ?? []).filter((e) => types.includes(e.type));
  const inOf = (id: string, types: RelationType[]) => (incoming.get(id) ?? []).filter((e) => types.includes(e.type));

  // A route: an exception some article or ruling establishes, towards at least one recipient.
  const routes = selection.nodes.filter((n) => n.type === 'Exception' && outOf(n.id, DISCLOSURE).length && inOf(n.id, ['ESTABLISHES']).length);
  const lifted = new Set(routes.flatMap((r) => outOf(r.id, ['DEROGATES_FROM']).map((e) => e.target)));
  const parts = new Map<string, { edges: Map<string, GraphEdge>; routes: Set<string> }>();
  const part = (id: string) => parts.get(id) ?? parts.set(id, { edges: new Map(), routes: new Set() }).get(id)!;

  for (const route of routes) {
    for (const established of inOf(route.id, ['ESTABLISHES'])) {
      const source = established.source;
      if (typeOf(source) !== 'Provision' && typeOf(source) !== 'CaseLaw') continue;
      // An article is read within its instrument; a ruling (or an article of no known instrument) stands alone.
      const within = typeOf(source) === 'Provision' ? outOf(source, ['PART_OF']).find((e) => typeOf(e.target) === 'Instrument') : undefined;
      const p = part(within?.target ?? source);
      if (within) p.edges.set(within.id, within);
      p.edges.set(established.id, established);
      outOf(route.id, DISCLOSURE).forEach((e) => p.edges.set(e.id, e));
      p.routes.add(route.id);
    }
  }

  const sources = [...parts].map(([id, p]) => {
    const ids = new Set([id, ...[...p.edges.values()].flatMap((e) => [e.source, e.target])]);
    const source = node.get(id)!;
    return { id, type: source.type, label: source.label, nodes: [...ids].sort(), routes: p.routes.size, holdsSecret: [...ids].some((n) => lifted.has(n)) };
  });
  // The text of the secret the routes lift first, then instruments before rulings, the richest first.
  const rank = (s: (typeof sources)[number]) => [s.holdsSecret ? 0 : 1, s.type === 'Instrument' ? 0 : 1, -s.routes] as const;
  sources.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || a.label.localeCompare(b.label, 'fr');
  });
  const drawn = new Map([...parts.values()].flatMap((p) => [...p.edges]));
  const kept = new Set(sources.flatMap((s) => s.nodes));
  return {
    nodes: selection.nodes.filter((n) => kept.has(n.id)).sort(byId),
    edges: [...drawn.values()].sort(byId),
    sources: sources.map(({ holdsSecret: _, ...s }) => s),
  };
}
