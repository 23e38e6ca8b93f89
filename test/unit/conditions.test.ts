import { describe, expect, it } from 'vitest';
import { all, any, evaluateAll, evaluateRequirement } from '../../server/domain/conditions.ts';
import type { Requirement } from '../../server/schema/api.ts';

const c = (fact: string, expected = true): Requirement => ({ kind: 'condition', id: fact, label: fact, fact, expected });

describe('three-valued logic', () => {
  it('all: false if any is false, true if all are true, else unknown', () => {
    expect(all([true, undefined, false])).toBe(false);
    expect(all([true, true])).toBe(true);
    expect(all([true, undefined])).toBeUndefined();
    expect(all([])).toBe(true);
  });

  it('any: true if any is true, false if all are false, else unknown', () => {
    expect(any([false, undefined, true])).toBe(true);
    expect(any([false, false])).toBe(false);
    expect(any([false, undefined])).toBeUndefined();
  });
});

describe('evaluateRequirement', () => {
  it('compares a fact with the expected value and reports the value used', () => {
    expect(evaluateRequirement(c('x'), { x: true })).toMatchObject({ status: 'met', value: true });
    expect(evaluateRequirement(c('x', false), { x: true })).toMatchObject({ status: 'unmet', value: true });
    expect(evaluateRequirement(c('x'), {})).toMatchObject({ status: 'unknown', value: null });
  });

  it('evaluates nested groups', () => {
    const tree: Requirement = {
      kind: 'group',
      id: 'g',
      label: 'g',
      mode: 'any',
      children: [c('a'), { kind: 'group', id: 'h', label: 'h', mode: 'all', children: [c('b'), c('c')] }],
    };
    expect(evaluateRequirement(tree, { a: false, b: true }).status).toBe('unknown');
    expect(evaluateRequirement(tree, { a: false, b: true, c: true }).status).toBe('met');
    expect(evaluateRequirement(tree, { a: false, b: false }).status).toBe('unmet');
  });

  it('holds an empty list of requirements', () => {
    expect(evaluateAll([], {}).value).toBe(true);
  });
});
