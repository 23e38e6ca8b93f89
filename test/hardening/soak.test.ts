// The soak's short form on the in-memory engine (the Neo4j one runs in
// neo4j.test.ts, on that file's server): 100 connections on POST /api/assess.
import { describe, expect, it } from 'vitest';
import { describeReport, runSoak } from '../../scripts/soak.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 10);

describe('the soak, short form', () => {
  it('answers every body of the mix as it deserves on the in-memory engine, with no 5xx, no error and a flat heap', async () => {
    const report = await runSoak({ seconds: SECONDS, engine: 'memory', connections: 100 });
    console.log(`[hardening] ${describeReport(report)}`);
    expect(report.requests).toBeGreaterThan(0);
    expect(report).toMatchObject({ '5xx': 0, other: 0, errors: 0, timeouts: 0, unexpected: 0 });
    expect(report['4xx']).toBeGreaterThan(0);
    expect(report.heapGrowth).toBeLessThanOrEqual(0.1);
    expect(report.ok).toBe(true);
  }, 120_000);
});
