// What test/unit/data-check.test.ts leaves out: hostile YAML (alias bombs,
// tags, duplicate keys, JSON syntax errors), files that are not lists, facts
// of the wrong type, and the commands themselves — `data:check` exits 1 naming
// file and record, and neither `db:load` nor the server starts on such data.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/neo4j/server.ts';
import { checkGraphData, findBrochure, GraphDataError } from '../../server/graph/load.ts';
import { createGraphStore, readStoreConfig } from '../../server/store/createGraphStore.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BASE = resolve(ROOT, 'test/fixtures/graph-data-broken/_base');
const brochure = findBrochure();
const brochureText = brochure ? readFileSync(brochure, 'utf8') : undefined;

const record = (extra = '') =>
  `- id: kinesitherapeute\n  type: Profession\n  label: Kinésithérapeute\n  bound: true\n${extra}  citations:\n    - section: Règle de base\n      quote: "Règle de base"\n`;
const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdef'[i]}`).join(', ')}]`)].join(
  '\n',
);

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The passing base of the broken fixtures, with one file written over it. */
function graphWith(file: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'secretum-hardening-'));
  made.push(dir);
  cpSync(BASE, dir, { recursive: true });
  writeFileSync(join(dir, file), text);
  return dir;
}

describe('data:check on hostile graph-data', () => {
  const cases: { name: string; file: string; text: string; message: RegExp; record?: string }[] = [
    { name: 'JSON with a syntax error', file: 'extra.yaml', text: '[{"id": "kinesitherapeute", "type": "Profession",}', message: /invalid YAML/ },
    { name: 'a map where a list belongs', file: 'extra.yaml', text: 'id: kinesitherapeute\ntype: Profession\n', message: /YAML list of records/ },
    { name: 'an empty file', file: 'extra.yaml', text: '', message: /YAML list of records/ },
    { name: 'a key given twice', file: 'extra.yaml', text: record('  label: Autre\n'), message: /keys must be unique/ },
    { name: 'an alias bomb', file: 'extra.yaml', text: bomb, message: /resource exhaustion/ },
    { name: 'a language tag', file: 'extra.yaml', text: '- !!js/function "function () { return 1 }"\n', message: /expected object/ },
    { name: 'a number for an id', file: 'extra.yaml', text: record().replace('id: kinesitherapeute', 'id: 458'), message: /id: .*expected string/ },
    {
      name: 'a fact of the wrong types',
      file: 'facts.yaml',
      text: `${readFileSync(join(BASE, 'facts.yaml'), 'utf8')}- id: grave_peril_bis\n  question: [pas, une, phrase]\n`,
      message: /question: .*expected string/,
      record: 'grave_peril_bis',
    },
  ];

  for (const c of cases) {
    it(`rejects ${c.name}, naming the file${c.record ? ' and the record' : ''}`, () => {
      const started = performance.now();
      const { problems } = checkGraphData(graphWith(c.file, c.text), { brochureText });
      expect(performance.now() - started, 'rejected quickly').toBeLessThan(5_000);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0]).toMatchObject({ file: c.file, message: expect.stringMatching(c.message) });
      if (c.record) expect(problems[0].record).toBe(c.record);
    });
  }
});

describe('the commands on broken graph-data', () => {
  const broken = () => graphWith('extra.yaml', record().replace('bound: true', 'bound: "yes"'));
  const run = (script: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });

  it('data:check exits 1 and prints the file, the record and the problem', () => {
    const result = run('scripts/data-check.ts', [broken()]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/extra\.yaml \[kinesitherapeute\]: bound: .*expected boolean/);
  });

  it('db:load refuses before it touches Neo4j', async () => {
    // Nothing listens on this port: reaching it would fail differently, with a connection error.
    const result = run('scripts/db-load.ts', [], { GRAPH_DATA_DIR: broken(), NEO4J_URI: `bolt://127.0.0.1:${await freePort()}` });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/graph-data has 1 problem\(s\)[\s\S]*extra\.yaml \[kinesitherapeute\]/);
  });

  it('the server does not start on it', async () => {
    await expect(createGraphStore(readStoreConfig({ GRAPH_ENGINE: 'memory', GRAPH_DATA_DIR: broken() }))).rejects.toThrow(GraphDataError);
  });
});
