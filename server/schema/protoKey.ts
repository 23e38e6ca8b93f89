// A "__proto__" key survives JSON.parse and YAML parsing as an own key, and
// zod then drops it without a word: `facts: { "__proto__": "oui" }` would pass
// as no fact at all. The API body and graph-data records are both refused
// when they carry one.

/** The dotted path of the first "__proto__" key anywhere in `value`. Iterative: 16 kB of "[" nests deeper than a recursive walk can go. */
export function protoKeyPath(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [current, path] = stack.pop()!;
    if (!current || typeof current !== 'object') continue;
    for (const [key, child] of Object.entries(current)) {
      const at = path ? `${path}.${key}` : key;
      if (key === '__proto__') return at;
      stack.push([child, at]);
    }
  }
  return undefined;
}
