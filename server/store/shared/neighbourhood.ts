// The neighbourhood of a node, level by level: the in-memory engine runs this
// algorithm, and the Neo4j engine writes the same levels out in Cypher (the
// contract suite holds them to the same answers). An engine only answers
// "which nodes touch this frontier". Levels are cut in id order when they
// would pass `maxNodes`, so a truncated answer is the same on both engines.
import type { NodeType, RelationType } from '../../schema/graph.ts';

import { DEFAULT_MAX_NODES } from '../../schema/defaults.ts';

export { DEFAULT_MAX_NODES };

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
    let next = [...new Set(await lookup.adjacent(frontier, options.relationTypes, options.nodeTypes))].filter((id) => !included.has(id));
    const room = maxNodes - included.size;
    if (next.length > room) {
      next = smallestIds(next, room);
      truncated = true;
    }
    next.forEach((id) => included.add(id));
    frontier = next;
  }
  return { ids: [...included].sort(), truncated };
}

/**
 * The `count` smallest ids, sorted: `[...ids].sort().slice(0, count)` without
 * sorting them all. Around a hub (cp-458 has ~20,000 neighbours at 1M nodes) a
 * level of tens of thousands is cut to a few hundred: a max-heap of the best so
 * far costs most ids one comparison.
 */
export function smallestIds(ids: string[], count: number): string[] {
  if (count <= 0) return [];
  const heap: string[] = [];
  for (const id of ids) {
    if (heap.length < count) {
      heap.push(id);
      siftUp(heap, heap.length - 1);
    } else if (id < heap[0]) {
      heap[0] = id;
      siftDown(heap, 0);
    }
  }
  return heap.sort();
}

function siftUp(heap: string[], i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent] >= heap[i]) return;
    [heap[parent], heap[i]] = [heap[i], heap[parent]];
    i = parent;
  }
}

function siftDown(heap: string[], i: number): void {
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let largest = i;
    if (left < heap.length && heap[left] > heap[largest]) largest = left;
    if (right < heap.length && heap[right] > heap[largest]) largest = right;
    if (largest === i) return;
    [heap[largest], heap[i]] = [heap[i], heap[largest]];
    i = largest;
  }
}
