// Which route decides a worked example's answer, so that Formation walks it:
// the route the example illustrates (its ILLUSTRATES links) when its status
// agrees with the verdict; else an open route of the verdict's effect; for a
// « Non », the closed route that a fact of the example closes.
import type { AssessedRoute, Assessment, EvaluatedRequirement } from './types.ts';

function unmetFacts(items: EvaluatedRequirement[]): string[] {
  return items.flatMap((c) => (c.status !== 'unmet' ? [] : c.kind === 'group' ? unmetFacts(c.children) : [c.fact]));
}

export function decidingRoute(
  result: Pick<Assessment, 'verdict' | 'routes'> | undefined,
  given: Record<string, boolean>,
  illustrated: Set<string>,
): AssessedRoute | undefined {
  if (!result) return undefined;
  const { routes, verdict } = result;
  const agrees = (r: AssessedRoute) =>
    verdict === 'permitted' || verdict === 'required'
      ? r.status === 'open'
      : verdict === 'forbidden'
        ? r.status === 'closed'
        : verdict === 'undetermined'
          ? r.status !== 'open'
          : true;
  const effect = verdict === 'required' ? 'requires' : 'permits';
  const closedByGiven = (r: AssessedRoute) => r.status === 'closed' && unmetFacts(r.conditions).some((fact) => fact in given);
  return (
    routes.find((r) => illustrated.has(r.exception.id) && agrees(r)) ??
    routes.find((r) => r.status === 'open' && r.effect === effect) ??
    routes.find((r) => r.status === 'open') ??
    (verdict === 'forbidden' ? routes.find(closedByGiven) : undefined) ??
    routes.find((r) => r.status === 'undetermined') ??
    routes[0]
  );
}
