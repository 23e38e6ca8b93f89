import { describe, expect, it } from 'vitest';
import { summarizeLaw, SUMMARY_RELATIONS } from '../../server/domain/summary.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { condition, tinyGraph } from '../support/tinyGraph.ts';

/** Two articles of a code (one the secret itself), a ruling, and what a summary leaves out. */
const law = tinyGraph(
  [
    { id: 'code', type: 'Instrument', kind: 'code' },
    { id: 'p-secret', type: 'Provision', summary: 's', status: 'replaced' },
    { id: 'p-duty', type: 'Provision', summary: 's', status: 'in_force' },
    { id: 'other-code', type: 'Instrument', kind: 'loi' },
    { id: 'p-other', type: 'Provision', summary: 's', status: 'in_force' },
    { id: 'ruling', type: 'CaseLaw', summary: 's' },
    { id: 'e-testify', type: 'Exception', effect: 'permits', summary: 's' },
    { id: 'e-report', type: 'Exception', effect: 'requires', summary: 's' },
    { id: 'e-share', type: 'Exception', effect: 'permits', summary: 's' },
    { id: 'e-nowhere', type: 'Exception', effect: 'permits', summary: 's' },
    { id: 'l-limit', type: 'Limit', summary: 's' },
    { id: 'd-duty', type: 'Duty' },
    { id: 'judge', type: 'Recipient' },
    { id: 'prosecutor', type: 'Recipient' },
    { id: 'holder', type: 'Profession', bound: true },
    condition('c-1', 'f1'),
  ],
  [
    ['p-secret', 'PART_OF', 'code'],
    ['p-duty', 'PART_OF', 'code'],
    ['p-other', 'PART_OF', 'other-code'],
    ['p-secret', 'ESTABLISHES', 'e-testify'],
    ['p-duty', 'ESTABLISHES', 'e-report'],
    ['p-other', 'ESTABLISHES', 'e-report'],
    ['ruling', 'ESTABLISHES', 'e-share'],
    ['ruling', 'ESTABLISHES', 'e-nowhere'],
    ['ruling', 'ESTABLISHES', 'l-limit'],
    ['p-duty', 'ESTABLISHES', 'd-duty'],
    ['e-testify', 'PERMITS_DISCLOSURE_TO', 'judge'],
    ['e-report', 'REQUIRES_DISCLOSURE_TO', 'prosecutor'],
    ['e-share', 'PERMITS_DISCLOSURE_TO', 'holder'],
    ['e-testify', 'DEROGATES_FROM', 'p-secret'],
    ['e-report', 'DEROGATES_FROM', 'p-secret'],
    ['e-share', 'DEROGATES_FROM', 'p-secret'],
    ['e-report', 'REQUIRES', 'c-1'],
    ['e-report', 'IMPOSES', 'd-duty'],
    ['l-limit', 'RESTRICTS', 'e-share'],
    ['judge', 'IS_A', 'prosecutor'],
  ],
);

const summaryOf = async () => summarizeLaw(await new MemoryGraphStore(law).relationSubgraph(SUMMARY_RELATIONS));

describe('summarizeLaw', () => {
  it('draws instrument → article → exception → recipient, and no condition, duty, limit or route without a recipient', async () => {
    const summary = await summaryOf();
    expect(summary.nodes.map((n) => n.id)).toEqual([
      'code',
      'e-report',
      'e-share',
      'e-testify',
      'holder',
      'judge',
      'other-code',
      'p-duty',
      'p-other',
      'p-secret',
      'prosecutor',
      'ruling',
    ]);
    expect(new Set(summary.edges.map((e) => e.type))).toEqual(new Set(['PART_OF', 'ESTABLISHES', 'PERMITS_DISCLOSURE_TO', 'REQUIRES_DISCLOSURE_TO']));
  });

  it('cuts it into one part per source, the instrument holding the secret first, then instruments, then rulings', async () => {
    const { sources } = await summaryOf();
    expect(sources.map((s) => [s.id, s.type, s.routes])).toEqual([
      ['code', 'Instrument', 2],
      ['other-code', 'Instrument', 1],
      ['ruling', 'CaseLaw', 1],
    ]);
    expect(sources[0].nodes).toEqual(['code', 'e-report', 'e-testify', 'judge', 'p-duty', 'p-secret', 'prosecutor']);
    // A route two texts establish is read under each of them.
    expect(sources[1].nodes).toEqual(['e-report', 'other-code', 'p-other', 'prosecutor']);
    expect(sources[2].nodes).toEqual(['e-share', 'holder', 'ruling']);
  });

  it('is empty for a graph without routes', () => {
    expect(summarizeLaw({ nodes: [], edges: [] })).toEqual({ nodes: [], edges: [], sources: [] });
  });
});
