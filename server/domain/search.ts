// French search that forgives accents, case and spacing ("necessite" finds
// "nécessité", "458 bis" finds "458bis"). Both engines select hits by the same
// token rule and rank them with `scoreNode`, so they return the same list.
import type { GraphNode } from '../schema/graph.ts';

const LATIN_SUFFIXES = 'bis|ter|quater|quinquies|sexies|septies|octies';

export function normaliseSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(new RegExp(`(\\d)\\s+(${LATIN_SUFFIXES})\\b`, 'g'), '$1$2')
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

function textFields(node: GraphNode): string[] {
  const record = node as Record<string, unknown>;
  return ['summary', 'text', 'articles', 'narrative', 'question'].map((k) => record[k]).filter((v): v is string => typeof v === 'string');
}

/** Everything a node is found by, normalised: stored as-is by the Neo4j engine for its full-text index. */
export function searchTextOf(node: GraphNode): string {
  return normaliseSearchText([node.id.replace(/-/g, ' '), node.id.replace(/-/g, ''), node.label, ...textFields(node)].join(' '));
}

/** A node is a hit when every query token starts some token of its search text. */
export function matchesAll(tokens: string[], searchText: string): boolean {
  const words = searchText.split(' ');
  return tokens.every((t) => words.some((w) => w.startsWith(t)));
}

export function scoreNode(tokens: string[], node: GraphNode): number {
  const idWords = tokenize(node.id.replace(/-/g, ' '));
  const labelWords = tokenize(node.label);
  const otherWords = tokenize(textFields(node).join(' '));
  let score = 0;
  for (const t of tokens) {
    if (labelWords.includes(t) || idWords.includes(t)) score += 10;
    else if (labelWords.some((w) => w.startsWith(t)) || idWords.some((w) => w.startsWith(t))) score += 6;
    else if (otherWords.includes(t)) score += 2;
    else score += 1;
  }
  if (normaliseSearchText(node.label) === tokens.join(' ') || node.id === tokens.join('-')) score += 20;
  return score;
}

export function rankHits<T extends { node: GraphNode }>(tokens: string[], hits: T[], limit: number): (T & { score: number })[] {
  return hits
    .map((hit) => ({ ...hit, score: scoreNode(tokens, hit.node) }))
    .sort((a, b) => b.score - a.score || a.node.label.length - b.node.label.length || (a.node.id < b.node.id ? -1 : 1))
    .slice(0, limit);
}
