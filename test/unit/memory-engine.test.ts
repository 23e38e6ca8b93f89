// The in-memory engine's fast search, shortest paths and neighbourhood
// against the plain rules they must reproduce (the shared functions of
// server/domain, or a brute-force search), on the real graph and on random
// graphs. The contract suite compares the engines on the real graph only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectNeighbourhood, smallestIds } from '../../server/store/shared/neighbourhood.ts';
import { comparePaths, type PathIds } from '../../server/store/shared/paths.ts';
import { matchesAll, queryTokens, rankHits, searchTextOf } from '../../server/store/shared/search.ts';
import { loadGraphData } from '../../server/graph/load.ts';
import type { GraphData, GraphEdge, GraphNode, NodeType, RelationType } from '../../server/schema/graph.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { composeSearchText, searchPiecesOf } from '../../server/store/memory/SearchIndex.ts';

const real = loadGraphData();

/** Words that stress normalisation: accents, case, ligatures, article numbers and their suffixes. */
const WORDS = [
  '458',
  '458bis',
  'bis',
  'ter',
  'Bis',
  'art.',
  'Art',
  '12',
  'nécessité',
  'necessite',
  'NÉCESSITÉ',
  'œuvre',
  'secret',
  'secrets',
  'se',
  'partagé',
  'a',
  'à',
  'x-1',
  '—',
  'quater',
];
const TYPES: NodeType[] = ['Provision', 'Exception', 'Duty', 'Recipient'];
const RELATIONS: RelationType[] = ['REFERS_TO', 'DEROGATES_FROM', 'IS_A'];

const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 5 }).map((w) => w.join(' '));
const node = (i: number) =>
  fc
    .record({
      idTail: fc.constantFrom('', '-12', '-bis', '-458-bis', '-a', '-ter-2'),
      type: fc.constantFrom(...TYPES),
      label: phrase,
      summary: fc.option(phrase, { nil: undefined }),
      text: fc.option(phrase, { nil: undefined }),
    })
    .map(({ idTail, ...rest }) => ({ id: `n${i}${idTail}`, citations: [], ...rest }) as unknown as GraphNode);

const nodesArb = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => node(i))));

/** A random multigraph: parallel edges, self-loops and both directions allowed. */
const graphArb = nodesArb.chain((nodes) =>
  fc
    .array(fc.tuple(fc.nat(nodes.length - 1), fc.nat(nodes.length - 1), fc.constantFrom(...RELATIONS)), { maxLength: nodes.length * 3 })
    .map((triples): GraphData => ({
      nodes,
      edges: triples.map(([s, t, type], i) => ({ id: `e${String(i).padStart(3, '0')}`, type, source: nodes[s].id, target: nodes[t].id }) as GraphEdge),
      facts: [],
    })),
);

const queryArb = fc.array(fc.constantFrom(...WORDS, 'nec', 'sec', '45', '458 bis', 'n1', 'n1 12'), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

describe('in-memory search', () => {
  it('composes every node’s search text exactly as searchTextOf', () => {
    for (const n of real.nodes) expect(composeSearchText(searchPiecesOf(n))).toBe(searchTextOf(n));
    fc.assert(fc.property(nodesArb, (nodes) => nodes.every((n) => composeSearchText(searchPiecesOf(n)) === searchTextOf(n))));
  });

  it('keeps the whole text where a label ending in a number meets a Latin suffix', () => {
    const n = { id: 'p', type: 'Duty', label: 'Art. 458', summary: 'bis et ter', citations: [] } as unknown as GraphNode;
    expect(searchPiecesOf(n).whole).toBe(searchTextOf(n));
  });

  const reference = (data: GraphData, query: string, limit: number, types?: NodeType[]) => {
    const tokens = queryTokens(query);
    if (!tokens.length) return [];
    const hits = data.nodes.filter((n) => (!types || types.includes(n.type)) && matchesAll(tokens, searchTextOf(n)));
    return rankHits(
      tokens,
      hits.map((n) => ({ node: n })),
      limit,
    );
  };

  it('gives rankHits’ answer over every hit, on the real graph', async () => {
    const store = new MemoryGraphStore(real);
    const queries = ['necessite', '458 bis', 'secret partage', 'a', 'e', 'art 4', 'cp', 'tms', 'procureur du roi', 'danger grave'];
    for (const q of queries) for (const limit of [1, 5, 20, 100]) expect(await store.search(q, { limit })).toEqual(reference(real, q, limit));
  });

  it('gives rankHits’ answer over every hit, on random graphs', async () => {
    await fc.assert(
      fc.asyncProperty(
        graphArb,
        queryArb,
        fc.constantFrom(1, 2, 3, 20, 0, -1),
        fc.option(fc.subarray(TYPES, { minLength: 1 }), { nil: undefined }),
        async (data, q, limit, types) => {
          expect(await new MemoryGraphStore(data).search(q, { limit, types })).toEqual(reference(data, q, limit, types));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Every shortest path by brute force: all simple walks of the shortest length, sorted canonically. */
function referencePaths(data: GraphData, from: string, to: string, maxLength: number, limit: number): PathIds[] {
  if (from === to) return [{ nodes: [from], edges: [] }];
  const all: PathIds[] = [];
  let frontier: PathIds[] = [{ nodes: [from], edges: [] }];
  for (let length = 1; length <= maxLength && !all.length; length++) {
    const next: PathIds[] = [];
    for (const path of frontier) {
      const last = path.nodes[path.nodes.length - 1];
      for (const e of data.edges) {
        const other = e.source === last ? e.target : e.target === last ? e.source : undefined;
        if (other === undefined || path.nodes.includes(other)) continue;
        const longer = { nodes: [...path.nodes, other], edges: [...path.edges, e.id] };
        (other === to ? all : next).push(longer);
      }
    }
    frontier = next;
  }
  return all.sort(comparePaths).slice(0, Math.max(0, limit));
}

const ids = (paths: { nodes: GraphNode[]; edges: GraphEdge[] }[]) => paths.map((p) => ({ nodes: p.nodes.map((n) => n.id), edges: p.edges.map((e) => e.id) }));

describe('in-memory shortest paths', () => {
  it('finds every shortest path in canonical order, as a brute-force search does', async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 12 }), async (data, a, b, maxLength, limit) => {
        const from = data.nodes[a % data.nodes.length].id;
        const to = data.nodes[b % data.nodes.length].id;
        const found = await new MemoryGraphStore(data).shortestPaths(from, to, { maxLength, limit });
        expect(ids(found!)).toEqual(referencePaths(data, from, to, maxLength, limit));
      }),
      { numRuns: 400 },
    );
  });
});

describe('smallestIds', () => {
  it('keeps the same ids as sorting all of them and cutting', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 60 }), fc.integer({ min: -2, max: 70 }), (ids, count) => {
        expect(smallestIds(ids, count)).toEqual([...ids].sort().slice(0, Math.max(0, count)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('in-memory neighbourhood', () => {
  it('gives collectNeighbourhood’s nodes and edges, cut level by level in id order', async () => {
    await fc.assert(
      fc.asyncProperty(
        graphArb,
        fc.nat(),
        fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
        fc.integer({ min: 1, max: 15 }),
        fc.option(fc.subarray(TYPES, { minLength: 1 }), { nil: undefined }),
        fc.option(fc.subarray(RELATIONS, { minLength: 1 }), { nil: undefined }),
        async (data, c, depth, maxNodes, nodeTypes, relationTypes) => {
          const center = data.nodes[c % data.nodes.length].id;
          const byId = new Map(data.nodes.map((n) => [n.id, n]));
          const { ids: expected, truncated } = await collectNeighbourhood(
            {
              adjacent: async (frontier) =>
                data.edges
                  .filter((e) => !relationTypes || relationTypes.includes(e.type))
                  .flatMap((e) => [frontier.includes(e.source) ? e.target : undefined, frontier.includes(e.target) ? e.source : undefined])
                  .filter((id): id is string => id !== undefined && (!nodeTypes || nodeTypes.includes(byId.get(id)!.type))),
            },
            center,
            { depth, maxNodes, nodeTypes, relationTypes },
          );
          const edges = data.edges
            .filter((e) => expected.includes(e.source) && expected.includes(e.target) && (!relationTypes || relationTypes.includes(e.type)))
            .map((e) => e.id)
            .sort();
          const sub = (await new MemoryGraphStore(data).neighbourhood(center, { depth, maxNodes, nodeTypes, relationTypes }))!;
          expect({ nodes: sub.nodes.map((n) => n.id), edges: sub.edges.map((e) => e.id), truncated: sub.truncated }).toEqual({
            nodes: expected,
            edges,
            truncated,
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
