// "À qui s'applique cette voie ?": an exception APPLIES_TO a profession or a
// category (dépositaire, travailleur social…); it applies to every profession
// that IS_A one of them, directly or through a chain of categories.
import type { GraphEdge } from './types.ts';

/** The ids of `roots` and of every node reaching one of them by IS_A edges. */
export function professionsUnder(roots: string[], edges: Pick<GraphEdge, 'source' | 'target' | 'type'>[]): Set<string> {
  const reached = new Set(roots);
  const queue = [...roots];
  while (queue.length) {
    const category = queue.shift()!;
    for (const edge of edges) {
      if (edge.type !== 'IS_A' || edge.target !== category || reached.has(edge.source)) continue;
      reached.add(edge.source);
      queue.push(edge.source);
    }
  }
  return reached;
}
