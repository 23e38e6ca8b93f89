// The people and bodies of the law as the graph states them: every profession
// with whether it is bound by the secret and by which texts, every recipient
// with its legal status, the roles it may play and its other names (DOMAIN
// §5.1, property 7). What `GET /api/professions` and `GET /api/recipients` answer.
import type { PartiesProfession, RecipientEntry } from '../schema/api.ts';
import type { GraphEdge, GraphNode, RelationType } from '../schema/graph.ts';
import { IndexedGraph } from '../schema/graphView.ts';
import { isAChain, recipientStatus, sourceRef } from './routes.ts';

/** What the status of a party is read from: categories, other names, the texts that bind, and those texts' codes and replacements. */
export const PARTY_RELATIONS: RelationType[] = ['IS_A', 'SAME_AS', 'BOUND_BY', 'PART_OF', 'REPLACED_BY'];

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function viewOf(parties: GraphNode[], selection: { nodes: GraphNode[]; edges: GraphEdge[] }): IndexedGraph {
  return new IndexedGraph([...selection.nodes, ...parties], selection.edges);
}

export function listProfessions(professions: GraphNode[], selection: { nodes: GraphNode[]; edges: GraphEdge[] }): PartiesProfession[] {
  const view = viewOf(professions, selection);
  return professions
    .flatMap((p) => (p.type === 'Profession' ? [p] : []))
    .sort(byId)
    .map((p) => {
      const chain = isAChain(view, p.id);
      // The texts that bind it: its own, else those of the nearest category that names some (a psychiatre, as a médecin).
      const stating = [...chain.keys()].find((id) => view.out(id, 'BOUND_BY').length);
      const boundBy = stating
        ? view
            .out(stating, 'BOUND_BY')
            .map((e) => ({ ...sourceRef(view, e.target)!, basis: e.basis }))
            .filter((s) => s.id)
            .sort(byId)
        : [];
      return {
        id: p.id,
        type: 'Profession' as const,
        label: p.label,
        bound: p.bound,
        boundBy: p.bound ? boundBy : [],
        categories: [...chain.keys()].filter((id) => id !== p.id),
        ...(p.summary && { summary: p.summary }),
        ...(p.doubt && { doubt: p.doubt }),
      };
    });
}

export function listRecipients(recipients: GraphNode[], selection: { nodes: GraphNode[]; edges: GraphEdge[] }): RecipientEntry[] {
  const view = viewOf(recipients, selection);
  return recipients
    .filter((r) => r.type === 'Recipient')
    .sort(byId)
    .map((r) => ({
      ...recipientStatus(view, r.id),
      ...(r.type === 'Recipient' && r.roleFact && { roleFact: r.roleFact }),
      ...(r.summary && { summary: r.summary }),
      ...(r.doubt && { doubt: r.doubt }),
    }));
}
