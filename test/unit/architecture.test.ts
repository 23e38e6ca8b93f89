// The layers of the code, as the imports show them: the store selects, the
// domain decides, the service joins them; nothing imports in a circle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE = /\.(ts|svelte)$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? walk(path) : SOURCE.test(name) ? [path] : [];
  });
}

/** Every relative module a file imports (static, dynamic, re-export, type-only alike), as a path from the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(ROOT, resolve(dirname(file), s)));
}

const files = ['server', 'scripts', 'bench', 'client/src'].flatMap((dir) => walk(join(ROOT, dir)));
const graph = new Map(files.map((file) => [relative(ROOT, file), importsOf(file)]));
const importsFrom = (prefix: string) => [...graph].filter(([file]) => file.startsWith(prefix)).flatMap(([file, deps]) => deps.map((dep) => `${file} → ${dep}`));

describe('the layers of the code', () => {
  it('reads a real import graph', () => {
    expect(graph.get('server/service/ExplorerService.ts')).toContain('server/domain/assess.ts');
    expect(graph.size).toBeGreaterThan(80);
  });

  it('keeps the stores free of legal rules: server/store imports nothing from server/domain', () => {
    expect(importsFrom('server/store/').filter((line) => line.includes('→ server/domain/'))).toEqual([]);
  });

  it('keeps the domain pure: server/domain imports only itself and server/schema', () => {
    expect(importsFrom('server/domain/').filter((line) => !/→ server\/(domain|schema)\//.test(line))).toEqual([]);
  });

  it('keeps the law out of the code: no profession or recipient id is written in server/domain (DOMAIN §5.1, property 7)', async () => {
    const { loadGraphData } = await import('../../server/graph/load.ts');
    const parties = loadGraphData()
      .nodes.filter((n) => n.type === 'Profession' || n.type === 'Recipient')
      .map((n) => n.id);
    expect(parties.length).toBeGreaterThan(30);
    const written = files
      .filter((file) => relative(ROOT, file).startsWith('server/domain/'))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return parties.filter((id) => new RegExp(`['"\`]${id}['"\`]`).test(text)).map((id) => `${relative(ROOT, file)}: ${id}`);
      });
    expect(written).toEqual([]);
  });

  it('lets the API reach the store only through the service (createApp, the composition root, is handed the store)', () => {
    const reaching = importsFrom('server/api/').filter((line) => /→ server\/(store|domain)\//.test(line));
    expect(reaching).toEqual(['server/api/app.ts → server/store/GraphStore.ts']);
    expect(readFileSync(join(ROOT, 'server/api/app.ts'), 'utf8')).not.toMatch(/\bstore\.\w+\(/);
  });

  it('keeps the tools apart: scripts import nothing from bench', () => {
    expect(importsFrom('scripts/').filter((line) => line.includes('→ bench/'))).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      // A component that renders itself (a tree of conditions) is recursion, not a cycle.
      for (const dep of graph.get(file) ?? []) if (graph.has(dep) && dep !== file) visit(dep, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of [...graph.keys()].sort()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
