// All shortest paths between two nodes of the in-memory graph, ignoring
// direction, the first `limit` in canonical order (comparePaths).
//
// A breadth-first search from `from` alone visits everything within the
// distance, which through the hub cp-458 is most of a large graph. Instead,
// both ends grow by whole levels, the cheaper frontier first, and stop at the
// level where they meet. The meeting nodes are the shortest paths' nodes at
// that position; walking each side back to its end keeps only the nodes on
// some shortest path, and the walk in canonical order follows those.
import { comparePaths, type PathIds } from '../shared/paths.ts';
import type { Incidence } from './Incidence.ts';

/** One end's search: hop counts from the end, and the nodes at each count. */
interface Side {
  distance: Map<string, number>;
  levels: string[][];
}

const sideFrom = (end: string): Side => ({ distance: new Map([[end, 0]]), levels: [[end]] });
const depthOf = (side: Side) => side.levels.length - 1;

export function shortestPathIds(incidence: Incidence, from: string, to: string, maxLength: number, limit: number): PathIds[] {
  if (from === to) return [{ nodes: [from], edges: [] }];
  const meeting = meet(incidence, sideFrom(from), sideFrom(to), maxLength);
  if (!meeting) return [];
  const { start, end, middle } = meeting;
  const length = depthOf(start) + depthOf(end);
  // position on a shortest path (hops from `from`) of every node on one
  const position = new Map<string, number>();
  backTrack(incidence, start, middle).forEach((level, d) => level.forEach((n) => position.set(n, d)));
  backTrack(incidence, end, middle).forEach((level, d) => level.forEach((n) => position.set(n, length - d)));
  return walkInOrder(incidence, from, to, position, limit);
}

/** Grows the two sides level by level until they share nodes; those nodes, or undefined when no path fits in `maxLength`. */
function meet(incidence: Incidence, start: Side, end: Side, maxLength: number): { start: Side; end: Side; middle: string[] } | undefined {
  while (depthOf(start) + depthOf(end) < maxLength) {
    const grow = frontierCost(incidence, start) <= frontierCost(incidence, end) ? start : end;
    const other = grow === start ? end : start;
    const level = growLevel(incidence, grow);
    if (!level.length) return undefined;
    // The sides were disjoint before this level, so the first common nodes are exactly
    // the shortest paths' nodes at this position, all on the other side's last level.
    const middle = level.filter((n) => other.distance.has(n));
    if (middle.length) return { start, end, middle };
  }
  return undefined;
}

/** Edges to scan to grow a side by one level. */
function frontierCost(incidence: Incidence, side: Side): number {
  let cost = 0;
  for (const n of side.levels[depthOf(side)]) cost += incidence.degree(n);
  return cost;
}

function growLevel(incidence: Incidence, side: Side): string[] {
  const d = side.levels.length;
  const level: string[] = [];
  for (const node of side.levels[d - 1]) {
    incidence.forEach(node, (_edge, neighbour) => {
      if (!side.distance.has(neighbour)) {
        side.distance.set(neighbour, d);
        level.push(neighbour);
      }
    });
  }
  side.levels.push(level);
  return level;
}

/** Per hop count from the side's end, the nodes that lie on a shortest path through `middle`. */
function backTrack(incidence: Incidence, side: Side, middle: string[]): string[][] {
  const kept: string[][] = [];
  kept[depthOf(side)] = middle;
  for (let d = depthOf(side); d > 0; d--) {
    const previous = new Set<string>();
    for (const node of kept[d]) {
      incidence.forEach(node, (_edge, neighbour) => {
        if (side.distance.get(neighbour) === d - 1) previous.add(neighbour);
      });
    }
    kept[d - 1] = [...previous];
  }
  return kept;
}

/**
 * Depth-first from `from` along shortest-path edges, each node's steps in
 * canonical order (next node's id, then edge id), so the first `limit` paths
 * found are the first `limit` in comparePaths order. Every node on the way
 * leads to `to`, so the walk never backtracks from a dead end.
 */
function walkInOrder(incidence: Incidence, from: string, to: string, position: Map<string, number>, limit: number): PathIds[] {
  const steps = new Map<string, { next: string; edge: string }[]>();
  const stepsFrom = (node: string) => {
    let list = steps.get(node);
    if (!list) {
      const wanted = position.get(node)! + 1;
      list = [];
      incidence.forEach(node, (edge, next) => {
        if (position.get(next) === wanted) list!.push({ next, edge: edge.id });
      });
      list.sort((a, b) => comparePaths({ nodes: [node, a.next], edges: [a.edge] }, { nodes: [node, b.next], edges: [b.edge] }));
      steps.set(node, list);
    }
    return list;
  };
  const found: PathIds[] = [];
  const path: PathIds = { nodes: [from], edges: [] };
  const walk = (node: string) => {
    if (node === to) {
      found.push({ nodes: [...path.nodes], edges: [...path.edges] });
      return;
    }
    for (const step of stepsFrom(node)) {
      if (found.length >= limit) return;
      path.nodes.push(step.next);
      path.edges.push(step.edge);
      walk(step.next);
      path.nodes.pop();
      path.edges.pop();
    }
  };
  walk(from);
  return found;
}
