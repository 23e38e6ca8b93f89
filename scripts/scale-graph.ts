// Grows the real graph-data to a synthetic graph of a given size, for the
// benchmarks: the brochure's graph stays whole (so its pinned ids and the same
// queries work at every size) and new "instruments" — a regional decree, a
// code of ethics — are added around it, each with its provisions, the few
// exceptions some provisions establish, their conditions, limits and duties,
// and professions, recipients, case law and offences in proportion.
// Deterministic: same base, size and seed, same graph.
//
//   npx tsx scripts/scale-graph.ts --nodes 100000 [--seed 1] [--out graph.json]
//
// prints the counts and validates the result with the schemas and
// `validateGraph` of server/ (the checks of data:check that do not need YAML).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadGraphData } from '../server/graph/load.ts';
import { validateGraph, type Provenance } from '../server/graph/validate.ts';
import type { Problem } from '../server/graph/load.ts';
import { edgeId, Fact, GraphEdge, GraphNode, type Citation, type GraphData, type NodeOf, type NodeType, type RelationType } from '../server/schema/graph.ts';

/** Shape of the growth, per new instrument; tuned so that a provision brings about four nodes with it. */
const SHAPE = {
  provisionsPerInstrument: { min: 8, mean: 48 },
  /** share of provisions that establish exceptions, and how many (1..max) */
  exceptionProvisionShare: 0.3,
  maxExceptionsPerProvision: 3,
  conditionsPerException: { min: 1, max: 4 },
  /** share of exceptions whose conditions include an "any" group of 2–3 */
  groupShare: 0.1,
  limitShare: 0.12,
  imposedDutyShare: 0.3,
  caseLawShare: 0.05,
  standaloneDutyShare: 0.02,
  /** share of exceptions that derogate from art. 458 itself rather than their instrument's secrecy article */
  derogatesFrom458Share: 0.1,
  exceptionsPerProfession: 8,
  exceptionsPerRecipient: 15,
  provisionsPerOffence: 100,
  provisionsPerSituation: 250,
  /** share of summaries that mention the state of necessity, and art. 458bis */
  necessityShare: 0.03,
  article458bisShare: 0.01,
} as const;

const INSTRUMENT_KINDS = ['code', 'loi', 'décret', 'déontologie', 'circulaire'] as const;
const REGIONS = ['wallonne', 'bruxelloise', 'flamande', 'germanophone', 'fédérale'];
const SUBJECTS = [
  'l’aide à la jeunesse',
  'la santé mentale',
  'l’action sociale',
  'l’enseignement',
  'la médiation',
  'les soins à domicile',
  'la protection de l’enfance',
  'l’accueil des personnes âgées',
  'le handicap',
  'la santé scolaire',
  'l’insertion professionnelle',
  'le logement',
  'la prévention des violences',
];
const WORDS = (
  'le professionnel peut révéler une information couverte par le secret lorsque la loi l’autorise ' +
  'à l’autorité compétente après concertation avec l’équipe le service agréé informe le bénéficiaire ' +
  'de la démarche sauf danger pour la victime mineure ou vulnérable la communication se limite aux ' +
  'éléments pertinents et proportionnés au but poursuivi le partage entre intervenants tenus au même ' +
  'secret et investis de la même mission est permis dans l’intérêt de la personne le mandat ' +
  'judiciaire précise l’objet de la mission le rapport est transmis à l’autorité mandante'
).split(' ');
const PROFESSION_NAMES = [
  'éducateur spécialisé',
  'logopède',
  'kinésithérapeute',
  'aide familiale',
  'puériculteur',
  'conseiller conjugal',
  'agent de quartier',
  'coordinateur de soins',
  'animateur',
  'accueillant',
  'psychomotricien',
  'ergothérapeute',
  'aide-soignant',
  'médiateur scolaire',
  'intervenant en addictions',
];
const RECIPIENT_NAMES = [
  'service d’aide',
  'comité de concertation',
  'cellule de crise',
  'équipe mobile',
  'conseil de l’ordre',
  'service de médiation',
  'inspection',
  'service de protection',
  'commission d’avis',
  'centre de référence',
];

/** sfc32: small, fast and good enough to make a benchmark graph reproducible. */
function randomSource(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

class Draw {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** a count ≥ min with the given mean, geometric tail (many short instruments, a few long codes) */
  geometric(min: number, mean: number): number {
    return min + Math.floor(Math.log(1 - this.next()) * -(mean - min));
  }
  sentence(length: number, extras: string[] = []): string {
    const at = extras.length ? this.int(1, length - 1) : -1;
    let text = '';
    for (let i = 0; i < length; i++) {
      text += (i ? ' ' : '') + this.pick(WORDS);
      if (i === at) text += ' ' + extras.join(' ');
    }
    return text[0].toUpperCase() + text.slice(1) + '.';
  }
}

export interface ScaleOptions {
  /** total nodes wanted, the base included; reached within a few nodes above */
  nodes: number;
  seed?: number;
}

/** The base graph and synthetic nodes around it, until `nodes` is reached. */
export function scaleGraph(base: GraphData, options: ScaleOptions): GraphData {
  return new GraphGrower(base, new Draw(randomSource(options.seed ?? 1))).grow(options.nodes);
}

class GraphGrower {
  private readonly nodes: GraphNode[];
  private readonly edges: GraphEdge[];
  /** edges of the source being wired: random picks may repeat a target, a relation may not */
  private readonly sourceEdges = new Set<string>();
  private wiredSource = '';
  private readonly pool: Record<'Profession' | 'Recipient' | 'Provision' | 'Offence', string[]>;
  private readonly baseProfessions: string[];
  private readonly baseRecipients: string[];
  private readonly facts: string[];
  private instruments = 0;
  private exceptions = 0;
  private provisions = 0;

  constructor(
    private readonly base: GraphData,
    private readonly draw: Draw,
  ) {
    this.nodes = [...base.nodes];
    this.edges = [...base.edges];
    const ofType = (type: NodeType) => base.nodes.filter((n) => n.type === type).map((n) => n.id);
    this.pool = {
      Profession: ofType('Profession'),
      Recipient: ofType('Recipient'),
      Provision: ofType('Provision'),
      Offence: ofType('Offence'),
    };
    this.baseProfessions = [...this.pool.Profession];
    this.baseRecipients = [...this.pool.Recipient];
    this.facts = base.facts.map((f) => f.id);
  }

  grow(target: number): GraphData {
    while (this.nodes.length < target) this.addInstrument(target);
    return { nodes: this.nodes, edges: this.edges, facts: this.base.facts };
  }

  private citation(section: string): Citation[] {
    // Synthetic records cite nothing real; the schema still wants a citation.
    return [{ source: 'brochure', section: `Synthétique — ${section}`, quote: this.draw.sentence(8) }];
  }

  private summary(): string {
    const extras: string[] = [];
    if (this.draw.chance(SHAPE.necessityShare)) extras.push('en état de nécessité');
    if (this.draw.chance(SHAPE.article458bisShare)) extras.push('comme le prévoit l’article 458bis du Code pénal');
    return this.draw.sentence(this.draw.int(18, 36), extras);
  }

  private node<T extends GraphNode>(node: T): T {
    this.nodes.push(node);
    return node;
  }

  private edge(type: RelationType, source: string, target: string, props: Partial<GraphEdge> = {}): void {
    // Every new relation leaves a new node or joins a new one, so only one
    // source's own relations can repeat, and they are added one after the other.
    if (source !== this.wiredSource) {
      this.sourceEdges.clear();
      this.wiredSource = source;
    }
    const id = edgeId(type, source, target);
    if (this.sourceEdges.has(id)) return;
    this.sourceEdges.add(id);
    this.edges.push({ id, type, source, target, ...props });
  }

  private addInstrument(target: number): void {
    const n = ++this.instruments;
    const kind = this.draw.pick(INSTRUMENT_KINDS);
    const instrument = this.node({
      id: `syn-i${n}`,
      type: 'Instrument',
      kind,
      label: `${kind[0].toUpperCase()}${kind.slice(1)} synthétique n° ${n} relatif à ${this.draw.pick(SUBJECTS)} (région ${this.draw.pick(REGIONS)})`,
      status: 'in_force',
      citations: this.citation(`instrument ${n}`),
    } satisfies NodeOf<'Instrument'>);
    const count = this.draw.geometric(SHAPE.provisionsPerInstrument.min, SHAPE.provisionsPerInstrument.mean);
    const articles: string[] = [];
    for (let k = 1; k <= count && this.nodes.length < target; k++) {
      articles.push(this.addProvision(instrument, k, articles));
    }
  }

  private addProvision(instrument: NodeOf<'Instrument'>, k: number, earlier: string[]): string {
    const id = `${instrument.id}-art-${k}`;
    this.node({
      id,
      type: 'Provision',
      label: `Art. ${k} — ${instrument.label}`,
      summary: this.summary(),
      status: 'in_force',
      citations: this.citation(`${instrument.id}, art. ${k}`),
    } satisfies NodeOf<'Provision'>);
    this.provisions++;
    this.edge('PART_OF', id, instrument.id);
    // The first article of every instrument restates the secret, with reference to art. 458.
    if (k === 1) this.edge('REFERS_TO', id, 'cp-458');
    else {
      for (let r = this.draw.int(0, 2); r > 0; r--) this.edge('REFERS_TO', id, this.draw.pick(earlier));
      if (this.draw.chance(0.05)) this.edge('REFERS_TO', id, this.draw.pick(this.pool.Provision));
      if (this.draw.chance(0.03)) this.edge('REFERS_TO', id, this.draw.pick(this.pool.Offence));
      if (this.draw.chance(0.04)) this.edge('REPLACED_BY', earlier[earlier.length - 1], id, { date: '2026-04-09' });
    }
    this.pool.Provision.push(id);

    if (this.provisions % SHAPE.provisionsPerOffence === 0) this.addOffence(id);
    if (this.draw.chance(SHAPE.exceptionProvisionShare)) {
      const secrecyArticle = `${instrument.id}-art-1`;
      for (let e = this.draw.int(1, SHAPE.maxExceptionsPerProvision); e > 0; e--) this.addException(id, secrecyArticle);
    }
    if (this.draw.chance(SHAPE.standaloneDutyShare)) {
      const duty = this.addDuty(id);
      this.edge('ESTABLISHES', id, duty);
      this.edge('APPLIES_TO', duty, this.draw.pick(this.pool.Profession));
    }
    if (this.provisions % SHAPE.provisionsPerSituation === 0) this.addSituation(id);
    return id;
  }

  private addOffence(referrer: string): void {
    const id = `syn-off-${this.pool.Offence.length + 1}`;
    this.node({
      id,
      type: 'Offence',
      label: `Infraction synthétique ${this.pool.Offence.length + 1}`,
      articles: `art. ${this.draw.int(100, 600)}`,
      citations: this.citation(id),
    } satisfies NodeOf<'Offence'>);
    this.pool.Offence.push(id);
    this.edge('REFERS_TO', referrer, id);
  }

  private addException(provision: string, secrecyArticle: string): void {
    const n = ++this.exceptions;
    if (n % SHAPE.exceptionsPerProfession === 0) this.addProfession(provision);
    if (n % SHAPE.exceptionsPerRecipient === 0) this.addRecipient();
    const id = `syn-exc-${n}`;
    const effect = this.draw.chance(0.75) ? 'permits' : 'requires';
    this.node({
      id,
      type: 'Exception',
      label: `Exception synthétique ${n} : ${this.draw.sentence(5).slice(0, -1).toLowerCase()}`,
      effect,
      summary: this.summary(),
      citations: this.citation(id),
    } satisfies NodeOf<'Exception'>);
    if (this.draw.chance(SHAPE.caseLawShare)) this.edge('ESTABLISHES', this.addCaseLaw(), id);
    this.edge('ESTABLISHES', provision, id);
    this.edge('DEROGATES_FROM', id, this.draw.chance(SHAPE.derogatesFrom458Share) ? 'cp-458' : secrecyArticle);
    for (let a = this.draw.chance(0.8) ? 1 : 2; a > 0; a--) this.edge('APPLIES_TO', id, this.draw.pick(this.pool.Profession));
    const disclosure = effect === 'permits' ? 'PERMITS_DISCLOSURE_TO' : 'REQUIRES_DISCLOSURE_TO';
    for (let r = this.draw.int(1, 3); r > 0; r--) {
      this.edge(disclosure, id, this.draw.chance(0.05) ? this.draw.pick(this.pool.Profession) : this.draw.pick(this.pool.Recipient));
    }
    this.addRequirements(id, this.draw.int(SHAPE.conditionsPerException.min, SHAPE.conditionsPerException.max), this.draw.chance(SHAPE.groupShare));
    if (this.draw.chance(SHAPE.imposedDutyShare)) {
      for (let d = this.draw.int(1, 2); d > 0; d--) this.edge('IMPOSES', id, this.addDuty(id));
    }
    if (this.draw.chance(SHAPE.limitShare)) this.addLimit(id, provision);
  }

  /** Conditions named as the loader names them: `<owner>--<fact>`, numbered on repeats. */
  private addRequirements(owner: string, count: number, withGroup: boolean): void {
    const used = new Map<string, number>();
    const conditionId = (stem: string) => {
      const k = (used.get(stem) ?? 0) + 1;
      used.set(stem, k);
      return `${owner}--${stem}${k > 1 ? `-${k}` : ''}`;
    };
    const condition = (parent: string) => {
      const fact = this.draw.pick(this.facts);
      const id = conditionId(fact.replaceAll('_', '-'));
      this.node({
        id,
        type: 'Condition',
        label: this.draw.sentence(8).slice(0, -1),
        fact,
        expected: this.draw.chance(0.85),
        citations: this.citation(id),
      } satisfies NodeOf<'Condition'>);
      this.edge('REQUIRES', parent, id);
    };
    for (let c = 0; c < count; c++) condition(owner);
    if (withGroup) {
      const group = conditionId('any');
      this.node({
        id: group,
        type: 'ConditionGroup',
        mode: 'any',
        label: 'L’une de ces conditions',
        citations: this.citation(group),
      } satisfies NodeOf<'ConditionGroup'>);
      this.edge('REQUIRES', owner, group);
      for (let c = this.draw.int(2, 3); c > 0; c--) condition(group);
    }
  }

  private dutyCount = 0;
  private addDuty(owner: string): string {
    const id = `syn-duty-${++this.dutyCount}`;
    this.node({
      id,
      type: 'Duty',
      label: `Devoir synthétique ${this.dutyCount}`,
      summary: this.draw.sentence(12),
      citations: this.citation(owner),
    } satisfies NodeOf<'Duty'>);
    if (this.draw.chance(0.2)) this.addRequirements(id, 1, false);
    return id;
  }

  private limitCount = 0;
  private addLimit(exception: string, provision: string): void {
    const id = `syn-lim-${++this.limitCount}`;
    this.node({
      id,
      type: 'Limit',
      label: `Limite synthétique ${this.limitCount}`,
      summary: this.summary(),
      citations: this.citation(id),
    } satisfies NodeOf<'Limit'>);
    this.edge('ESTABLISHES', this.draw.chance(0.3) ? this.addCaseLaw() : provision, id);
    this.edge('RESTRICTS', id, exception);
    this.edge('APPLIES_TO', id, this.draw.pick(this.pool.Profession), { role: 'holder' });
    if (this.draw.chance(0.3)) this.edge('APPLIES_TO', id, this.draw.pick(this.pool.Recipient), { role: 'recipient' });
    this.addRequirements(id, this.draw.int(1, 2), false);
  }

  private caseLawCount = 0;
  private addCaseLaw(): string {
    const n = ++this.caseLawCount;
    const id = `syn-juris-${n}`;
    const year = 1950 + (n % 75);
    this.node({
      id,
      type: 'CaseLaw',
      label: `Jurisprudence synthétique ${n} (${year})`,
      summary: this.summary(),
      date: `${year}-01-01`,
      citations: this.citation(id),
    } satisfies NodeOf<'CaseLaw'>);
    return id;
  }

  private addProfession(bindingProvision: string): void {
    const n = this.pool.Profession.length - this.baseProfessions.length + 1;
    const id = `syn-prof-${n}`;
    this.node({
      id,
      type: 'Profession',
      label: `${this.draw.pick(PROFESSION_NAMES)} (synthétique ${n})`,
      bound: this.draw.chance(0.9),
      citations: this.citation(id),
    } satisfies NodeOf<'Profession'>);
    // Half under a profession of the brochure, half under an earlier new one: a hierarchy, never a cycle.
    this.edge('IS_A', id, this.draw.chance(0.5) ? this.draw.pick(this.baseProfessions) : this.draw.pick(this.pool.Profession));
    this.edge('BOUND_BY', id, bindingProvision, { basis: 'synthétique' });
    this.pool.Profession.push(id);
  }

  private addRecipient(): void {
    const n = this.pool.Recipient.length - this.baseRecipients.length + 1;
    const id = `syn-dest-${n}`;
    this.node({
      id,
      type: 'Recipient',
      label: `${this.draw.pick(RECIPIENT_NAMES)} (synthétique ${n})`,
      citations: this.citation(id),
    } satisfies NodeOf<'Recipient'>);
    if (this.draw.chance(0.5)) this.edge('IS_A', id, this.draw.chance(0.5) ? this.draw.pick(this.baseRecipients) : this.draw.pick(this.pool.Recipient));
    this.pool.Recipient.push(id);
  }

  private situationCount = 0;
  private addSituation(provision: string): void {
    const id = `syn-situation-${++this.situationCount}`;
    this.node({
      id,
      type: 'Situation',
      label: `Situation synthétique ${this.situationCount}`,
      narrative: this.draw.sentence(30),
      question: 'Puis-je en parler ?',
      answer: this.draw.sentence(15),
      assess: {
        profession: this.draw.pick(this.pool.Profession),
        recipient: this.draw.pick(this.pool.Recipient),
        facts: { [this.draw.pick(this.facts)]: true },
      },
      expectedVerdict: 'undetermined',
      citations: this.citation(id),
    } satisfies NodeOf<'Situation'>);
    this.edge('ILLUSTRATES', id, provision);
  }
}

/** Every check of data:check that applies to a graph not read from YAML: the zod schemas, then `validateGraph`. */
export function checkScaledGraph(graph: GraphData): Problem[] {
  const problems: Problem[] = [];
  for (const node of graph.nodes) {
    const parsed = GraphNode.safeParse(node);
    if (!parsed.success) problems.push({ file: '(synthetic)', record: node.id, message: parsed.error.issues[0].message });
  }
  for (const edge of graph.edges) {
    const parsed = GraphEdge.safeParse(edge);
    if (!parsed.success) problems.push({ file: '(synthetic)', record: edge.id, message: parsed.error.issues[0].message });
  }
  for (const fact of graph.facts) {
    const parsed = Fact.safeParse(fact);
    if (!parsed.success) problems.push({ file: 'facts.yaml', record: fact.id, message: parsed.error.issues[0].message });
  }
  const provenance: Provenance = { nodes: new Map(), edges: new Map() };
  problems.push(...validateGraph(graph, provenance));
  return problems;
}

function tally<T>(items: T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts]
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { nodes: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } } });
  const started = performance.now();
  const graph = scaleGraph(loadGraphData(), { nodes: Number(values.nodes), seed: Number(values.seed) });
  const generated = performance.now();
  const problems = checkScaledGraph(graph);
  const checked = performance.now();
  console.log(`${graph.nodes.length} nodes (${tally(graph.nodes, (n) => n.type)})`);
  console.log(`${graph.edges.length} relations (${tally(graph.edges, (e) => e.type)})`);
  console.log(`generated in ${Math.round(generated - started)} ms, checked in ${Math.round(checked - generated)} ms: ${problems.length} problem(s)`);
  for (const problem of problems.slice(0, 20)) console.log(`  ${problem.record}: ${problem.message}`);
  if (values.out) writeFileSync(values.out, JSON.stringify(graph));
  process.exitCode = problems.length ? 1 : 0;
}
