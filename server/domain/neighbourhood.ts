// The neighbourhood of a node, level by level, as one algorithm for both
// engines: each engine only answers "which nodes touch this frontier" and
// "which edges join these nodes". Levels are cut in id order when they would
// pass `maxNodes`, so a truncated answer is the same on both engines.
import type { NodeType, RelationType } from '../schema/graph.ts';

export const DEFAULT_MAX_NODES = 500;

export interface NeighbourLookup {
  /** ids of nodes joined to any frontier node by an edge of an allowed type (either direction), of an allowed node type */
  adjacent(frontier: string[], relationTypes: RelationType[] | undefined, nodeTypes: NodeType[] | undefined): Promise<string[]>;
}

export async function collectNeighbourhood(
  lookup: NeighbourLookup,
  center: string,
  options: { depth: number; nodeTypes?: NodeType[]; relationTypes?: RelationType[]; maxNodes?: number },
): Promise<{ ids: string[]; truncated: boolean }> {
  const maxNodes = Math.max(1, options.maxNodes ?? DEFAULT_MAX_NODES);
  const included = new Set([center]);
  let frontier = [center];
  let truncated = false;
  for (let level = 0; level < options.depth && frontier.length && !truncated; level++) {
    let next = [...new Set(await lookup.adjacent(frontier, options.relationTypes, options.nodeTypes))]
      .filter((id) => !included.has(id))
      .sort();
    if (included.size + next.length > maxNodes) {
      next = next.slice(0, maxNodes - included.size);
      truncated = true;
    }
    next.forEach((id) => included.add(id));
    frontier = next;
  }
  return { ids: [...included].sort(), truncated };
}
