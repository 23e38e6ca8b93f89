// "Which provisions let this profession reveal to whom": the disclosure map,
// every route grouped by the recipient it names.
import type { DisclosureMap, DisclosureRoute } from '../schema/api.ts';
import type { RouteCandidates } from './routes.ts';

export type { DisclosureMap, DisclosureRoute };

export function findDisclosureRoutes(candidates: RouteCandidates): DisclosureMap {
  const groups = new Map<string, DisclosureMap['groups'][number]>();
  for (const route of candidates.routes) {
    const recipient = candidates.recipient ?? route.target;
    if (!groups.has(recipient.id)) groups.set(recipient.id, { recipient, routes: [] });
    groups.get(recipient.id)!.routes.push({
      exception: route.exception,
      effect: route.exception.effect,
      provisions: route.sources,
      conditions: route.requirements,
      limits: route.limits.map(({ limit, sources, requirements }) => ({ limit, sources, requirements })),
      duties: route.duties,
      elements: route.elements,
    });
  }
  const { id, label, bound } = candidates.profession;
  return {
    profession: { id, type: 'Profession', label, bound },
    recipient: candidates.recipient,
    groups: [...groups.values()].sort((a, b) => (a.recipient.id < b.recipient.id ? -1 : 1)),
  };
}
