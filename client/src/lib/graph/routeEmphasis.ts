// How routes paint the graph: an element on any open route is "open", else on
// an undetermined one "undetermined", else "closed" (dimmed).
import type { Emphasis } from './model.ts';
import type { Elements, RouteStatus } from '../types.ts';

const PRIORITY: Record<RouteStatus, number> = { open: 3, undetermined: 2, closed: 1 };

export function emphasisOfRoutes(routes: { status: RouteStatus; elements: Elements }[]): Map<string, Emphasis> {
  const best = new Map<string, RouteStatus>();
  for (const route of routes) {
    for (const id of [...route.elements.nodes, ...route.elements.edges.map((e) => e.id)]) {
      const known = best.get(id);
      if (!known || PRIORITY[route.status] > PRIORITY[known]) best.set(id, route.status);
    }
  }
  return best;
}

/** The formation walk: steps before `step` visited, `step` current, the rest ahead. */
export function emphasisOfWalk(steps: { node: { id: string }; edge?: { id: string }; also?: string[] }[], step: number, all: string[]): Map<string, Emphasis> {
  const emphasis = new Map<string, Emphasis>(all.map((id) => [id, 'ahead']));
  steps.forEach((s, i) => {
    if (i > step) return;
    const kind: Emphasis = i === step ? 'current' : 'visited';
    emphasis.set(s.node.id, kind);
    if (s.edge) emphasis.set(s.edge.id, kind);
    for (const id of s.also ?? []) emphasis.set(id, kind);
  });
  return emphasis;
}
