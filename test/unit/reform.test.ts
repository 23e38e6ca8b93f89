// A reform on tiny hand-made graphs: each change kind builds a modified copy
// of the view, and the view it was given stays as it was.
import { describe, expect, it } from 'vitest';
import { answerEntry, buildImpactIndex, diffReform, findDependants, reformCsv } from '../../server/domain/impact.ts';
import { applyReform, listView } from '../../server/domain/reform.ts';
import { buildRouteCandidates } from '../../server/domain/routes.ts';
import { InvalidInputError, NotFoundError } from '../../server/schema/errors.ts';
import { IndexedGraph } from '../../server/schema/graphView.ts';
import type { ReformChangeInput } from '../../server/schema/impact.ts';
import { ReformChange } from '../../server/schema/impact.ts';
import { condition, tinyGraph } from '../support/tinyGraph.ts';
import { readFileSync } from 'node:fs';
import { DEFAULT_GRAPH_DIR, findBrochure, loadGraphData } from '../../server/graph/load.ts';
import { checkReforms, readReforms } from '../../server/graph/reforms.ts';
import { NamedReform } from '../../server/schema/impact.ts';

/** dep IS_A root; p1 alone establishes e-a (with limit l-1); p1 and p2 establish e-b. */
const graph = tinyGraph(
  [
    { id: 'root', type: 'Profession', bound: true },
    { id: 'dep', type: 'Profession', bound: true },
    { id: 'pros', type: 'Recipient' },
    { id: 'svc', type: 'Recipient' },
    { id: 'code', type: 'Instrument', kind: 'code' },
    { id: 'p1', type: 'Provision', summary: 's', status: 'in_force' },
    { id: 'p2', type: 'Provision', summary: 's', status: 'in_force' },
    { id: 'e-a', type: 'Exception', effect: 'permits', summary: 's' },
    { id: 'e-b', type: 'Exception', effect: 'requires', summary: 's' },
    { id: 'l-1', type: 'Limit', summary: 's' },
    { id: 'g', type: 'ConditionGroup', mode: 'any' },
    condition('c-1', 'f1'),
    condition('c-2', 'f2'),
    condition('c-3', 'f3'),
    condition('c-4', 'f4'),
  ],
  [
    ['dep', 'IS_A', 'root'],
    ['p1', 'PART_OF', 'code'],
    ['p2', 'PART_OF', 'code'],
    ['p1', 'ESTABLISHES', 'e-a'],
    ['p1', 'ESTABLISHES', 'e-b'],
    ['p2', 'ESTABLISHES', 'e-b'],
    ['p2', 'ESTABLISHES', 'l-1'],
    ['e-a', 'APPLIES_TO', 'root'],
    ['e-b', 'APPLIES_TO', 'dep'],
    ['e-a', 'PERMITS_DISCLOSURE_TO', 'pros'],
    ['e-b', 'REQUIRES_DISCLOSURE_TO', 'pros'],
    ['e-a', 'REQUIRES', 'c-1'],
    ['e-a', 'REQUIRES', 'g'],
    ['g', 'REQUIRES', 'c-2'],
    ['g', 'REQUIRES', 'c-3'],
    ['l-1', 'RESTRICTS', 'e-a'],
    ['l-1', 'REQUIRES', 'c-4'],
  ],
  ['professional_context', 'f1', 'f2', 'f3', 'f4'],
);
const facts = new Set(graph.facts.map((f) => f.id));
const base = () => new IndexedGraph(graph.nodes, graph.edges);
const apply = (changes: ReformChangeInput[]) =>
  applyReform(
    base(),
    changes.map((c) => ReformChange.parse(c)),
    facts,
  );
const routesOf = (view: ReturnType<typeof base> | ReturnType<typeof apply>['view']) =>
  buildRouteCandidates(view, 'dep').routes.map((r) => `${r.exception.id}>${r.target.id} ${r.exception.effect} [${r.sources.map((s) => s.id)}]`);

describe('applyReform', () => {
  it('changes nothing for the empty reform', () => {
    expect(routesOf(apply([]).view)).toEqual(routesOf(base()));
  });

  it('repeals a provision: what it alone establishes goes, what another text also establishes stays without it', () => {
    const { view, changed } = apply([{ kind: 'repeal', id: 'p1' }]);
    expect(routesOf(view)).toEqual(['e-b>pros requires [p2]']);
    expect(view.node('p1')).toBeDefined();
    expect(view.node('c-2')).toBeUndefined();
    expect([...changed].sort()).toEqual(['c-1', 'c-2', 'c-3', 'e-a', 'e-b', 'g', 'p1']);
  });

  it('repeals a limit, and the route it restricted no longer carries it', () => {
    const { view } = apply([{ kind: 'repeal', id: 'l-1' }]);
    expect(buildRouteCandidates(view, 'dep').routes.find((r) => r.exception.id === 'e-a')!.limits).toEqual([]);
  });

  it('swaps the disclosure relation with the effect', () => {
    const { view } = apply([{ kind: 'setEffect', exception: 'e-a', effect: 'requires' }]);
    expect(view.out('e-a', 'PERMITS_DISCLOSURE_TO')).toEqual([]);
    expect(view.out('e-a', 'REQUIRES_DISCLOSURE_TO').map((e) => e.target)).toEqual(['pros']);
    expect(routesOf(view)[0]).toBe('e-a>pros requires [p1]');
  });

  it('adds and removes recipients and conditions, nested ones included', () => {
    const { view } = apply([
      { kind: 'addRecipient', exception: 'e-a', recipient: 'svc' },
      { kind: 'removeCondition', exception: 'e-a', condition: 'c-3' },
      { kind: 'addCondition', exception: 'e-b', fact: 'f1', expected: false },
    ]);
    const routes = buildRouteCandidates(view, 'dep').routes;
    expect(routes.map((r) => `${r.exception.id}>${r.target.id}`)).toEqual(['e-a>pros', 'e-a>svc', 'e-b>pros']);
    expect(JSON.stringify(routes[0].requirements)).not.toContain('c-3');
    expect(routes[2].requirements).toMatchObject([{ id: 'e-b--f1', fact: 'f1', expected: false }]);
  });

  it('gives back the original routes when a change is followed by its inverse', () => {
    const { view } = apply([
      { kind: 'setEffect', exception: 'e-a', effect: 'requires' },
      { kind: 'removeRecipient', exception: 'e-b', recipient: 'pros' },
      { kind: 'removeCondition', exception: 'e-a', condition: 'c-1' },
      { kind: 'addCondition', exception: 'e-a', fact: 'f1', id: 'c-1', label: 'c-1' },
      { kind: 'addRecipient', exception: 'e-b', recipient: 'pros' },
      { kind: 'setEffect', exception: 'e-a', effect: 'permits' },
    ]);
    expect(buildRouteCandidates(view, 'dep')).toEqual(buildRouteCandidates(base(), 'dep'));
  });

  it('never changes the view it was given', () => {
    const before = base();
    const snapshot = listView(
      before,
      graph.nodes.map((n) => n.id),
    );
    applyReform(
      before,
      [ReformChange.parse({ kind: 'repeal', id: 'p1' }), ReformChange.parse({ kind: 'setEffect', exception: 'e-b', effect: 'permits' })],
      facts,
    );
    expect(
      listView(
        before,
        graph.nodes.map((n) => n.id),
      ),
    ).toEqual(snapshot);
  });

  it('names every unknown id with its field', () => {
    expect(() =>
      apply([
        { kind: 'repeal', id: 'nope' },
        { kind: 'addRecipient', exception: 'e-a', recipient: 'nobody' },
      ]),
    ).toThrow(NotFoundError);
    try {
      apply([
        { kind: 'repeal', id: 'nope' },
        { kind: 'addRecipient', exception: 'e-a', recipient: 'nobody' },
      ]);
    } catch (err) {
      expect((err as NotFoundError).field).toBe('changes.0.id');
      expect((err as Error).message).toContain('changes.1.recipient');
    }
  });

  it('refuses a change that makes no sense for the node named', () => {
    expect(() => apply([{ kind: 'repeal', id: 'pros' }])).toThrow(InvalidInputError);
    expect(() => apply([{ kind: 'removeRecipient', exception: 'e-a', recipient: 'svc' }])).toThrow(/does not name/);
    expect(() => apply([{ kind: 'removeCondition', exception: 'e-b', condition: 'c-1' }])).toThrow(/not a condition of e-b/);
    expect(() => apply([{ kind: 'addCondition', exception: 'e-a', fact: 'unknown_fact' }])).toThrow(/unknown fact/);
  });

  it('skips, on a partial view, a change whose ids the view does not hold', () => {
    const { view } = applyReform(base(), [ReformChange.parse({ kind: 'repeal', id: 'elsewhere' })], facts, { partialView: true });
    expect(routesOf(view)).toEqual(routesOf(base()));
  });
});

describe('impact analysis on a tiny graph', () => {
  const scope = { professions: ['dep', 'root'], kinds: [], situations: [], vocabulary: graph.facts };

  it('finds the answers whose routes use a node or a fact, grouped by profession and recipient', () => {
    const index = buildImpactIndex(base(), scope);
    const name = (id: string) => ({ id, type: 'X', label: id });
    const found = findDependants(index, 'c-4', name('c-4'), name);
    expect(found.counts).toEqual({ answers: 2, professions: 2, recipients: 1, routes: 1, situations: 0 });
    expect(found.professions.map((p) => p.profession.id)).toEqual(['dep', 'root']);
    expect(findDependants(index, 'fact:f2', name('f2'), name).counts.answers).toBe(2);
    expect(findDependants(index, 'p2', name('p2'), name).professions[0].answers[0].routes).toEqual(['e-a', 'e-b']);
  });

  it('re-assesses only the answers that read a changed node', () => {
    const index = buildImpactIndex(base(), scope);
    const { view, changed } = apply([{ kind: 'repeal', id: 'e-b' }]);
    const diff = diffReform(index, view, changed, graph.facts);
    expect(diff.answersReassessed).toBe(1);
    expect(diff.routes).toMatchObject([{ profession: 'dep', recipient: 'pros', kind: null, exception: 'e-b', change: 'lost' }]);
    expect(answerEntry(view, 'root', null).routes.map((r) => r.exception)).toEqual(['e-a']);
  });

  it('writes both tables as CSV, the reform named first', () => {
    const index = buildImpactIndex(base(), scope);
    const { view, changed } = apply([{ kind: 'setEffect', exception: 'e-a', effect: 'requires' }]);
    const csv = reformCsv('Et si e-a obligeait ?', diffReform(index, view, changed, graph.facts));
    const lines = csv.split('\n');
    expect(lines[0]).toBe('# Et si e-a obligeait ?');
    expect(lines).toContain(
      'dep,pros,,e-a,changed,effect,permits,requires,"f1=true ; any(f2=true, f3=true)","f1=true ; any(f2=true, f3=true)",l-1 if f4=true,l-1 if f4=true',
    );
  });
});

describe('named reforms (graph-data/reforms.yaml), as data:check reads them', () => {
  const real = loadGraphData();
  const brochure = findBrochure();
  const reform = (changes: ReformChangeInput[], quote = 'La loi du 6 juillet 2017 a introduit dans le Code pénal les articles 458ter et quater.') =>
    NamedReform.parse({
      id: 'r',
      label: 'r',
      law: 'loi-2017-07-06',
      date: '2017-07-06',
      dateKind: 'adoption',
      summary: 's',
      citation: { source: 'brochure', section: 'A.V', quote },
      changes,
    });

  it('finds the real reforms sound', () => {
    const { reforms, problems } = readReforms(DEFAULT_GRAPH_DIR);
    expect(problems).toEqual([]);
    expect(reforms.map((r) => r.id)).toEqual(['avant-loi-2017-07-06', 'avant-loi-2017-05-04']);
    expect(checkReforms(reforms, real, brochure ? readFileSync(brochure, 'utf8') : undefined)).toEqual([]);
  });

  it('reports an unknown id, a quote not in the brochure and a graph left invalid', () => {
    const text = brochure ? readFileSync(brochure, 'utf8') : 'La loi du 6 juillet 2017 a introduit dans le Code pénal les articles 458ter et quater.';
    expect(checkReforms([reform([{ kind: 'repeal', id: 'cp-999' }])], real, text)[0].message).toContain('changes.0.id');
    expect(checkReforms([reform([{ kind: 'repeal', id: 'cp-458ter' }], 'une phrase que la brochure ne dit pas')], real, text)[0].message).toMatch(
      /quote not found/,
    );
    const invalid = checkReforms([reform([{ kind: 'removeRecipient', exception: 'exc-458bis', recipient: 'procureur-du-roi' }])], real, text);
    expect(invalid[0].message).toMatch(/leaves the graph invalid: \[exc-458bis\]/);
  });
});
