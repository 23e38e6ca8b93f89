// npm run expected:update — recompute the reviewed answers of the real graph
// (test/contract/expected/real-graph.json) on the in-memory engine, show what
// changed, and write them. Review the diff before committing it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadGraphData } from '../server/graph/load.ts';
import { MemoryGraphStore } from '../server/store/memory/MemoryGraphStore.ts';
import { realGraphAnswers } from '../test/contract/realGraphAnswers.ts';

const FILE = resolve(import.meta.dirname, '../test/contract/expected/real-graph.json');
const next = JSON.stringify(await realGraphAnswers(new MemoryGraphStore(loadGraphData())), null, 2) + '\n';
const before = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
const lines = (text: string) => new Set(text.split('\n'));
const [old, now] = [lines(before), lines(next)];
const removed = [...old].filter((l) => !now.has(l));
const added = [...now].filter((l) => !old.has(l));
for (const line of removed) console.log(`- ${line}`);
for (const line of added) console.log(`+ ${line}`);
writeFileSync(FILE, next);
console.log(
  before === next ? 'expected answers unchanged' : `expected answers written: ${removed.length} lines out, ${added.length} in — review with git diff ${FILE}`,
);
