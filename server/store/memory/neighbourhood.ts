// The neighbourhood's node ids for the in-memory engine: the same answer as
// collectNeighbourhood (server/domain/neighbourhood.ts), which both engines
// must give, without sorting a whole level that is cut. Around the hub cp-458
// at 1M nodes, the first level has ~20,000 nodes of which at most 499 are
// kept: those are picked with a bounded heap, and only they are sorted.
import type { GraphNode, NodeType, RelationType } from '../../schema/graph.ts';
import { DEFAULT_MAX_NODES } from '../../domain/neighbourhood.ts';
import type { NeighbourhoodOptions } from '../GraphStore.ts';
import type { Incidence } from './Incidence.ts';

/** The graph as the neighbourhood reads it: edges by node, and nodes by id. */
export interface NeighbourGraph {
  incidence: Incidence;
  node(id: string): GraphNode | undefined;
}

export function neighbourhoodIds(graph: NeighbourGraph, center: string, options: NeighbourhoodOptions): { ids: string[]; truncated: boolean } {
  const maxNodes = Math.max(1, options.maxNodes ?? DEFAULT_MAX_NODES);
  const relationTypes = options.relationTypes?.length ? new Set<RelationType>(options.relationTypes) : undefined;
  const nodeTypes = options.nodeTypes?.length ? new Set<NodeType>(options.nodeTypes) : undefined;
  const included = new Set([center]);
  let frontier = [center];
  let truncated = false;
  for (let level = 0; level < options.depth && frontier.length && !truncated; level++) {
    let next = newNeighbours(graph, frontier, included, relationTypes, nodeTypes);
    const room = maxNodes - included.size;
    if (next.length > room) {
      next = smallest(next, room);
      truncated = true;
    }
    next.forEach((id) => included.add(id));
    frontier = next;
  }
  return { ids: [...included].sort(), truncated };
}

/** Distinct nodes joined to the frontier by an allowed edge (either direction), of an allowed type, not yet included. */
function newNeighbours(graph: NeighbourGraph, frontier: string[], included: Set<string>, relationTypes?: Set<RelationType>, nodeTypes?: Set<NodeType>): string[] {
  const found = new Set<string>();
  for (const node of frontier) {
    graph.incidence.forEach(node, (edge, other) => {
      if (relationTypes && !relationTypes.has(edge.type)) return;
      if (included.has(other) || found.has(other)) return;
      if (!nodeTypes || nodeTypes.has(graph.node(other)!.type)) found.add(other);
    });
  }
  return [...found];
}

/** The `count` smallest ids, sorted: a max-heap of the best so far, so most ids cost one comparison. */
function smallest(ids: string[], count: number): string[] {
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
