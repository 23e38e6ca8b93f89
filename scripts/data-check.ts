// npm run data:check [dir]: validates graph-data and explains every problem
// with its file and record. The verbatim-quote check needs the brochure; under
// CI=true a missing brochure is a failure, elsewhere a loud warning.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkGraphData, DEFAULT_GRAPH_DIR, findBrochure, formatProblem } from '../server/graph/load.ts';
import { readReforms } from '../server/graph/reforms.ts';

const dir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_GRAPH_DIR;
const brochurePath = findBrochure();
if (!brochurePath) {
  const message = 'brochure not found (set BROCHURE_PATH): quotes were NOT checked against it';
  if (process.env.CI === 'true') {
    console.error(`data:check: ${message}`);
    process.exit(2);
  }
  console.warn(`data:check: WARNING ${message}`);
}
const brochureText = brochurePath ? readFileSync(brochurePath, 'utf8') : undefined;
const { graph, problems } = checkGraphData(dir, { brochureText });

if (problems.length) {
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(`\ndata:check: ${problems.length} problem(s) in ${dir}`);
  process.exit(1);
}
const byType = new Map<string, number>();
for (const node of graph.nodes) byType.set(node.type, (byType.get(node.type) ?? 0) + 1);
const byRelation = new Map<string, number>();
for (const edge of graph.edges) byRelation.set(edge.type, (byRelation.get(edge.type) ?? 0) + 1);
const list = (m: Map<string, number>) =>
  [...m]
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
console.log(
  `data:check: 0 problems — ${graph.nodes.length} nodes (${list(byType)}), ${graph.edges.length} relations (${list(byRelation)}), ${graph.facts.length} facts, ${readReforms(dir).reforms.length} named reforms${brochureText ? ', every quote found in the brochure' : ''}`,
);
