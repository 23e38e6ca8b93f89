import { describe, expect, it } from 'vitest';
import { matchesAll, normaliseSearchText, queryTokens, searchTextOf } from '../../server/store/shared/search.ts';
import { GraphNode } from '../../server/schema/graph.ts';

const node = GraphNode.parse({
  id: 'exc-etat-de-necessite',
  type: 'Exception',
  label: 'État de nécessité',
  effect: 'permits',
  summary: 'Art. 458 bis et œuvre',
  citations: [{ source: 'brochure', section: 's', quote: 'q q q' }],
});

describe('French search normalisation', () => {
  it('ignores accents, case and ligatures', () => {
    expect(normaliseSearchText('État de NÉCESSITÉ, œuvre')).toBe('etat de necessite oeuvre');
  });

  it('joins an article number with its Latin suffix', () => {
    expect(normaliseSearchText('art. 458 bis et 433 quinquies')).toBe('art 458bis et 433quinquies');
    expect(queryTokens('458 bis')).toEqual(['458bis']);
  });

  it('matches when every query token starts a word of the node', () => {
    const text = searchTextOf(node);
    expect(matchesAll(queryTokens('necessite'), text)).toBe(true);
    expect(matchesAll(queryTokens('etat necess'), text)).toBe(true);
    expect(matchesAll(queryTokens('458 bis'), text)).toBe(true);
    expect(matchesAll(queryTokens('necessite terrorisme'), text)).toBe(false);
  });

  it('bounds the query: at most 12 distinct tokens', () => {
    expect(queryTokens(Array.from({ length: 40 }, (_, i) => `mot${i}`).join(' '))).toHaveLength(12);
    expect(queryTokens('a a a')).toEqual(['a']);
  });
});
