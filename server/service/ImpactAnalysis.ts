// What rests on a node, and what a reform would change (issue 27). The store
// selects the whole graph once per version (every node, every relation: the
// same two reads on both engines); the domain finds the routes of every
// (profession, kind) and assesses every worked example and review case on
// it, once per version; a reform is laid over that view and only what it
// touches is assessed again. Nothing is ever written to the store.
import { buildImpactIndex, diffReform, factKey, findDependants, reformCsv, type ImpactIndex, type SituationQuestion } from '../domain/impact.ts';
import { applyReform, listView } from '../domain/reform.ts';
import { reformProblems } from '../graph/reforms.ts';
import { LEGAL_REVIEW_CASES } from '../review/legalReviewCases.ts';
import type { AsOf, DependantsResult, NamedReform, ReformBody, ReformChange, ReformChangeInput, ReformResult } from '../schema/impact.ts';
import { InvalidReformError, NotFoundError } from '../schema/errors.ts';
import { RELATION_TYPES, type Fact, type GraphEdge, type GraphNode } from '../schema/graph.ts';
import { IndexedGraph } from '../schema/graphView.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import type { GraphCache } from './GraphCache.ts';

interface WholeGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  facts: Fact[];
  view: IndexedGraph;
}

export interface ImpactOptions {
  /** named reforms (graph-data/reforms.yaml), for asOf */
  reforms?: NamedReform[];
  /** the review's situations assessed before and after a reform (default: the legal review of December 2026) */
  reviewCases?: readonly SituationQuestion[];
}

/** The legal review's cases as situations to assess. */
export const REVIEW_SITUATIONS: readonly SituationQuestion[] = LEGAL_REVIEW_CASES.map((c) => ({
  id: c.id,
  source: 'review',
  label: c.note,
  profession: c.profession,
  ...(c.recipient && { recipient: c.recipient }),
  ...(c.situation && { kind: c.situation }),
  facts: c.facts,
  ...(c.closedWorld && { closedWorld: true }),
}));

/** What a reform's date is, in the words of an answer's note (« … précède le 2017-07-06, <words> »). */
const DATE_WORDS: Record<NamedReform['dateKind'], string> = {
  adoption: 'date à laquelle la loi a été adoptée selon la brochure',
  law: 'date que porte la loi selon la brochure',
  entry_into_force: 'date de son entrée en vigueur',
};

export class ImpactAnalysis {
  private readonly reforms: NamedReform[];
  private readonly reviewCases: readonly SituationQuestion[];

  constructor(
    private readonly store: GraphStore,
    private readonly cache: GraphCache,
    private readonly vocabulary: () => Promise<Fact[]>,
    options: ImpactOptions = {},
  ) {
    this.reforms = options.reforms ?? [];
    this.reviewCases = options.reviewCases ?? REVIEW_SITUATIONS;
  }

  /** The named reforms of graph-data/reforms.yaml. */
  named(): readonly NamedReform[] {
    return this.reforms;
  }

  /** What rests on a node or a fact: the answers whose routes use it, and the worked examples whose deciding route does. */
  async dependants(id: string): Promise<DependantsResult> {
    const [graph, index] = await Promise.all([this.graph(), this.index()]);
    const node = graph.view.node(id);
    const fact = node ? undefined : graph.facts.find((f) => f.id === id);
    if (!node && !fact) throw new NotFoundError('id', id, 'node or fact');
    const describe = (ref: string) => {
      const found = graph.view.node(ref);
      return found ? { id: found.id, type: found.type, label: found.label } : { id: ref, type: 'Unknown', label: ref };
    };
    const asked = node ? describe(id) : { id, type: 'Fact', label: fact!.question };
    return findDependants(index, node ? id : factKey(id), asked, describe);
  }

  /** The answers before and after a reform, for every (profession, recipient, kind) and every situation. */
  async reform(body: ReformBody, onProgress?: (done: number, total: number) => void): Promise<ReformResult> {
    const [graph, index] = await Promise.all([this.graph(), this.index(onProgress)]);
    const applied = applyReform(graph.view, body.changes, new Set(graph.facts.map((f) => f.id)));
    const after = listView(applied.view, [...graph.nodes.map((n) => n.id), ...applied.added]);
    const problems = reformProblems({ ...after, facts: graph.facts });
    if (problems.length) throw new InvalidReformError(problems);
    const diff = diffReform(index, applied.view, applied.changed, graph.facts, onProgress);
    const count = (change: string) => diff.routes.filter((r) => r.change === change).length;
    return {
      ...(body.label && { label: body.label }),
      changes: body.changes,
      counts: {
        answersCompared: index.answers.length,
        answersReassessed: diff.answersReassessed,
        routesGained: count('gained'),
        routesLost: count('lost'),
        routesChanged: count('changed'),
        situations: diff.situations.length,
        situationsReassessed: diff.situationsReassessed,
        verdictsChanged: diff.situations.filter((s) => s.changed).length,
      },
      changedNodes: [...applied.changed].sort(),
      routes: diff.routes,
      situations: diff.situations,
    };
  }

  /** Both tables of a reform's answer as CSV, the reform named on the first line. */
  csv(result: Pick<ReformResult, 'label' | 'routes' | 'situations'> & { changes: ReformChangeInput[] }): string {
    return reformCsv(result.label ?? describeChanges(result.changes), result);
  }

  /**
   * The law of a date, as far as a source dates it: every named reform whose
   * law came after that date is applied. The brochure dates laws by their
   * adoption, so a date after it says the law was adopted, not that it was in
   * force; no date of entry into force is invented. A text whose own date (the
   * date in its title, `Instrument.date`) comes after the date did not exist
   * yet: its articles are repealed for the answer, whether or not a named
   * reform speaks of it.
   */
  async lawAsOf(date: string): Promise<{ changes: ReformChange[]; asOf: AsOf; reformChanges: Map<string, ReformChange[]> }> {
    const reforms = this.reforms.map((reform) => {
      const applied = date < reform.date;
      const note = applied
        ? `Le ${date} précède le ${reform.date}, ${DATE_WORDS[reform.dateKind]} : la réponse est donnée sans ce qu’elle a introduit.`
        : reform.dateKind === 'entry_into_force'
          ? `La loi est en vigueur depuis le ${reform.date} : la réponse l’applique.`
          : `La loi ${reform.dateKind === 'adoption' ? `a été adoptée le ${reform.date}` : `porte la date du ${reform.date}`} selon la brochure, qui ne donne pas sa date d’entrée en vigueur : la réponse l’applique, mais n’établit pas qu’elle était en vigueur le ${date}.`;
      return { id: reform.id, label: reform.label, law: reform.law, date: reform.date, dateKind: reform.dateKind, applied, note, changes: reform.changes };
    });
    const covered = new Set(this.reforms.map((r) => r.law));
    const { nodes, edges } = await this.graph();
    const later = nodes.flatMap((n) => (n.type === 'Instrument' && n.date !== undefined && date < n.date && !covered.has(n.id) ? [n] : []));
    const provisions = new Set(nodes.filter((n) => n.type === 'Provision').map((n) => n.id));
    const texts = later.flatMap((instrument) => {
      const articles = edges.filter((e) => e.type === 'PART_OF' && e.target === instrument.id && provisions.has(e.source)).map((e) => e.source);
      if (!articles.length) return [];
      return [
        {
          id: `texte-posterieur:${instrument.id}`,
          label: `Sans « ${instrument.label} » (daté du ${instrument.date})`,
          law: instrument.id,
          date: instrument.date!,
          dateKind: 'law' as const,
          applied: true,
          note: `« ${instrument.label} » est daté du ${instrument.date}, après le ${date} : il n’existait pas encore, la réponse est donnée sans ses articles.`,
          changes: articles.map((id): ReformChange => ({ kind: 'repeal', id })),
        },
      ];
    });
    const all = [...reforms, ...texts];
    return {
      changes: all.filter((r) => r.applied).flatMap((r) => r.changes),
      asOf: { date, reforms: all.map(({ changes: _changes, ...r }) => r) },
      /** each reform's own changes, applied or not, by its id */
      reformChanges: new Map(all.map((r) => [r.id, r.changes])),
    };
  }

  /** Every node and relation, as the store holds them: the same two reads on both engines. */
  private graph(): Promise<WholeGraph> {
    return this.cache.analysis('whole-graph', async () => {
      const [nodes, relations, facts] = await Promise.all([this.store.listNodes(), this.store.relationSubgraph([...RELATION_TYPES]), this.vocabulary()]);
      return { nodes, edges: relations.edges, facts, view: new IndexedGraph(nodes, relations.edges) };
    });
  }

  /** @param onProgress told of each answer and situation when the index is computed (not when it is kept) */
  private index(onProgress?: (done: number, total: number) => void): Promise<ImpactIndex> {
    return this.cache.analysis('impact-index', async () => {
      const graph = await this.graph();
      const ids = (type: GraphNode['type']) => graph.nodes.filter((n) => n.type === type).map((n) => n.id);
      const holds = (q: SituationQuestion) =>
        graph.view.node(q.profession)?.type === 'Profession' &&
        (q.recipient === undefined || graph.view.node(q.recipient) !== undefined) &&
        (q.kind === undefined || graph.view.node(q.kind)?.type === 'SituationKind');
      const examples = graph.nodes.flatMap((n): SituationQuestion[] =>
        n.type === 'Situation'
          ? [
              {
                id: n.id,
                source: 'example',
                label: n.label,
                profession: n.assess.profession,
                ...(n.assess.recipient && { recipient: n.assess.recipient }),
                ...(n.assess.situation && { kind: n.assess.situation }),
                facts: n.assess.facts,
                ...(n.assess.closedWorld && { closedWorld: true }),
              },
            ]
          : [],
      );
      return buildImpactIndex(
        graph.view,
        {
          professions: ids('Profession').sort(),
          kinds: ids('SituationKind').sort(),
          situations: [...examples, ...this.reviewCases].filter(holds),
          vocabulary: graph.facts,
        },
        onProgress,
      );
    });
  }
}

function describeChanges(changes: ReformChangeInput[]): string {
  if (!changes.length) return 'Réforme vide';
  return `Réforme : ${changes.map((c) => Object.values(c).join(' ')).join(' ; ')}`;
}
