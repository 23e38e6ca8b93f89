// Route candidates as the service builds them: the domain's route finder on
// the subgraph a store selected.
import { buildRouteCandidates, type RouteCandidates } from '../../server/domain/routes.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';

export async function routeCandidatesOf(store: GraphStore, profession: string, recipient?: string, situation?: string): Promise<RouteCandidates> {
  return buildRouteCandidates(await store.routeSubgraph(profession, recipient, situation), profession, recipient, situation);
}
