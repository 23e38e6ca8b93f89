// « À qui puis-je parler ? » read as what it tells a professional: the routes
// grouped by what they let you do and how much must be known first, then by
// recipient — not A to Z, where a narrow obligation (the mandant) came first.
import type { DisclosureMap, DisclosureRoute, NodeRef, Requirement } from './types.ts';

export type DisclosureGroupKey = 'must' | 'may' | 'conditions' | 'facts';

export const DISCLOSURE_GROUPS: { key: DisclosureGroupKey; title: string; hint: string }[] = [
  { key: 'must', title: 'Vous devez informer', hint: 'une obligation, dès que sa condition est réunie' },
  { key: 'may', title: 'Vous pouvez informer', hint: 'une faculté, dès que sa condition est réunie' },
  { key: 'conditions', title: 'Vous pouvez informer, sous conditions', hint: 'plusieurs conditions à vérifier ensemble' },
  { key: 'facts', title: 'Selon d’autres faits', hint: 'une obligation possible, qui dépend de plusieurs faits de la situation' },
];

const leaves = (items: Requirement[]): number => items.reduce((n, c) => n + (c.kind === 'group' ? leaves(c.children) : 1), 0);

function groupOf(route: DisclosureRoute): DisclosureGroupKey {
  const simple = leaves(route.conditions) <= 1;
  if (route.effect === 'requires') return simple ? 'must' : 'facts';
  return simple ? 'may' : 'conditions';
}

export interface DisclosureRow {
  key: string;
  recipient: NodeRef;
  route: DisclosureRoute;
}

export function groupDisclosure(map: DisclosureMap): { key: DisclosureGroupKey; title: string; hint: string; rows: DisclosureRow[] }[] {
  const rows = map.groups.flatMap((g) => g.routes.map((route) => ({ key: `${g.recipient.id}|${route.exception.id}`, recipient: g.recipient, route })));
  return DISCLOSURE_GROUPS.map((group) => ({
    ...group,
    rows: rows
      .filter((r) => groupOf(r.route) === group.key)
      .sort((a, b) => a.recipient.label.localeCompare(b.recipient.label, 'fr') || a.route.exception.label.localeCompare(b.route.exception.label, 'fr')),
  })).filter((g) => g.rows.length > 0);
}
