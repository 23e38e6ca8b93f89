import { describe, expect, it } from 'vitest';
import { ofText, textInSentence } from '../../../client/src/lib/labels.ts';
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

  it('names a text inside a sentence with its article: « l’art. 458 du Code pénal », never « Art. 458 Code pénal »', () => {
    const texts: Node[] = [
      { id: 'cp-458', type: 'Provision', label: 'Art. 458 Code pénal' },
      { id: 'daj-57', type: 'Provision', label: 'Art. 57 décret du 4 mars 1991 relatif à l’aide à la jeunesse' },
      { id: 'cp', type: 'Instrument', label: 'Code pénal (1867)' },
    ];
    const lookup = (id: string) => nodes.get(id) ?? texts.find((n) => n.id === id);
    const base = route('open', true);
    const walked = walkRoute(
      {
        ...base,
        elements: {
          nodes: [...base.elements.nodes, ...texts.map((n) => n.id)],
          edges: [
            ...base.elements.edges,
            edgeRef('exc', 'DEROGATES_FROM', 'cp-458'),
            edgeRef('daj-57', 'REFERS_TO', 'cp-458'),
            edgeRef('cp-458', 'PART_OF', 'cp'),
          ],
        },
      },
      lookup,
      'psychiatre',
    );
    const said = (id: string) => walked.find((s) => s.node.id === id)?.sentence;
    expect(said('cp-458')).toBe('Elle permet de lever le secret que protège l’art. 458 du Code pénal.');
    expect(said('daj-57')).toBe('L’art. 57 du décret du 4 mars 1991 relatif à l’aide à la jeunesse renvoie à l’art. 458 du Code pénal.');
    expect(said('cp')).toBe('L’art. 458 du Code pénal fait partie du Code pénal (1867).');
  });

  it('gives each kind of text label its article and contracts « de le » into « du »', () => {
    expect(textInSentence('Art. 458 Code pénal')).toBe('l’art. 458 du Code pénal');
    expect(textInSentence('Art. 422bis Code pénal (alinéa 1er)')).toBe('l’art. 422bis du Code pénal (alinéa 1er)');
    expect(textInSentence('Art. 12, alinéa 4, Code de déontologie de l’aide à la jeunesse')).toBe(
      'l’art. 12, alinéa 4, du Code de déontologie de l’aide à la jeunesse',
    );
    expect(textInSentence('Art. 3 décret « maltraitance » du 12 mai 2004')).toBe('l’art. 3 du décret « maltraitance » du 12 mai 2004');
    expect(textInSentence('Art. 77 loi du 8 avril 1965 relative à la protection de la jeunesse')).toBe(
      'l’art. 77 de la loi du 8 avril 1965 relative à la protection de la jeunesse',
    );
    expect(textInSentence('Art. 46bis/1 Code d’instruction criminelle')).toBe('l’art. 46bis/1 du Code d’instruction criminelle');
    expect(textInSentence('Loi du 4 mai 2017 (secret professionnel et terrorisme)')).toBe('la loi du 4 mai 2017 (secret professionnel et terrorisme)');
    expect(textInSentence('Décret du 4 mars 1991 relatif à l’aide à la jeunesse (Communauté française)')).toBe(
      'le décret du 4 mars 1991 relatif à l’aide à la jeunesse (Communauté française)',
    );
    expect(textInSentence('Nouveau Code pénal (loi du 29 février 2024, livre II)')).toBe('le nouveau Code pénal (loi du 29 février 2024, livre II)');
    // A name that is not a text's keeps its form.
    expect(textInSentence('Cass., 20 février 1905')).toBe('Cass., 20 février 1905');
    expect(ofText('Code judiciaire')).toBe('du Code judiciaire');
    expect(ofText('Loi du 8 avril 1965 relative à la protection de la jeunesse')).toBe('de la loi du 8 avril 1965 relative à la protection de la jeunesse');
    expect(ofText('Art. 458 Code pénal')).toBe('de l’art. 458 du Code pénal');
  });
});
