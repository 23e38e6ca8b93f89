// A route told step by step, for the formation mode: start at the profession
// and walk the route's elements breadth-first, visiting the article before the
// conditions, the conditions before the recipient and the duties last, so the
// walk reads like the brochure's reasoning.
import { RELATION_LABELS } from './labels.ts';
import type { EdgeRef, Elements, GraphNode, NodeType } from './types.ts';

export interface WalkStep {
  node: Pick<GraphNode, 'id' | 'label' | 'type'>;
  /** the relation that led here; absent for the first step */
  edge?: EdgeRef;
  sentence: string;
}

const ORDER: Partial<Record<NodeType, number>> = {
  Profession: 0,
  Exception: 1,
  Provision: 2,
  CaseLaw: 2,
  Instrument: 3,
  ConditionGroup: 4,
  Condition: 4,
  Limit: 5,
  Recipient: 6,
  Duty: 7,
};
const rank = (node: Pick<GraphNode, 'type'>) => ORDER[node.type] ?? 8;

export function walkRoute(
  elements: Elements,
  lookup: (id: string) => Pick<GraphNode, 'id' | 'label' | 'type'> | undefined,
  start?: string,
): WalkStep[] {
  const nodes = elements.nodes.map(lookup).filter((n): n is NonNullable<typeof n> => n !== undefined);
  const known = new Set(nodes.map((n) => n.id));
  const edges = elements.edges.filter((e) => known.has(e.source) && known.has(e.target));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const label = (id: string) => byId.get(id)!.label;
  const sentence = (edge: EdgeRef) => `${label(edge.source)} ${RELATION_LABELS[edge.type]} ${label(edge.target)}`;

  const steps: WalkStep[] = [];
  const seen = new Set<string>();
  const visit = (from: Pick<GraphNode, 'id' | 'label' | 'type'>) => {
    const queue = [from];
    seen.add(from.id);
    steps.push({ node: from, sentence: from.label });
    while (queue.length) {
      const current = queue.shift()!;
      const next = edges
        .filter((e) => e.source === current.id || e.target === current.id)
        .map((edge) => ({ edge, node: byId.get(edge.source === current.id ? edge.target : edge.source)! }))
        .filter(({ node }) => !seen.has(node.id))
        .sort((a, b) => rank(a.node) - rank(b.node) || a.node.label.localeCompare(b.node.label, 'fr'));
      for (const { edge, node } of next) {
        if (seen.has(node.id)) continue;
        seen.add(node.id);
        steps.push({ node, edge, sentence: sentence(edge) });
        queue.push(node);
      }
    }
  };
  const first = (start && byId.get(start)) || [...nodes].sort((a, b) => rank(a) - rank(b))[0];
  if (first) visit(first);
  for (const node of nodes) if (!seen.has(node.id)) visit(node);
  return steps;
}
