import { edgeId, type RelationType } from '../../../server/schema/graph.ts';
import type { EdgeRef } from '../../../client/src/lib/types.ts';

/** An edge as route answers give it, with its ends. */
export const edgeRef = (source: string, type: RelationType, target: string): EdgeRef => ({ id: edgeId(type, source, target), source, target, type });
