import { describe, expect, it } from 'vitest';
import {
  changedSituations,
  changeKindsFor,
  changesOf,
  formatReformParam,
  groupRouteChanges,
  lostRoutes,
  parseReformParam,
  reformLabel,
  reformOverlay,
  verdictChangeSentence,
  verdictText,
  type ReformChoice,
} from '../../../client/src/lib/reform.ts';
import { VERDICTS } from '../../../client/src/lib/labels.ts';
import { DEFAULT_VIEW, formatViewState, parseViewState } from '../../../client/src/lib/viewState.ts';
import { edgeId, type GraphNode } from '../../../server/schema/graph.ts';
import type { RouteChange, RouteSummary, SituationChange } from '../../../server/schema/impact.ts';

const choices: [string, ReformChoice][] = [
  ['abroger:cp-458bis', { change: { kind: 'repeal', id: 'cp-458bis' } }],
  ['effet:exc-458bis:impose', { change: { kind: 'setEffect', exception: 'exc-458bis', effect: 'requires' } }],
  ['effet:exc-458bis:permet', { change: { kind: 'setEffect', exception: 'exc-458bis', effect: 'permits' } }],
  ['sans-condition:exc-458bis:exc-458bis--any', { change: { kind: 'removeCondition', exception: 'exc-458bis', condition: 'exc-458bis--any' } }],
  ['condition:exc-458bis:same_mission:non', { change: { kind: 'addCondition', exception: 'exc-458bis', fact: 'same_mission', expected: false } }],
  ['sans-destinataire:exc-458bis:procureur-du-roi', { change: { kind: 'removeRecipient', exception: 'exc-458bis', recipient: 'procureur-du-roi' } }],
  ['destinataire:exc-458bis:saj', { change: { kind: 'addRecipient', exception: 'exc-458bis', recipient: 'saj' } }],
  ['reforme:avant-loi-2017-07-06', { named: 'avant-loi-2017-07-06' }],
];

describe('« Et si… ? » in the URL', () => {
  it('writes and reads every kind of change and a named reform', () => {
    for (const [text, choice] of choices) {
      expect(formatReformParam(choice)).toBe(text);
      expect(parseReformParam(text)).toEqual(choice);
    }
  });

  it('refuses what is not one', () => {
    for (const bad of [
      '',
      'abroger',
      'abroger:CP',
      'effet:exc:oblige',
      'condition:exc:fact',
      'condition:exc:Fact-x:oui',
      'abroger:a:b',
      'supprimer:cp-458',
      'reforme:a:b:c:d',
    ])
      expect(parseReformParam(bad), bad).toBeUndefined();
  });

  it('is a parameter of the explorer’s link, kept readable, and dropped when invalid', () => {
    const state = { ...DEFAULT_VIEW, mode: 'explorer' as const, node: 'cp-458bis', reform: 'abroger:cp-458bis' };
    expect(formatViewState(state)).toBe('/explorer?noeud=cp-458bis&si=abroger:cp-458bis');
    expect(parseViewState('/explorer', '?noeud=cp-458bis&si=abroger:cp-458bis').reform).toBe('abroger:cp-458bis');
    expect(parseViewState('/explorer', '?si=abroger:<script>').reform).toBeUndefined();
    expect(formatViewState({ ...state, mode: 'evaluer' })).not.toContain('si=');
  });
});

describe('the reform’s changes and name', () => {
  const named = [{ id: 'avant-x', label: 'Avant la loi X', changes: [{ kind: 'repeal' as const, id: 'cp-458ter' }] }];
  const label = (id: string) => ({ 'cp-458bis': 'Art. 458bis Code pénal', 'exc-458bis': 'Exception 458bis' })[id] ?? `?${id}`;

  it('sends one change, or the named reform’s, none while the list is unknown', () => {
    expect(changesOf({ change: { kind: 'repeal', id: 'cp-458bis' } }, [])).toEqual([{ kind: 'repeal', id: 'cp-458bis' }]);
    expect(changesOf({ named: 'avant-x' }, named)).toEqual(named[0].changes);
    expect(changesOf({ named: 'avant-x' }, [])).toBeUndefined();
  });

  it('names it in French with the nodes’ labels', () => {
    expect(reformLabel({ change: { kind: 'repeal', id: 'cp-458bis' } }, named, label, (f) => f)).toBe('Sans « Art. 458bis Code pénal » (abrogation supposée)');
    expect(reformLabel({ change: { kind: 'setEffect', exception: 'exc-458bis', effect: 'requires' } }, named, label, (f) => f)).toContain('oblige');
    expect(reformLabel({ named: 'avant-x' }, named, label, (f) => f)).toBe('Avant la loi X');
  });

  it('offers the changes that fit the node’s type', () => {
    expect(changeKindsFor('Provision')).toEqual(['repeal']);
    expect(changeKindsFor('Limit')).toEqual(['repeal']);
    expect(changeKindsFor('Exception')).toEqual(['repeal', 'setEffect', 'removeCondition', 'addCondition', 'removeRecipient', 'addRecipient']);
    expect(changeKindsFor('Recipient')).toEqual([]);
  });
});

const summary = (exception: string, effect: 'permits' | 'requires' = 'permits', more: Partial<RouteSummary> = {}): RouteSummary => ({
  exception,
  effect,
  conditions: [],
  limits: [],
  provisions: ['cp-458bis'],
  duties: [],
  ...more,
});
const lost = (profession: string, recipient: string, kind: string | null): RouteChange => ({
  profession,
  recipient,
  kind,
  exception: 'exc-458bis',
  change: 'lost',
  fields: [],
  before: summary('exc-458bis'),
});

describe('reading a reform’s answer', () => {
  it('groups route changes by profession and recipient, one row per change listing its kinds', () => {
    const groups = groupRouteChanges([
      lost('avocat', 'procureur-du-roi', null),
      lost('avocat', 'procureur-du-roi', 'kind-inquietude'),
      lost('avocat', 'saj', null),
      lost('medecin', 'procureur-du-roi', null),
      { ...lost('medecin', 'procureur-du-roi', null), exception: 'exc-x', change: 'changed', fields: ['conditions'], after: summary('exc-x') },
    ]);
    expect(groups.map((g) => g.profession)).toEqual(['avocat', 'medecin']);
    expect(groups[0].recipients.map((r) => r.recipient)).toEqual(['procureur-du-roi', 'saj']);
    expect(groups[0].recipients[0].rows).toEqual([expect.objectContaining({ exception: 'exc-458bis', change: 'lost', kinds: [null, 'kind-inquietude'] })]);
    expect(groups[1].recipients[0].rows.map((r) => r.change)).toEqual(['lost', 'changed']);
  });

  it('keeps the situations whose verdict changes, worked examples first, and says a verdict with its possibilities', () => {
    const s = (id: string, source: 'example' | 'review', changed: boolean): SituationChange => ({
      id,
      source,
      label: id,
      profession: 'p',
      before: { verdict: 'permitted', possibleVerdicts: ['permitted'] },
      after: { verdict: 'undetermined', possibleVerdicts: ['permitted', 'forbidden'] },
      changed,
    });
    expect(changedSituations([s('r1', 'review', true), s('e1', 'example', false), s('e2', 'example', true)]).map((x) => x.id)).toEqual(['e2', 'r1']);
    expect(verdictText({ verdict: 'undetermined', possibleVerdicts: ['permitted', 'forbidden'] }, VERDICTS)).toBe('À déterminer (Permis ou Interdit)');
    expect(verdictText({ verdict: 'permitted', possibleVerdicts: ['permitted'] }, VERDICTS)).toBe('Permis');
  });

  it('says a verdict’s change in sentences a trainer reads out: the verdict after, instead of before, then what unknown facts leave open', () => {
    const permitted = { verdict: 'permitted', possibleVerdicts: ['permitted'] } as const;
    expect(
      verdictChangeSentence(
        'Sans l’art. 3 du décret',
        { verdict: 'permitted', possibleVerdicts: ['required', 'permitted'] },
        { verdict: 'undetermined', possibleVerdicts: ['required', 'permitted', 'forbidden'] },
        VERDICTS,
      ),
    ).toBe(
      'Sans l’art. 3 du décret : à déterminer, au lieu de permis. Selon des faits encore inconnus, la réponse serait alors : obligatoire, permis ou interdit. Dans le droit tel qu’il est, selon ces mêmes faits : obligatoire ou permis.',
    );
    expect(verdictChangeSentence('Sans l’art. 458bis', permitted, { verdict: 'forbidden', possibleVerdicts: ['forbidden'] }, VERDICTS)).toBe(
      'Sans l’art. 458bis : interdit, au lieu de permis.',
    );
    expect(verdictChangeSentence('Avant la loi', permitted, permitted, VERDICTS)).toBe('Avant la loi : toujours permis.');
  });

  it('lists each lost route once, with all the recipients it reached, the order of the answer kept', () => {
    expect(
      lostRoutes([
        lost('tms', 'saj', null),
        { ...lost('tms', 'pms', null), exception: 'exc-x' },
        lost('tms', 'sos-enfants', null),
        lost('tms', 'saj', 'kind-inquietude'),
        { ...lost('tms', 'saj', null), change: 'gained' },
      ]),
    ).toEqual([
      { exception: 'exc-458bis', recipients: ['saj', 'sos-enfants'] },
      { exception: 'exc-x', recipients: ['pms'] },
    ]);
  });
});

describe('the reform on the graph', () => {
  const nodes: Record<string, GraphNode['type']> = {
    'cp-458bis': 'Provision',
    'exc-458bis': 'Exception',
    'exc-458bis--any': 'ConditionGroup',
    'procureur-du-roi': 'Recipient',
    saj: 'Recipient',
    'code-penal': 'Instrument',
  };
  const known = (id: string) => (nodes[id] ? ({ id, type: nodes[id], label: id } as GraphNode) : undefined);
  const edge = (type: Parameters<typeof edgeId>[0], source: string, target: string) => ({ id: edgeId(type, source, target), type, source, target });

  it('marks a repealed article’s lost route: the text, its exception, conditions and relations; the recipient stays', () => {
    const overlay = reformOverlay(
      {
        changes: [{ kind: 'repeal', id: 'cp-458bis' }],
        changedNodes: ['cp-458bis', 'exc-458bis', 'exc-458bis--any'],
        routes: [lost('avocat', 'procureur-du-roi', null)],
      },
      known,
      [
        edge('ESTABLISHES', 'cp-458bis', 'exc-458bis'),
        edge('REQUIRES', 'exc-458bis', 'exc-458bis--any'),
        edge('PERMITS_DISCLOSURE_TO', 'exc-458bis', 'procureur-du-roi'),
        edge('PART_OF', 'cp-458bis', 'code-penal'),
      ],
    );
    expect(overlay.marks.get('cp-458bis')).toBe('lost');
    expect(overlay.marks.get('exc-458bis')).toBe('lost');
    expect(overlay.marks.get('exc-458bis--any')).toBe('lost');
    expect(overlay.marks.get(edgeId('ESTABLISHES', 'cp-458bis', 'exc-458bis'))).toBe('lost');
    expect(overlay.marks.get(edgeId('PERMITS_DISCLOSURE_TO', 'exc-458bis', 'procureur-du-roi'))).toBe('lost');
    expect(overlay.marks.get(edgeId('REQUIRES', 'exc-458bis', 'exc-458bis--any'))).toBe('lost');
    expect(overlay.marks.has('procureur-du-roi')).toBe(false);
    expect(overlay.marks.has(edgeId('PART_OF', 'cp-458bis', 'code-penal'))).toBe(false);
    expect(overlay.nodes.sort()).toEqual(['cp-458bis', 'exc-458bis', 'exc-458bis--any', 'procureur-du-roi']);
  });

  it('draws a gained route’s new relation, and a switched effect as the old relation lost and the new gained', () => {
    const gained: RouteChange = {
      profession: 'avocat',
      recipient: 'saj',
      kind: null,
      exception: 'exc-458bis',
      change: 'gained',
      fields: [],
      after: summary('exc-458bis'),
    };
    const switched: RouteChange = {
      ...lost('avocat', 'procureur-du-roi', null),
      change: 'changed',
      fields: ['effect'],
      after: summary('exc-458bis', 'requires'),
    };
    const a = reformOverlay(
      { changes: [{ kind: 'addRecipient', exception: 'exc-458bis', recipient: 'saj' }], changedNodes: ['exc-458bis', 'saj'], routes: [gained] },
      known,
      [],
    );
    expect(a.newEdges.map((e) => e.id)).toEqual([edgeId('PERMITS_DISCLOSURE_TO', 'exc-458bis', 'saj')]);
    expect(a.marks.get(edgeId('PERMITS_DISCLOSURE_TO', 'exc-458bis', 'saj'))).toBe('gained');
    const b = reformOverlay(
      { changes: [{ kind: 'setEffect', exception: 'exc-458bis', effect: 'requires' }], changedNodes: ['exc-458bis'], routes: [switched] },
      known,
      [],
    );
    expect(b.marks.get('exc-458bis')).toBe('changed');
    expect(b.marks.get(edgeId('PERMITS_DISCLOSURE_TO', 'exc-458bis', 'procureur-du-roi'))).toBe('lost');
    expect(b.marks.get(edgeId('REQUIRES_DISCLOSURE_TO', 'exc-458bis', 'procureur-du-roi'))).toBe('gained');
  });

  it('keeps the exception when only a recipient is taken from it', () => {
    const overlay = reformOverlay(
      {
        changes: [{ kind: 'removeRecipient', exception: 'exc-458bis', recipient: 'saj' }],
        changedNodes: ['exc-458bis', 'saj'],
        routes: [{ ...lost('avocat', 'saj', null) }],
      },
      known,
      [],
    );
    expect(overlay.marks.has('exc-458bis')).toBe(false);
    expect(overlay.marks.get(edgeId('PERMITS_DISCLOSURE_TO', 'exc-458bis', 'saj'))).toBe('lost');
  });
});
