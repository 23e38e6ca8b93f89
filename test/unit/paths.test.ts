import { describe, expect, it } from 'vitest';
import { comparePaths } from '../../server/store/shared/paths.ts';

describe('comparePaths', () => {
  it('orders by the next node first, then by the edge that reaches it', () => {
    const viaEdgeZ = { nodes: ['a', 'b', 'd'], edges: ['z', 'y'] };
    const viaEdgeA = { nodes: ['a', 'b', 'd'], edges: ['a', 'y'] };
    const viaC = { nodes: ['a', 'c', 'd'], edges: ['a', 'a'] };
    expect([viaC, viaEdgeZ, viaEdgeA].sort(comparePaths)).toEqual([viaEdgeA, viaEdgeZ, viaC]);
  });

  it('puts a path before its own extension', () => {
    expect(comparePaths({ nodes: ['a', 'b'], edges: ['e'] }, { nodes: ['a', 'b', 'c'], edges: ['e', 'f'] })).toBeLessThan(0);
  });
});
