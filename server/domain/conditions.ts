// Three-valued evaluation of conditions (DOMAIN §5): true, false, or unknown
// (undefined). `all` is false if any is false, true if all are true; `any` is
// true if any is true, false if all are false; otherwise unknown.
import type { EvaluatedRequirement, Requirement, RequirementStatus } from '../schema/api.ts';

export type { EvaluatedRequirement, RequirementStatus };

export type Tri = boolean | undefined;
export type FactValues = Readonly<Record<string, boolean | undefined>>;
export function all(values: Tri[]): Tri {
  if (values.some((v) => v === false)) return false;
  return values.every((v) => v === true) ? true : undefined;
}

export function any(values: Tri[]): Tri {
  if (values.some((v) => v === true)) return true;
  return values.every((v) => v === false) ? false : undefined;
}

export function not(value: Tri): Tri {
  return value === undefined ? undefined : !value;
}

export const statusOf = (value: Tri): RequirementStatus => (value === true ? 'met' : value === false ? 'unmet' : 'unknown');
const valueOf = (status: RequirementStatus): Tri => (status === 'met' ? true : status === 'unmet' ? false : undefined);

export function evaluateRequirement(requirement: Requirement, facts: FactValues): EvaluatedRequirement {
  if (requirement.kind === 'condition') {
    // A fact the graph states (the recipient's legal status) is not the user's to give.
    const value = requirement.stated ? requirement.stated.value : facts[requirement.fact];
    return {
      ...requirement,
      value: value ?? null,
      status: statusOf(value === undefined ? undefined : value === requirement.expected),
    };
  }
  const children = requirement.children.map((child) => evaluateRequirement(child, facts));
  const values = children.map((child) => valueOf(child.status));
  return { ...requirement, children, status: statusOf(requirement.mode === 'all' ? all(values) : any(values)) };
}

/** A list of requirements holds when all of them do (an empty list always holds). */
export function evaluateAll(requirements: Requirement[], facts: FactValues): { value: Tri; evaluated: EvaluatedRequirement[] } {
  const evaluated = requirements.map((r) => evaluateRequirement(r, facts));
  return { value: all(evaluated.map((e) => valueOf(e.status))), evaluated };
}

/** Every fact a list of requirements reads, in reading order, without repeats; a fact the graph states is not read. */
export function factsOf(requirements: Requirement[]): string[] {
  const seen = new Set<string>();
  const walk = (r: Requirement) => {
    if (r.kind === 'condition') {
      if (!r.stated) seen.add(r.fact);
    } else r.children.forEach(walk);
  };
  requirements.forEach(walk);
  return [...seen];
}
