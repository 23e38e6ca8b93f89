import { describe, expect, it } from 'vitest';
import { assessSituation } from '../../server/domain/assess.ts';
import { explanationText } from '../../server/domain/explain.ts';
import { NotFoundError } from '../../server/schema/errors.ts';
import { buildRouteCandidates } from '../../server/domain/routes.ts';
import { IndexedGraph } from '../../server/schema/graphView.ts';
import { condition, tinyGraph } from '../support/tinyGraph.ts';

// A miniature of the law: a "458bis" route with an any-group and a lawyer's
// limit, a necessity route towards a category of services, an "art. 30"
// duty for everyone, shared secrecy closed for teachers, a standalone duty.
const graph = tinyGraph(
  [
    { id: 'root', type: 'Profession', bound: false },
    { id: 'dep', type: 'Profession', bound: true },
    { id: 'doc', type: 'Profession', bound: true },
    { id: 'psy', type: 'Profession', bound: true },
    { id: 'lawyer', type: 'Profession', bound: true },
    { id: 'cit', type: 'Profession', bound: false },
    { id: 'teacher', type: 'Profession', bound: false },
    { id: 'pros', type: 'Recipient' },
    { id: 'police', type: 'Recipient' },
    { id: 'svc', type: 'Recipient' },
    { id: 'code', type: 'Instrument', kind: 'code' },
    { id: 'p458', type: 'Provision', summary: 'base', status: 'in_force' },
    { id: 'pbis', type: 'Provision', summary: 'bis', status: 'replaced' },
    { id: 'e-bis', type: 'Exception', effect: 'permits', summary: 'may tell the prosecutor' },
    { id: 'e-nec', type: 'Exception', effect: 'permits', summary: 'necessity' },
    { id: 'e-30', type: 'Exception', effect: 'requires', summary: 'witness must tell' },
    { id: 'e-share', type: 'Exception', effect: 'permits', summary: 'shared secret' },
    { id: 'l-quater', type: 'Limit', summary: 'not for lawyers when it exposes the client' },
    { id: 'l-teacher', type: 'Limit', summary: 'no shared secret with teachers' },
    { id: 'g-any', type: 'ConditionGroup', mode: 'any' },
    condition('c-off', 'off'),
    condition('c-danger', 'danger'),
    condition('c-other', 'other'),
    condition('c-exposes', 'exposes'),
    condition('c-nec', 'necessary'),
    condition('c-off2', 'off'),
    condition('c-witness', 'witness'),
    condition('c-consent', 'consent'),
    condition('c-peril', 'peril'),
    { id: 'd-inform', type: 'Duty' },
    { id: 'd-help', type: 'Duty' },
  ],
  [
    ['dep', 'IS_A', 'root'],
    ['doc', 'IS_A', 'dep'],
    ['psy', 'IS_A', 'doc'],
    ['lawyer', 'IS_A', 'dep'],
    ['cit', 'IS_A', 'root'],
    ['teacher', 'IS_A', 'root'],
    ['police', 'IS_A', 'svc'],
    ['pros', 'IS_A', 'svc'],
    ['p458', 'PART_OF', 'code'],
    ['pbis', 'PART_OF', 'code'],
    ['pbis', 'ESTABLISHES', 'e-bis'],
    ['p458', 'ESTABLISHES', 'e-nec'],
    ['p458', 'ESTABLISHES', 'e-30'],
    ['p458', 'ESTABLISHES', 'e-share'],
    ['p458', 'ESTABLISHES', 'd-help'],
    ['e-bis', 'APPLIES_TO', 'dep'],
    ['e-nec', 'APPLIES_TO', 'dep'],
    ['e-30', 'APPLIES_TO', 'root'],
    ['e-share', 'APPLIES_TO', 'dep'],
    ['e-bis', 'PERMITS_DISCLOSURE_TO', 'pros'],
    ['e-nec', 'PERMITS_DISCLOSURE_TO', 'svc'],
    ['e-30', 'REQUIRES_DISCLOSURE_TO', 'pros'],
    ['e-share', 'PERMITS_DISCLOSURE_TO', 'dep'],
    ['e-bis', 'REQUIRES', 'c-off'],
    ['e-bis', 'REQUIRES', 'g-any'],
    ['g-any', 'REQUIRES', 'c-danger'],
    ['g-any', 'REQUIRES', 'c-other'],
    ['e-nec', 'REQUIRES', 'c-nec'],
    ['e-nec', 'REQUIRES', 'c-off2'],
    ['e-30', 'REQUIRES', 'c-witness'],
    ['e-share', 'REQUIRES', 'c-consent'],
    ['e-bis', 'IMPOSES', 'd-inform'],
    ['e-bis', 'DEROGATES_FROM', 'p458'],
    ['l-quater', 'RESTRICTS', 'e-bis'],
    ['l-quater', 'APPLIES_TO', 'lawyer'],
    ['l-quater', 'REQUIRES', 'c-exposes'],
    ['l-teacher', 'RESTRICTS', 'e-share'],
    ['l-teacher', 'APPLIES_TO', 'teacher', { role: 'recipient' }],
    ['d-help', 'APPLIES_TO', 'root'],
    ['d-help', 'REQUIRES', 'c-peril'],
  ],
  ['professional_context', 'witness', 'danger', 'other', 'necessary', 'consent', 'exposes', 'peril', 'off'],
);

const view = new IndexedGraph(graph.nodes, graph.edges);
const candidates = (profession: string, recipient?: string) => Promise.resolve().then(() => buildRouteCandidates(view, profession, recipient));
const assess = async (profession: string, recipient: string | undefined, facts: Record<string, boolean>, closedWorld = false) =>
  assessSituation(await candidates(profession, recipient), facts, { closedWorld }, graph.facts);
const route = (a: Awaited<ReturnType<typeof assess>>, id: string) => a.routes.find((r) => r.exception.id === id);

describe('assessSituation', () => {
  it('answers permitted when every condition of a permitting route holds, with its provision and duties', async () => {
    const a = await assess('doc', 'pros', { off: true, danger: true });
    expect(a.verdict).toBe('permitted');
    expect(route(a, 'e-bis')?.status).toBe('open');
    expect(route(a, 'e-bis')?.provisions.map((p) => p.id)).toEqual(['pbis']);
    expect(a.duties.map((d) => d.id)).toEqual(['d-inform']);
  });

  it('inherits routes through IS_A, two levels up', async () => {
    const a = await assess('psy', 'pros', { off: true, other: true });
    expect(a.verdict).toBe('permitted');
    expect(route(a, 'e-bis')?.elements.edges.map((e) => e.id)).toEqual(
      expect.arrayContaining(['psy-[IS_A]->doc', 'doc-[IS_A]->dep', 'e-bis-[APPLIES_TO]->dep']),
    );
  });

  it('reaches a recipient through its category and highlights that link', async () => {
    const a = await assess('doc', 'police', { necessary: true, off: true });
    expect(a.verdict).toBe('permitted');
    expect(route(a, 'e-nec')?.recipient.id).toBe('svc');
    expect(route(a, 'e-nec')?.elements.edges.map((e) => e.id)).toContain('police-[IS_A]->svc');
    expect(route(a, 'e-bis')).toBeUndefined();
  });

  it('closes a route when a limit concerning the professional holds', async () => {
    const a = await assess('lawyer', 'pros', { off: true, danger: true, exposes: true });
    expect(route(a, 'e-bis')?.status).toBe('closed');
    expect(route(a, 'e-bis')?.limits[0]).toMatchObject({ id: 'l-quater', status: 'holds' });
    expect(a.verdict).toBe('undetermined');
  });

  it('does not apply a limit to professionals it does not concern', async () => {
    const a = await assess('doc', 'pros', { off: true, danger: true, exposes: true });
    expect(route(a, 'e-bis')?.limits).toEqual([]);
    expect(a.verdict).toBe('permitted');
  });

  it('leaves a route undetermined while a limit may still close it, and asks the limit’s question', async () => {
    const a = await assess('lawyer', 'pros', { off: true, danger: true });
    expect(route(a, 'e-bis')?.status).toBe('undetermined');
    expect(route(a, 'e-bis')?.limits[0].status).toBe('undetermined');
    expect(a.possibleVerdicts).toEqual(expect.arrayContaining(['permitted', 'forbidden']));
    expect(a.verdict).toBe('undetermined');
    expect(a.missingFacts.map((f) => f.id)).toContain('exposes');
  });

  it('says "permitted" when a permitting route is open and an obligation is only possible (must implies may)', async () => {
    const a = await assess('doc', 'pros', { off: true, danger: true });
    expect(a.possibleVerdicts).toEqual(['required', 'permitted']);
    expect(a.verdict).toBe('permitted');
  });

  it('answers forbidden in a closed world where no route opens', async () => {
    const a = await assess('lawyer', 'pros', { off: true, danger: true, exposes: true }, true);
    expect(a.verdict).toBe('forbidden');
    expect(a.facts.witness).toBe(false);
    expect(a.missingFacts).toEqual([]);
  });

  it('answers not_bound for a person the secret does not bind, and required when a duty route opens', async () => {
    expect((await assess('cit', 'pros', {})).verdict).toBe('not_bound');
    expect((await assess('cit', 'pros', { witness: true })).verdict).toBe('required');
    expect((await assess('cit', 'pros', { off: true, danger: true })).verdict).toBe('not_bound');
  });

  it('answers not_bound for a professional outside a professional context, unless a duty route opens', async () => {
    expect((await assess('doc', 'pros', { professional_context: false, off: true, danger: true })).verdict).toBe('not_bound');
    expect((await assess('doc', 'pros', { professional_context: false, witness: true })).verdict).toBe('required');
  });

  it('ranks first the question whose answers settle the most possible verdicts, and says what each answer gives', async () => {
    const a = await assess('doc', 'pros', { professional_context: true });
    expect(a.possibleVerdicts).toEqual(['required', 'permitted', 'forbidden']);
    // Oui to "witness" makes it required outright; "off" only closes two permitting routes when Non.
    expect(a.missingFacts[0]).toMatchObject({ id: 'witness', settles: ['e-30'], outcomes: { yes: 'required', no: 'undetermined' } });
    expect(a.missingFacts.find((f) => f.id === 'off')).toMatchObject({ settles: ['e-bis', 'e-nec'], outcomes: { no: 'undetermined' } });
    expect(a.missingFacts.map((f) => f.id)).toEqual(expect.arrayContaining(['witness', 'necessary', 'off']));
  });

  it('does not ask the other branch of a condition group already met', async () => {
    const a = await assess('doc', 'pros', { professional_context: true, danger: true });
    expect(a.missingFacts.map((f) => f.id)).not.toContain('other');
  });

  it('asks first whether the information came in a professional capacity when that is unknown', async () => {
    const a = await assess('doc', 'pros', {});
    expect(a.missingFacts[0].id).toBe('professional_context');
  });

  it('asks only questions that can still change the verdict', async () => {
    const a = await assess('doc', 'pros', { professional_context: true, witness: true });
    expect(a.verdict).toBe('required');
    expect(a.missingFacts).toEqual([]);
  });

  it('lists limits that name the recipient when no route reaches it', async () => {
    const a = await assess('doc', 'teacher', { consent: true });
    expect(a.routes).toEqual([]);
    expect(a.recipientLimits.map((l) => l.id)).toEqual(['l-teacher']);
    expect(a.verdict).toBe('forbidden');
  });

  it('adds a standalone duty when its conditions hold', async () => {
    expect((await assess('doc', 'pros', { peril: true })).duties.map((d) => d.id)).toContain('d-help');
    expect((await assess('doc', 'pros', { peril: false })).duties.map((d) => d.id)).not.toContain('d-help');
  });

  it('explains as steps: the verdict, then the deciding route with its articles and conditions', async () => {
    const a = await assess('doc', 'pros', { off: true, danger: true });
    expect(a.explanation.verdict).toMatch(/^Permis/);
    const decisive = a.explanation.steps.find((s) => s.kind === 'route');
    expect(decisive).toMatchObject({ route: { exception: 'e-bis', recipient: 'pros' }, articles: ['pbis'] });
    expect(decisive?.text).toContain('pbis :');
    expect(decisive?.conditions.map((c) => c.status)).toEqual(['met', 'met']);
    expect(explanationText(a.explanation).split('\n\n')).toEqual([a.explanation.verdict, ...a.explanation.steps.map((s) => s.text)]);
  });

  it('rejects an unknown profession or recipient, naming the field', async () => {
    await expect(candidates('nobody')).rejects.toMatchObject({ field: 'profession' });
    await expect(candidates('doc', 'nobody')).rejects.toBeInstanceOf(NotFoundError);
    await expect(candidates('pros')).rejects.toMatchObject({ field: 'profession' });
  });
});

describe('duties a route imposes on some professionals only', () => {
  const g = tinyGraph(
    [
      { id: 'dep', type: 'Profession', bound: true },
      { id: 'youth', type: 'Profession', bound: true },
      { id: 'judge', type: 'Recipient' },
      { id: 'e', type: 'Exception', effect: 'permits', summary: 'testimony' },
      { id: 'd-all', type: 'Duty' },
      { id: 'd-youth', type: 'Duty' },
    ],
    [
      ['youth', 'IS_A', 'dep'],
      ['e', 'APPLIES_TO', 'dep'],
      ['e', 'PERMITS_DISCLOSURE_TO', 'judge'],
      ['e', 'IMPOSES', 'd-all'],
      ['e', 'IMPOSES', 'd-youth'],
      ['d-youth', 'APPLIES_TO', 'youth'],
    ],
  );
  const s = new IndexedGraph(g.nodes, g.edges);

  it('lists a duty that names its professionals only for them, and lets it stand on its own for them', async () => {
    expect((await buildRouteCandidates(s, 'dep', 'judge')).routes[0].duties.map((d) => d.id)).toEqual(['d-all']);
    const youth = await buildRouteCandidates(s, 'youth', 'judge');
    expect(youth.routes[0].duties.map((d) => d.id)).toEqual(['d-all', 'd-youth']);
    expect(youth.standaloneDuties.map((d) => d.duty.id)).toEqual(['d-youth']);
    expect((await buildRouteCandidates(s, 'dep', 'judge')).standaloneDuties).toEqual([]);
  });
});
