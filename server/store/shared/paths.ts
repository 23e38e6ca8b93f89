// Canonical order of paths, shared by both engines: step by step, the next
// node's id, then the id of the edge taken to reach it.
export { DEFAULT_MAX_PATH_LENGTH, DEFAULT_PATH_LIMIT } from '../../schema/defaults.ts';

export interface PathIds {
  /** node ids from start to end */
  nodes: string[];
  /** edges[i] joins nodes[i] and nodes[i + 1] */
  edges: string[];
}

const cmp = (a = '', b = '') => (a === b ? 0 : a < b ? -1 : 1);

export function comparePaths(a: PathIds, b: PathIds): number {
  const first = cmp(a.nodes[0], b.nodes[0]);
  if (first) return first;
  for (let i = 1; i < Math.max(a.nodes.length, b.nodes.length); i++) {
    const step = cmp(a.nodes[i], b.nodes[i]) || cmp(a.edges[i - 1], b.edges[i - 1]);
    if (step) return step;
  }
  return 0;
}
