import { describe, expect, it } from 'vitest';
import { walkRoute } from '../../../client/src/lib/routeWalk.ts';
import type { GraphNode } from '../../../client/src/lib/types.ts';
import { edgeRef } from './edgeRef.ts';

type Node = Pick<GraphNode, 'id' | 'type' | 'label'>;
const nodes = new Map<string, Node>(
  (
    [
      ['tms', 'Profession', 'TMS'],
      ['depositaire', 'Profession', 'Dépositaire'],
      ['exc', 'Exception', 'Interpeller'],
      ['art-3', 'Provision', 'Art. 3'],
      ['cond', 'Condition', 'Maltraitance'],
      ['saj', 'Recipient', 'SAJ'],
      ['duty', 'Duty', 'Informer la famille'],
    ] as const
  ).map(([id, type, label]): [string, Node] => [id, { id, type, label }]),
);

describe('walkRoute', () => {
  it('tells a route from the profession: category, exception, article, condition, recipient, then duties', () => {
    const steps = walkRoute(
      {
        nodes: [...nodes.keys()],
        edges: [edgeRef('tms', 'IS_A', 'depositaire'), edgeRef('exc', 'APPLIES_TO', 'depositaire'), edgeRef('art-3', 'ESTABLISHES', 'exc'), edgeRef('exc', 'REQUIRES', 'cond'), edgeRef('exc', 'PERMITS_DISCLOSURE_TO', 'saj'), edgeRef('exc', 'IMPOSES', 'duty')],
      },
      (id) => nodes.get(id),
      'tms',
    );
    expect(steps.map((s) => s.node.id)).toEqual(['tms', 'depositaire', 'exc', 'art-3', 'cond', 'saj', 'duty']);
    expect(steps[0].edge).toBeUndefined();
    expect(steps[2].sentence).toBe('Interpeller s’applique à Dépositaire');
    expect(steps[5].sentence).toBe('Interpeller permet de révéler à SAJ');
  });

  it('still lists nodes the walk cannot reach, each as its own start', () => {
    const steps = walkRoute({ nodes: ['tms', 'saj'], edges: [] }, (id) => nodes.get(id), 'tms');
    expect(steps.map((s) => s.node.id)).toEqual(['tms', 'saj']);
  });
});
