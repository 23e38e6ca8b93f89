// Suggestions of the search comboboxes (the explorer's search, the path finder):
// the API's accent-insensitive search, each hit with its type.
import { api } from './api.ts';
import { isReplaced } from './graph/model.ts';
import { NODE_TYPE_LABELS } from './labels.ts';

export async function searchSuggestions(query: string, signal: AbortSignal): Promise<{ id: string; label: string; hint: string }[]> {
  if (query.length < 2) return [];
  const { hits } = await api.search(query, { limit: 12 }, signal);
  return hits.map(({ node }) => ({ id: node.id, label: node.label, hint: NODE_TYPE_LABELS[node.type] + (isReplaced(node) ? ' · remplacé' : '') }));
}
