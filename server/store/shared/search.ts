// French search that forgives accents, case and spacing ("necessite" finds
// "nécessité", "458 bis" finds "458bis"). Both engines select hits by the same
// token rule and rank them with `scoreNode`, so they return the same list.
import type { GraphNode } from '../../schema/graph.ts';

const LATIN_SUFFIXES = 'bis|ter|quater|quinquies|sexies|septies|octies';

/** "458 bis" → "458bis": an article number and its Latin suffix are one word. */
const NUMBER_SUFFIX = new RegExp(`(\\d)\\s+(${LATIN_SUFFIXES})\\b`, 'g');
const NON_ASCII = /[\u0080-\uffff]/;

export function normaliseSearchText(text: string): string {
  // Accents, ligatures and non-ASCII spaces are all outside ASCII: plain ASCII text skips their steps.
  let folded = text;
  if (NON_ASCII.test(folded)) folded = folded.normalize('NFD').replace(/\p{M}/gu, '');
  folded = folded.toLowerCase();
  if (NON_ASCII.test(folded)) folded = folded.replace(/œ/g, 'oe').replace(/æ/g, 'ae');
  return folded
    .replace(NUMBER_SUFFIX, '$1$2')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function tokenize(text: string): string[] {
  const normal = normaliseSearchText(text);
  return normal ? normal.split(' ') : [];
}

/** Query tokens: deduplicated, at most 12, each at most 40 characters. */
export function queryTokens(query: string): string[] {
  return [...new Set(tokenize(query))].slice(0, 12).map((t) => t.slice(0, 40));
}

/** The text fields a node is found by besides its id and label ("other words" for the score). */
export const TEXT_FIELDS = ['summary', 'text', 'articles', 'narrative', 'question'] as const;

export function textFields(node: GraphNode): string[] {
  const record = node as Record<string, unknown>;
  return TEXT_FIELDS.map((k) => record[k]).filter((v): v is string => typeof v === 'string');
}

/** Everything a node is found by, normalised: stored as-is by the Neo4j engine for its full-text index. */
export function searchTextOf(node: GraphNode): string {
  return normaliseSearchText([node.id.replace(/-/g, ' '), node.id.replace(/-/g, ''), node.label, ...textFields(node)].join(' '));
}

/** Whether normalised `text` (words split by single spaces) has a word starting with `prefix`. */
export function hasWordStartingWith(text: string, prefix: string): boolean {
  return text.startsWith(prefix) || text.includes(` ${prefix}`);
}

/** Whether normalised `text` has the word `word`. */
export function hasWord(text: string, word: string): boolean {
  if (text.startsWith(word) && (text.length === word.length || text[word.length] === ' ')) return true;
  const spaced = ` ${word}`;
  for (let at = text.indexOf(spaced); at >= 0; at = text.indexOf(spaced, at + 1)) {
    const end = at + spaced.length;
    if (end === text.length || text[end] === ' ') return true;
  }
  return false;
}

/** A node is a hit when every query token starts some word of its search text. */
export function matchesAll(tokens: string[], searchText: string): boolean {
  return tokens.every((t) => hasWordStartingWith(searchText, t));
}

/** The parts of a node the score weighs differently, each normalised. An engine may keep them from load. */
export interface ScoredText {
  /** the id, '-' read as a space */
  id: string;
  label: string;
  /** the text fields */
  other: string;
}

export function scoredTextOf(node: GraphNode): ScoredText {
  return {
    id: normaliseSearchText(node.id.replace(/-/g, ' ')),
    label: normaliseSearchText(node.label),
    other: normaliseSearchText(textFields(node).join(' ')),
  };
}

/** Per token: a whole word of the label or id 10, the start of one 6, a word of the other text 2, else 1; +20 for the exact label or id. */
export function scoreText(tokens: string[], text: ScoredText, nodeId: string): number {
  let score = 0;
  for (const t of tokens) {
    if (hasWord(text.label, t) || hasWord(text.id, t)) score += 10;
    else if (hasWordStartingWith(text.label, t) || hasWordStartingWith(text.id, t)) score += 6;
    else if (hasWord(text.other, t)) score += 2;
    else score += 1;
  }
  if (text.label === tokens.join(' ') || nodeId === tokens.join('-')) score += 20;
  return score;
}

export function scoreNode(tokens: string[], node: GraphNode): number {
  return scoreText(tokens, scoredTextOf(node), node.id);
}

/** The order of ranked hits: higher score, then shorter label, then id. Total: no two nodes tie. */
export function compareHits(a: { node: GraphNode; score: number }, b: { node: GraphNode; score: number }): number {
  return b.score - a.score || a.node.label.length - b.node.label.length || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0);
}

export function rankHits<T extends { node: GraphNode }>(tokens: string[], hits: T[], limit: number): (T & { score: number })[] {
  return hits
    .map((hit) => ({ ...hit, score: scoreNode(tokens, hit.node) }))
    .sort(compareHits)
    .slice(0, limit);
}
