// Search for the in-memory engine. Its answer is, by construction, the shared
// rule's: `rankHits(tokens, every node for which matchesAll holds, limit)`
// (server/store/shared/search.ts). What makes it fast:
//  - candidates come from the rarest query token's prefix postings, not the first token's;
//  - each node's scored text (`scoredTextOf`) is normalised once, at load, so scoring a hit
//    is a few substring tests instead of three normalisations of its whole text
//    (≈ 80 µs a hit at 100k nodes, most of the old cost);
//  - hits are kept in a bounded top-`limit` list instead of sorting all of them.
// The search text is composed from the scored pieces rather than normalised a second
// time; test/unit/memory-engine.test.ts checks it equals `searchTextOf` on every node.
import type { GraphNode, NodeType } from '../../schema/graph.ts';
import {
  compareHits,
  hasWordStartingWith,
  matchesAll,
  normaliseSearchText,
  queryTokens,
  rankHits,
  scoredTextOf,
  scoreText,
  searchTextOf,
  type ScoredText,
} from '../shared/search.ts';
import { DEFAULT_SEARCH_LIMIT } from '../../schema/defaults.ts';
import type { SearchHit, SearchOptions } from '../GraphStore.ts';

export interface SearchPieces extends ScoredText {
  /** searchTextOf(node), kept only when its words are not the union of the pieces' words plus the joined id */
  whole?: string;
  /** normalised id without '-' (part of the search text, not scored) */
  joinedId: string;
}

interface Entry extends SearchPieces {
  node: GraphNode;
}

interface Scored {
  node: GraphNode;
  score: number;
}

/**
 * Normalising "a b" is normalising "a" and "b" and joining them with a space,
 * except where the shared rule joins an article number to its Latin suffix
 * across the seam ("… 458" then "bis …"). Probing the shared normaliser with
 * "0 <first word of b>" tells whether that can happen, whatever the suffix list.
 */
class SeamChecker {
  private readonly joins = new Map<string, boolean>();

  safe(left: string, right: string): boolean {
    if (!/[0-9]$/.test(left)) return true;
    const word = right.slice(0, (right.indexOf(' ') + 1 || right.length + 1) - 1);
    let joins = this.joins.get(word);
    if (joins === undefined) {
      joins = normaliseSearchText(`0 ${word}`) !== `0 ${word}`;
      this.joins.set(word, joins);
    }
    return !joins;
  }
}

/** The node's search text in pieces; `whole` is set when the pieces do not compose to searchTextOf(node). */
export function searchPiecesOf(node: GraphNode, seams = new SeamChecker()): SearchPieces {
  const pieces: SearchPieces = { ...scoredTextOf(node), joinedId: normaliseSearchText(node.id.replace(/-/g, '')) };
  // searchTextOf joins [id with spaces, id joined, label, ...fields] before normalising
  const parts = [pieces.id, pieces.joinedId, pieces.label, pieces.other].filter(Boolean);
  if (!parts.every((part, i) => i === 0 || seams.safe(parts[i - 1], part))) pieces.whole = searchTextOf(node);
  return pieces;
}

/** The search text the pieces stand for: searchTextOf(node) (tested). */
export function composeSearchText(pieces: SearchPieces): string {
  return pieces.whole ?? [pieces.id, pieces.joinedId, pieces.label, pieces.other].filter(Boolean).join(' ');
}

/** Inserts `item` into `top` (kept in order, at most `limit` long) if it belongs there. */
function keepTop(top: Scored[], item: Scored, limit: number): void {
  if (top.length === limit && compareHits(item, top[limit - 1]) >= 0) return;
  let lo = 0;
  let hi = top.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareHits(top[mid], item) < 0) lo = mid + 1;
    else hi = mid;
  }
  top.splice(lo, 0, item);
  if (top.length > limit) top.pop();
}

export class SearchIndex {
  private readonly entries: Entry[] = [];
  /** every word of the search texts, sorted, so that a prefix is a binary search away */
  private readonly words: string[];
  /** word → indexes in `entries` of the nodes having it */
  private readonly postings = new Map<string, number[]>();
  /** per entry, the query that last saw it (deduplicates postings without a Set per query) */
  private readonly seenBy: Uint32Array;
  private query = 0;

  constructor(nodes: Iterable<GraphNode>) {
    const seams = new SeamChecker();
    for (const node of nodes) {
      const index = this.entries.push({ node, ...searchPiecesOf(node, seams) }) - 1;
      for (const word of new Set(composeSearchText(this.entries[index]).split(' '))) {
        const list = this.postings.get(word);
        if (list) list.push(index);
        else this.postings.set(word, [index]);
      }
    }
    this.words = [...this.postings.keys()].sort();
    this.seenBy = new Uint32Array(this.entries.length);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const tokens = queryTokens(query);
    if (!tokens.length) return [];
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    const hits = this.hits(tokens, options.types?.length ? new Set(options.types) : undefined);
    // The bounded list below is rankHits' answer for a positive whole limit; anything else takes the shared path.
    if (!Number.isInteger(limit) || limit < 1)
      return rankHits(
        tokens,
        hits.map((e) => ({ node: e.node })),
        limit,
      );
    const top: Scored[] = [];
    for (const entry of hits) keepTop(top, { node: entry.node, score: scoreText(tokens, entry, entry.node.id) }, limit);
    return top;
  }

  /** The nodes for which matchesAll(tokens, searchTextOf(node)) holds, of the given types. */
  private hits(tokens: string[], types: Set<NodeType> | undefined): Entry[] {
    const ranges = tokens.map((t) => this.prefixRange(t));
    const rarest = ranges.reduce((a, b) => (b.postings < a.postings ? b : a));
    const others = tokens.filter((_, i) => ranges[i] !== rarest);
    const query = this.nextQuery();
    const hits: Entry[] = [];
    for (let w = rarest.from; w < rarest.to; w++) {
      for (const index of this.postings.get(this.words[w])!) {
        if (this.seenBy[index] === query) continue;
        this.seenBy[index] = query;
        const entry = this.entries[index];
        if (types && !types.has(entry.node.type)) continue;
        if (others.length && !this.matchesAll(others, entry)) continue;
        hits.push(entry);
      }
    }
    return hits;
  }

  /** matchesAll on the node's search text, read from its pieces. */
  private matchesAll(tokens: string[], entry: Entry): boolean {
    if (entry.whole !== undefined) return matchesAll(tokens, entry.whole);
    return tokens.every((t) => [entry.id, entry.joinedId, entry.label, entry.other].some((piece) => hasWordStartingWith(piece, t)));
  }

  /** The words starting with `prefix` (positions in `words`) and how many postings they hold. */
  private prefixRange(prefix: string): { from: number; to: number; postings: number } {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    let to = lo;
    let postings = 0;
    for (; to < this.words.length && this.words[to].startsWith(prefix); to++) postings += this.postings.get(this.words[to])!.length;
    return { from: lo, to, postings };
  }

  private nextQuery(): number {
    if (++this.query === 0xffffffff) {
      this.seenBy.fill(0);
      this.query = 1;
    }
    return this.query;
  }
}
