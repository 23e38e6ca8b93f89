// npm run reform and npm run ask --as-of, driven in-process on the real graph.
import { describe, expect, it } from 'vitest';
import { runAsk } from '../../server/cli/ask.ts';
import { runReform } from '../../server/cli/reform.ts';
import { loadGraphData } from '../../server/graph/load.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';

const store = new MemoryGraphStore(loadGraphData());
const capture = () => {
  const io = { out: [] as string[], err: [] as string[], progress: [] as string[] };
  return { io, sink: { out: (t: string) => io.out.push(t), err: (t: string) => io.err.push(t), progress: (t: string) => io.progress.push(t) } };
};

describe('npm run reform', () => {
  it('tells what repealing art. 458bis changes, with a progress bar on stderr', async () => {
    const { io, sink } = capture();
    expect(await runReform(['--repeal', 'cp-458bis'], store, sink)).toBe(0);
    expect(io.out.join('\n')).toMatch(/72 perdue\(s\)/);
    expect(io.out.join('\n')).toMatch(/sit-04-psychiatre-madame-l \(example\) : Permis → /);
    expect(io.progress.at(-1)).toMatch(/100 %.*\n$/);
  });

  it('writes JSON or CSV, and reads a named reform of graph-data/reforms.yaml', async () => {
    const json = capture();
    expect(await runReform(['--reform', 'avant-loi-2017-07-06', '--json'], store, json.sink)).toBe(0);
    const result = JSON.parse(json.io.out[0]) as { label: string; counts: { routesLost: number } };
    expect(result.label).toMatch(/Avant la loi du 6 juillet 2017/);
    expect(result.counts.routesLost).toBeGreaterThan(0);
    const csv = capture();
    expect(await runReform(['--set-effect', 'exc-458bis=requires', '--csv'], store, csv.sink)).toBe(0);
    expect(csv.io.out[0].split('\n')[1]).toMatch(/^profession,recipient,kind,exception,change/);
  });

  it('exits 2 naming an unknown id, and 3 when the reform leaves the graph invalid', async () => {
    const unknown = capture();
    expect(await runReform(['--repeal', 'cp-999'], store, unknown.sink)).toBe(2);
    expect(unknown.io.err.join()).toContain('changes.0.id');
    const invalid = capture();
    expect(await runReform(['--remove-recipient', 'exc-458bis=procureur-du-roi'], store, invalid.sink)).toBe(3);
  });
});

describe('npm run ask --as-of', () => {
  it('answers under the law of 2016 and says which reforms it applied', async () => {
    const { io, sink } = capture();
    expect(await runAsk(['--profession', 'avocat', '--recipient', 'concertation-de-cas', '--as-of', '2016-01-01'], store, sink)).toBe(0);
    expect(io.out[0]).toMatch(/^INTERDIT/);
    expect(io.out[0]).toMatch(/Droit au 2016-01-01/);
    expect(await runAsk(['--profession', 'avocat', '--as-of', 'hier'], store, sink)).toBe(2);
  });
});
