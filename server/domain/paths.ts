// Canonical order of paths, shared by both engines: step by step, the next
// node's id, then the id of the edge taken to reach it.
export const DEFAULT_MAX_PATH_LENGTH = 6;
export const DEFAULT_PATH_LIMIT = 10;

export interface PathIds {
  nodes: string[];
  edges: string[];
}

export function comparePaths(a: PathIds, b: PathIds): number {
  const steps = Math.max(a.nodes.length, b.nodes.length);
  for (let i = 0; i < steps; i++) {
    const an = a.nodes[i] ?? '';
    const bn = b.nodes[i] ?? '';
    if (an !== bn) return an < bn ? -1 : 1;
    const ae = a.edges[i] ?? '';
    const be = b.edges[i] ?? '';
    if (ae !== be) return ae < be ? -1 : 1;
  }
  return 0;
}
