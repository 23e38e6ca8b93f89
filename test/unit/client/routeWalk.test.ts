import { describe, expect, it } from 'vitest';
import { failingConditions, walkRoute, type WalkedRoute } from '../../../client/src/lib/routeWalk.ts';
import type { GraphNode } from '../../../client/src/lib/types.ts';
import { edgeRef } from './edgeRef.ts';

type Node = Pick<GraphNode, 'id' | 'type' | 'label'>;
const nodes = new Map<string, Node>(
  (
    [
      ['psychiatre', 'Profession', 'Psychiatre'],
      ['medecin', 'Profession', 'Médecin'],
      ['depositaire', 'Profession', 'Dépositaire'],
      ['exc', 'Exception', 'Interpeller'],
      ['art-3', 'Provision', 'Art. 3'],
      ['cond', 'Condition', 'Maltraitance'],
      ['saj', 'Recipient', 'SAJ'],
      ['duty', 'Duty', 'Informer la famille'],
    ] as const
  ).map(([id, type, label]): [string, Node] => [id, { id, type, label }]),
);

const route = (status: WalkedRoute['status'], value: boolean | null): WalkedRoute => ({
  effect: 'permits',
  status,
  elements: {
    nodes: [...nodes.keys()],
    edges: [
      edgeRef('psychiatre', 'IS_A', 'medecin'),
      edgeRef('medecin', 'IS_A', 'depositaire'),
      edgeRef('exc', 'APPLIES_TO', 'depositaire'),
      edgeRef('art-3', 'ESTABLISHES', 'exc'),
      edgeRef('exc', 'REQUIRES', 'cond'),
      edgeRef('exc', 'PERMITS_DISCLOSURE_TO', 'saj'),
      edgeRef('exc', 'IMPOSES', 'duty'),
    ],
  },
  conditions: [
    {
      kind: 'condition',
      id: 'cond',
      label: 'Maltraitance',
      fact: 'child_maltreatment_situation',
      expected: true,
      value,
      status: value === null ? 'unknown' : value ? 'met' : 'unmet',
    },
  ],
  limits: [],
  duties: [{ id: 'duty', type: 'Duty', label: 'Informer la famille', kind: 'duty' }],
});

describe('walkRoute', () => {
  it('says a seizure route lets the secret yield to the seizure, and a disclosure route that the professional may inform', () => {
    const said = (r: WalkedRoute) =>
      walkRoute(r, (id) => nodes.get(id), 'psychiatre')
        .map((s) => s.sentence)
        .join(' ');
    expect(said({ ...route('open', true), exception: { measure: 'seizure' } })).toContain('le secret ne s’oppose pas à la saisie ni à la perquisition : SAJ.');
    expect(said({ ...route('open', true), exception: { measure: 'seizure' } })).not.toContain('vous pouvez informer');
    expect(said(route('open', true))).toContain('vous pouvez informer : SAJ.');
  });

  it('folds the profession hierarchy into the first step, which says the secret applies', () => {
    const steps = walkRoute(route('open', true), (id) => nodes.get(id), 'psychiatre');
    expect(steps[0].sentence).toBe('Psychiatre est médecin : dépositaire du secret, l’art. 458 du Code pénal s’applique.');
    expect(steps[0].also).toEqual(['medecin', 'psychiatre-[IS_A]->medecin', 'depositaire', 'medecin-[IS_A]->depositaire']);
    expect(steps.map((s) => s.node.id)).toEqual(['psychiatre', 'exc', 'art-3', 'cond', 'saj', 'duty']);
    expect(steps.some((s) => s.edge?.type === 'IS_A')).toBe(false);
  });

  it('tells each relation as what it teaches: who the route is for, its source, its conditions, whom to inform, the duties', () => {
    const steps = walkRoute(route('open', true), (id) => nodes.get(id), 'psychiatre');
    expect(steps.slice(1).map((s) => s.sentence)).toEqual([
      'La voie « Interpeller » s’adresse à : dépositaire.',
      'Base légale de cette voie : Art. 3.',
      'Condition : maltraitance — elle est remplie.',
      'Si ses conditions sont remplies, vous pouvez informer : SAJ.',
      'En passant par cette voie, vous devez : informer la famille.',
    ]);
  });

  it('names the condition that closes a closed route', () => {
    const closed = route('closed', false);
    expect(walkRoute(closed, (id) => nodes.get(id), 'psychiatre')[3].sentence).toBe(
      'Condition : maltraitance — elle n’est pas remplie : c’est elle qui ferme la voie.',
    );
    expect(failingConditions(closed)).toEqual(['Maltraitance']);
    expect(failingConditions(route('open', true))).toEqual([]);
  });

  it('walks a group’s conditions before the recipient and the duties, however deep the group nests them', () => {
    const group: Node[] = [
      { id: 'any', type: 'ConditionGroup', label: 'L’une de ces conditions' },
      { id: 'danger', type: 'Condition', label: 'Danger grave' },
      { id: 'others', type: 'Condition', label: 'Autres victimes' },
    ];
    const lookup = (id: string) => nodes.get(id) ?? group.find((n) => n.id === id);
    const base = route('open', true);
    const grouped: WalkedRoute = {
      ...base,
      elements: {
        nodes: [...base.elements.nodes, ...group.map((n) => n.id)],
        edges: [...base.elements.edges, edgeRef('exc', 'REQUIRES', 'any'), edgeRef('any', 'REQUIRES', 'danger'), edgeRef('any', 'REQUIRES', 'others')],
      },
    };
    const order = walkRoute(grouped, lookup, 'psychiatre').map((s) => s.node.id);
    for (const condition of ['any', 'danger', 'others', 'cond']) expect(order.indexOf(condition), condition).toBeLessThan(order.indexOf('saj'));
    expect(order.indexOf('saj')).toBeLessThan(order.indexOf('duty'));
  });

  it('still lists nodes the walk cannot reach, each as its own start', () => {
    const steps = walkRoute({ ...route('open', true), elements: { nodes: ['psychiatre', 'saj'], edges: [] } }, (id) => nodes.get(id), 'psychiatre');
    expect(steps.map((s) => s.node.id)).toEqual(['psychiatre', 'saj']);
  });
});
