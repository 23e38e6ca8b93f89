// Reads graph-data/, expands the reviewed source format into nodes and edges,
// and validates the result. Both engines load through `loadGraphData`, so a
// graph that fails validation is never served by either.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { edgeId, Fact, GraphEdge, GraphNode, type GraphData, type RelationType } from '../schema/graph.ts';
import { SourceFact, SourceRecord, type LinkTarget, type SourceRequirement } from '../schema/source.ts';
import { validateGraph, type LoadOptions, type Problem, type Provenance } from './validate.ts';
import { checkReforms, readReforms, REFORMS_FILE } from './reforms.ts';
import { protoKeyPath } from '../schema/protoKey.ts';

export type { LoadOptions, Problem };

export class GraphDataError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`graph-data has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'GraphDataError';
  }
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.record ? ` [${p.record}]` : ''}: ${p.message}`;
}

export const DEFAULT_GRAPH_DIR = resolve(import.meta.dirname, '../../graph-data');
const DEFAULT_BROCHURE = resolve(import.meta.dirname, '../../../shared/seed/brochure-secret-professionnel.txt');

/** Where the brochure is, if it is on this machine (BROCHURE_PATH wins). */
export function findBrochure(): string | undefined {
  const path = process.env.BROCHURE_PATH ?? DEFAULT_BROCHURE;
  return existsSync(path) ? path : undefined;
}

/** Every file of graph-data: YAML is data, Markdown is documentation, anything else is a mistake worth reporting. */
function sourceFiles(dir: string): { yaml: string[]; other: string[] } {
  const yaml: string[] = [];
  const other: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const inner = sourceFiles(path);
      yaml.push(...inner.yaml);
      other.push(...inner.other);
    } else if (/\.ya?ml$/.test(name)) yaml.push(path);
    else if (!/\.md$/.test(name)) other.push(path);
  }
  return { yaml, other };
}

function zodProblems(file: string, record: string | undefined, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({
    file,
    record,
    message: `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`,
  }));
}

export interface ExpandedGraph extends GraphData {
  provenance: Provenance;
}

/** Parse and expand every YAML file of `dir`; never throws on bad content. */
export function readGraphSource(dir: string): { graph: ExpandedGraph; problems: Problem[] } {
  const problems: Problem[] = [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const facts: Fact[] = [];
  const provenance: Provenance = { nodes: new Map(), edges: new Map() };

  const files = sourceFiles(dir);
  for (const path of files.other) {
    problems.push({ file: relative(dir, path), message: 'not a graph-data file: records are YAML (.yaml), documentation Markdown (.md)' });
  }
  for (const path of files.yaml) {
    const file = relative(dir, path);
    // Named reforms are not records of the graph: ./reforms.ts reads and checks them.
    if (file === REFORMS_FILE) continue;
    let parsed: unknown;
    try {
      parsed = YAML.parse(readFileSync(path, 'utf8'), { uniqueKeys: true });
    } catch (err) {
      problems.push({ file, message: `invalid YAML: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    if (!Array.isArray(parsed)) {
      problems.push({ file, message: 'a graph-data file is a YAML list of records' });
      continue;
    }
    if (file === 'facts.yaml') {
      for (const raw of parsed) {
        const fact = SourceFact.safeParse(raw);
        if (fact.success) facts.push(fact.data);
        else problems.push(...zodProblems(file, (raw as { id?: string })?.id, fact.error));
      }
      continue;
    }
    for (const raw of parsed) {
      const rawId = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
      if (protoKeyPath(raw) !== undefined) {
        problems.push({ file, record: rawId, message: 'the key "__proto__" is not allowed' });
        continue;
      }
      const record = SourceRecord.safeParse(raw);
      if (!record.success) {
        problems.push(...zodProblems(file, rawId, record.error));
        continue;
      }
      expandRecord(record.data, file, { nodes, edges, provenance, problems });
    }
  }
  return { graph: { nodes, edges, facts, provenance }, problems };
}

interface Sink {
  nodes: GraphNode[];
  edges: GraphEdge[];
  provenance: Provenance;
  problems: Problem[];
}

function addNode(raw: Record<string, unknown>, file: string, sink: Sink): void {
  const node = GraphNode.safeParse(raw);
  if (!node.success) {
    sink.problems.push(...zodProblems(file, String(raw.id), node.error));
    return;
  }
  sink.nodes.push(node.data);
  if (!sink.provenance.nodes.has(node.data.id)) sink.provenance.nodes.set(node.data.id, []);
  sink.provenance.nodes.get(node.data.id)!.push(file);
}

function addEdge(type: RelationType, source: string, target: LinkTarget, file: string, sink: Sink): void {
  const { to, ...props } = typeof target === 'string' ? { to: target } : target;
  const edge: GraphEdge = { id: edgeId(type, source, to), type, source, target: to, ...props };
  const checked = GraphEdge.safeParse(edge);
  if (!checked.success) {
    sink.problems.push(...zodProblems(file, source, checked.error));
    return;
  }
  sink.edges.push(checked.data);
  sink.provenance.edges.set(edge.id, { file, record: source });
}

function expandRecord(record: SourceRecord, file: string, sink: Sink): void {
  const { links, requires, ...props } = record;
  addNode(props, file, sink);
  for (const [type, targets] of Object.entries(links ?? {}) as [RelationType, LinkTarget | LinkTarget[]][]) {
    for (const target of Array.isArray(targets) ? targets : [targets]) addEdge(type, record.id, target, file, sink);
  }
  if (requires) {
    const section = record.citations[0].section;
    const used = new Map<string, number>();
    for (const requirement of requires) {
      const childId = expandRequirement(requirement, record.id, section, file, sink, used);
      addEdge('REQUIRES', record.id, childId, file, sink);
    }
  }
}

/** Condition ids derive from their owner and fact, so they stay stable across edits. */
function requirementId(owner: string, stem: string, used: Map<string, number>): string {
  const n = (used.get(stem) ?? 0) + 1;
  used.set(stem, n);
  return `${owner}--${stem}${n > 1 ? `-${n}` : ''}`;
}

function expandRequirement(req: SourceRequirement, owner: string, section: string, file: string, sink: Sink, used: Map<string, number>): string {
  if ('fact' in req) {
    const id = req.id ?? requirementId(owner, req.fact.replaceAll('_', '-'), used);
    addNode(
      {
        id,
        type: 'Condition',
        label: req.label,
        fact: req.fact,
        expected: req.expected ?? true,
        citations: [{ source: 'brochure', section, quote: req.quote }],
      },
      file,
      sink,
    );
    return id;
  }
  const mode = req.all ? 'all' : 'any';
  const id = req.id ?? requirementId(owner, mode, used);
  const children = (req.all ?? req.any)!;
  addNode(
    {
      id,
      type: 'ConditionGroup',
      mode,
      label: req.label ?? (mode === 'all' ? 'Toutes ces conditions' : 'L’une de ces conditions'),
      citations: [{ source: 'brochure', section, quote: req.quote ?? firstQuote(children) }],
    },
    file,
    sink,
  );
  for (const child of children) {
    addEdge('REQUIRES', id, expandRequirement(child, owner, section, file, sink, used), file, sink);
  }
  return id;
}

function firstQuote(children: SourceRequirement[]): string {
  const first = children[0];
  return 'fact' in first ? first.quote : (first.quote ?? firstQuote((first.all ?? first.any)!));
}

/** Read, expand and validate; the problems list is empty when the graph is sound. */
export function checkGraphData(dir = DEFAULT_GRAPH_DIR, options: LoadOptions = {}): { graph: ExpandedGraph; problems: Problem[] } {
  const { graph, problems } = readGraphSource(dir);
  problems.push(...validateGraph(graph, graph.provenance, options));
  const reforms = readReforms(dir);
  problems.push(...reforms.problems);
  // A reform is checked on a sound graph only: on a broken one its problems would repeat the graph's.
  if (!problems.length) problems.push(...checkReforms(reforms.reforms, graph, options.brochureText));
  return { graph, problems };
}

/** The graph both engines serve; throws GraphDataError listing every problem. */
export function loadGraphData(dir = DEFAULT_GRAPH_DIR, options: LoadOptions = {}): GraphData {
  const { graph, problems } = checkGraphData(dir, options);
  if (problems.length) throw new GraphDataError(problems);
  return { nodes: graph.nodes, edges: graph.edges, facts: graph.facts };
}
