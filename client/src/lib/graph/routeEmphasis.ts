// How routes paint the graph: an element on any open route is "open", else on
// an undetermined one "undetermined", else "closed" (dimmed).
import type { Emphasis } from './model.ts';
import type { EdgeRef, Elements, RouteStatus } from '../types.ts';

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

type Step = { node: { id: string }; edge?: Pick<EdgeRef, 'id' | 'source' | 'target'>; also?: string[] };

/**
 * The formation walk: steps before `step` visited, `step` current, the rest ahead.
 * The steps walked on a route that is not open are traced, not painted as « Chemin ouvert ».
 */
export function emphasisOfWalk(steps: Step[], step: number, all: string[], open = true): Map<string, Emphasis> {
  const emphasis = new Map<string, Emphasis>(all.map((id) => [id, 'ahead']));
  steps.forEach((s, i) => {
    if (i > step) return;
    const kind: Emphasis = i === step ? 'current' : open ? 'visited' : 'traced';
    emphasis.set(s.node.id, kind);
    if (s.edge) emphasis.set(s.edge.id, kind);
    for (const id of s.also ?? []) emphasis.set(id, kind);
  });
  return emphasis;
}

/**
 * What the graph frames at a step of the walk, from what must show to what should if it can at a
 * readable size: the step's node; the step (its node, the node it comes from, what it folds in); with the exception
 * and the articles that establish it; with every step walked so far.
 */
export function framingOfWalk(steps: Step[], step: number, exception: string, edges: Pick<EdgeRef, 'type' | 'source' | 'target'>[]): string[][] {
  const ids = (s: Step) => [s.node.id, ...(s.edge ? [s.edge.source, s.edge.target] : []), ...(s.also ?? [])];
  const current = steps[step];
  if (!current) return [];
  const basis = [exception, ...edges.filter((e) => e.type === 'ESTABLISHES' && e.target === exception).map((e) => e.source)];
  const here = ids(current);
  return [[current.node.id], here, [...here, ...basis], [...new Set([...basis, ...steps.slice(0, step + 1).flatMap(ids)])]];
}

/**
 * What Évaluer frames of the route its verdict rests on, from what must show to what should if it can
 * at a readable size: the exception with the articles that establish it; with the recipient; with the
 * profession asked (the route's spine, read from one end to the other); the whole route.
 */
export function framingOfRoute(route: { exception: { id: string }; recipient: { id: string }; elements: Elements }, profession?: string): string[][] {
  const exception = route.exception.id;
  const basis = [exception, ...route.elements.edges.filter((e) => e.type === 'ESTABLISHES' && e.target === exception).map((e) => e.source)];
  const withRecipient = [...basis, route.recipient.id];
  const spine = profession ? [...withRecipient, profession] : withRecipient;
  return [basis, withRecipient, spine, route.elements.nodes];
}

/**
 * What « À qui »'s « Voir » frames of a route, read from its start: the profession; with the next node
 * along the route; and so on to the whole route (the nodes `shown` keeps, nearest the start first).
 * The largest that reads is framed, so a route too long for the canvas is framed from where it starts.
 */
export function framingFromStart(start: string, elements: Elements, shown: (id: string) => boolean): string[][] {
  const order = [start];
  for (let i = 0; i < order.length; i++) {
    for (const edge of elements.edges) {
      const next = edge.source === order[i] ? edge.target : edge.target === order[i] ? edge.source : undefined;
      if (next && !order.includes(next)) order.push(next);
    }
  }
  const drawn = order.filter(shown);
  return drawn.map((_, i) => drawn.slice(0, i + 1));
}
