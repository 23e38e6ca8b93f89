// graph-data/reforms.yaml: named reforms beside the law they change, each with
// its source quoted. Read and checked with the graph (npm run data:check):
// every change names existing ids, every quote is in the brochure, and the
// graph each reform leaves is valid.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { applyReform, listView } from '../domain/reform.ts';
import type { GraphData } from '../schema/graph.ts';
import { IndexedGraph } from '../schema/graphView.ts';
import { NamedReform } from '../schema/impact.ts';
import { quoteFinder, validateGraph, type Problem } from './validate.ts';

export const REFORMS_FILE = 'reforms.yaml';

/** The named reforms of `dir`, and what cannot be read of them ([] when the file is absent). */
export function readReforms(dir: string): { reforms: NamedReform[]; problems: Problem[] } {
  const path = join(dir, REFORMS_FILE);
  if (!existsSync(path)) return { reforms: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = YAML.parse(readFileSync(path, 'utf8'), { uniqueKeys: true });
  } catch (err) {
    return { reforms: [], problems: [{ file: REFORMS_FILE, message: `invalid YAML: ${(err as Error).message.split('\n')[0]}` }] };
  }
  if (!Array.isArray(parsed)) return { reforms: [], problems: [{ file: REFORMS_FILE, message: 'a YAML list of reforms' }] };
  const reforms: NamedReform[] = [];
  const problems: Problem[] = [];
  for (const raw of parsed) {
    const reform = NamedReform.safeParse(raw);
    const record = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
    if (reform.success) reforms.push(reform.data);
    else for (const issue of reform.error.issues) problems.push({ file: REFORMS_FILE, record, message: `${issue.path.join('.')}: ${issue.message}` });
  }
  return { reforms, problems };
}

/** What is wrong with the named reforms over this graph: unknown ids, a quote not in the brochure, a graph left invalid. */
export function checkReforms(reforms: NamedReform[], graph: GraphData, brochureText?: string): Problem[] {
  const problems: Problem[] = [];
  const say = (record: string, message: string) => problems.push({ file: REFORMS_FILE, record, message });
  const view = new IndexedGraph(graph.nodes, graph.edges);
  const facts = new Set(graph.facts.map((f) => f.id));
  const findQuote = brochureText ? quoteFinder(brochureText) : undefined;
  const seen = new Set<string>();
  for (const reform of reforms) {
    if (seen.has(reform.id)) say(reform.id, 'duplicate reform id');
    seen.add(reform.id);
    const law = view.node(reform.law);
    if (law?.type !== 'Instrument') say(reform.id, `law "${reform.law}" is not an Instrument of the graph`);
    else if (law.date && law.date !== reform.date) say(reform.id, `date ${reform.date} differs from the date of ${law.id} (${law.date})`);
    if (findQuote && !findQuote(reform.citation.quote)) say(reform.id, `quote not found verbatim in the brochure: "${reform.citation.quote.slice(0, 80)}"`);
    try {
      const applied = applyReform(view, reform.changes, facts);
      const after = listView(applied.view, [...graph.nodes.map((n) => n.id), ...applied.added]);
      for (const p of reformProblems({ ...after, facts: graph.facts })) {
        say(reform.id, `leaves the graph invalid: ${p.record ? `[${p.record}] ` : ''}${p.message}`);
      }
    } catch (err) {
      say(reform.id, (err as Error).message);
    }
  }
  return problems;
}

/**
 * validateGraph's problems with a reformed graph, but those of the worked
 * examples' expected answers: they state today's law, and showing how a reform
 * changes them is the point (a repealed duty is no longer expected).
 */
export function reformProblems(graph: GraphData): Problem[] {
  const examples = new Set(graph.nodes.filter((n) => n.type === 'Situation').map((n) => n.id));
  return validateGraph(graph, { nodes: new Map(), edges: new Map() }).filter(
    (p) => !(p.record && examples.has(p.record) && p.message.startsWith('expectedDuties')),
  );
}
