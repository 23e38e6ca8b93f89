import { describe, expect, it } from 'vitest';
import { professionsUnder } from '../../../client/src/lib/professionsOfRoute.ts';

const isA = (source: string, target: string) => ({ source, target, type: 'IS_A' as const });

describe('professionsUnder', () => {
  it('reaches every profession of a category through chains of IS_A, not the categories above it', () => {
    const edges = [
      isA('depositaire', 'toute-personne'),
      isA('medecin', 'depositaire'),
      isA('pediatre', 'medecin'),
      isA('travailleur-social', 'depositaire'),
      isA('as-cpas', 'travailleur-social'),
    ];
    expect([...professionsUnder(['travailleur-social'], edges)].sort()).toEqual(['as-cpas', 'travailleur-social']);
    expect(professionsUnder(['depositaire'], edges)).toEqual(new Set(['depositaire', 'medecin', 'pediatre', 'travailleur-social', 'as-cpas']));
  });

  it('ignores relations other than IS_A and survives cycles', () => {
    const edges = [isA('a', 'b'), isA('b', 'a'), { source: 'c', target: 'a', type: 'BOUND_BY' as const }];
    expect(professionsUnder(['a'], edges)).toEqual(new Set(['a', 'b']));
  });
});
