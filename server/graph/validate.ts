// Graph-level checks of graph-data: what a single record's schema cannot see.
// Every problem names the file and the record, so a reviewer can go straight to it.
import { ALLOWED_ENDPOINTS, type GraphData, type GraphNode } from '../schema/graph.ts';
import { PINNED_FACTS, PINNED_IDS, PINNED_UNBOUND } from './contract.ts';

/** One problem of graph-data, with the file and record it is in. */
export interface Problem {
  file: string;
  record?: string;
  message: string;
}

export interface LoadOptions {
  /** brochure text for the verbatim-quote check; omitted, quotes are not checked */
  brochureText?: string;
}

export interface Provenance {
  nodes: Map<string, string[]>;
  edges: Map<string, { file: string; record: string }>;
}

/** Line breaks, hyphenation at line ends, runs of white space and the apostrophe's glyph do not count. */
export function normaliseQuoteText(text: string, keepLineEndHyphens: boolean): string {
  return text
    .replace(/-[ \t]*\r?\n\s*/g, keepLineEndHyphens ? '-' : '')
    .replace(/[’‘]/g, "'")
    .replace(/[«»“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export function quoteFinder(brochureText: string): (quote: string) => boolean {
  const joined = normaliseQuoteText(brochureText, false);
  const hyphenKept = normaliseQuoteText(brochureText, true);
  return (quote) => {
    const q = normaliseQuoteText(quote, true);
    return joined.includes(q) || hyphenKept.includes(q) || joined.includes(normaliseQuoteText(quote, false));
  };
}

export function validateGraph(graph: GraphData, provenance: Provenance, options: LoadOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const fileOf = (id: string) => provenance.nodes.get(id)?.[0] ?? '(graph)';
  const byId = new Map<string, GraphNode>();

  for (const node of graph.nodes) {
    if (byId.has(node.id)) {
      problems.push({ file: fileOf(node.id), record: node.id, message: `duplicate id (also in ${provenance.nodes.get(node.id)!.join(', ')})` });
    } else byId.set(node.id, node);
  }

  const seenEdges = new Set<string>();
  for (const edge of graph.edges) {
    const where = provenance.edges.get(edge.id) ?? { file: '(graph)', record: edge.source };
    if (seenEdges.has(edge.id)) {
      problems.push({ ...where, message: `duplicate relation ${edge.type} to ${edge.target}` });
      continue;
    }
    seenEdges.add(edge.id);
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    if (!to) problems.push({ ...where, message: `dangling reference: ${edge.type} → "${edge.target}" does not exist` });
    if (!from) problems.push({ ...where, message: `dangling reference: relation leaves unknown "${edge.source}"` });
    if (!from || !to) continue;
    const allowed = ALLOWED_ENDPOINTS[edge.type];
    if (!allowed.from.includes(from.type) || (allowed.to !== '*' && !allowed.to.includes(to.type))) {
      problems.push({ ...where, message: `${edge.type} may not go from ${from.type} to ${to.type} (${edge.target})` });
    }
  }

  for (const [type, ids] of Object.entries(PINNED_IDS)) {
    for (const id of ids) {
      const node = byId.get(id);
      if (!node) problems.push({ file: '(pinned ids)', record: id, message: `pinned ${type} of DOMAIN §3 is missing` });
      else if (node.type !== type) problems.push({ file: fileOf(id), record: id, message: `pinned id must be a ${type}, not ${node.type}` });
    }
  }
  for (const id of PINNED_UNBOUND) {
    const node = byId.get(id);
    if (node?.type === 'Profession' && node.bound) problems.push({ file: fileOf(id), record: id, message: 'DOMAIN §3 pins this profession as not bound' });
  }

  const factIds = new Set<string>();
  for (const fact of graph.facts) {
    if (factIds.has(fact.id)) problems.push({ file: 'facts.yaml', record: fact.id, message: 'duplicate fact' });
    factIds.add(fact.id);
  }
  for (const fact of PINNED_FACTS) {
    if (!factIds.has(fact)) problems.push({ file: 'facts.yaml', record: fact, message: 'fact of DOMAIN §4 is missing from the questionnaire' });
  }
  const checkFact = (fact: string, id: string, what: string) => {
    if (!factIds.has(fact)) problems.push({ file: fileOf(id), record: id, message: `${what} "${fact}" is not in the fact vocabulary (facts.yaml)` });
  };

  const findQuote = options.brochureText ? quoteFinder(options.brochureText) : undefined;
  for (const node of graph.nodes) {
    if (!node.citations.length) problems.push({ file: fileOf(node.id), record: node.id, message: 'no citation' });
    if (findQuote) {
      for (const citation of [...node.citations, ...(node.type === 'Provision' && node.caveat ? [node.caveat] : [])]) {
        if (!findQuote(citation.quote)) {
          problems.push({ file: fileOf(node.id), record: node.id, message: `quote not found verbatim in the brochure: "${citation.quote.slice(0, 80)}"` });
        }
      }
    }
    if (node.type === 'Condition') checkFact(node.fact, node.id, 'fact');
    if (node.type === 'SituationKind') for (const fact of node.facts) checkFact(fact, node.id, 'situation fact');
    if (node.type === 'Recipient' && node.roleFact) checkFact(node.roleFact, node.id, 'role fact');
    if (node.type === 'Duty' && node.trigger) checkFact(node.trigger, node.id, 'trigger fact');
    if (node.type === 'Situation') {
      for (const fact of Object.keys(node.assess.facts)) checkFact(fact, node.id, 'assess fact');
      for (const [field, id, type] of [
        ['profession', node.assess.profession, 'Profession'],
        ['recipient', node.assess.recipient, undefined],
      ] as const) {
        if (id === undefined) continue;
        const target = byId.get(id);
        if (!target) problems.push({ file: fileOf(node.id), record: node.id, message: `assess.${field} "${id}" does not exist` });
        else if (type && target.type !== type) problems.push({ file: fileOf(node.id), record: node.id, message: `assess.${field} must be a ${type}` });
        else if (!type && target.type !== 'Recipient' && target.type !== 'Profession')
          problems.push({ file: fileOf(node.id), record: node.id, message: `assess.${field} must be a Recipient or a Profession` });
      }
      for (const duty of node.expectedDuties ?? []) {
        if (byId.get(duty)?.type !== 'Duty') problems.push({ file: fileOf(node.id), record: node.id, message: `expectedDuties: "${duty}" is not a Duty` });
      }
    }
  }

  problems.push(...structuralProblems(graph, byId, fileOf));
  return problems;
}

function structuralProblems(graph: GraphData, byId: Map<string, GraphNode>, fileOf: (id: string) => string): Problem[] {
  const problems: Problem[] = [];
  const out = new Map<string, Map<string, string[]>>();
  const incoming = new Map<string, Map<string, string[]>>();
  for (const edge of graph.edges) {
    if (!out.has(edge.source)) out.set(edge.source, new Map());
    if (!incoming.has(edge.target)) incoming.set(edge.target, new Map());
    const o = out.get(edge.source)!;
    const i = incoming.get(edge.target)!;
    o.set(edge.type, [...(o.get(edge.type) ?? []), edge.target]);
    i.set(edge.type, [...(i.get(edge.type) ?? []), edge.source]);
  }
  const outOf = (id: string, type: string) => out.get(id)?.get(type) ?? [];
  const intoOf = (id: string, type: string) => incoming.get(id)?.get(type) ?? [];

  for (const node of graph.nodes) {
    const say = (message: string) => problems.push({ file: fileOf(node.id), record: node.id, message });
    if (node.type === 'Provision' && outOf(node.id, 'PART_OF').length !== 1) say('a provision is PART_OF exactly one instrument');
    if (node.type === 'Provision' && node.id.startsWith('cp-') && node.status !== 'replaced') {
      say('every cp- provision is replaced by the new Code pénal (DOMAIN §1): status must be "replaced"');
    }
    if (node.type === 'Exception') {
      if (!intoOf(node.id, 'ESTABLISHES').length) say('an exception needs a legal source (ESTABLISHES from a Provision or CaseLaw)');
      if (!outOf(node.id, 'APPLIES_TO').length) say('an exception APPLIES_TO at least one profession');
      const permits = outOf(node.id, 'PERMITS_DISCLOSURE_TO').length;
      const requires = outOf(node.id, 'REQUIRES_DISCLOSURE_TO').length;
      // A reform that takes an exception's last recipient away is told so in those words, not by the relation it misses.
      if (!permits && !requires) say('the exception has no recipient left: it would permit or require telling nobody');
      else if (node.effect === 'permits' && (!permits || requires)) say('effect "permits" goes with PERMITS_DISCLOSURE_TO only');
      else if (node.effect === 'requires' && (!requires || permits)) say('effect "requires" goes with REQUIRES_DISCLOSURE_TO only');
    }
    if (node.type === 'Limit' && !outOf(node.id, 'RESTRICTS').length && !intoOf(node.id, 'ESTABLISHES').length) {
      say('a limit RESTRICTS a route or is ESTABLISHED by a source');
    }
    if (node.type === 'ConditionGroup' && !outOf(node.id, 'REQUIRES').length) say('an empty condition group');
  }

  // IS_A must be a hierarchy: a cycle would make inheritance loop forever.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      problems.push({ file: fileOf(id), record: id, message: `IS_A cycle: ${[...trail.slice(trail.indexOf(id)), id].join(' → ')}` });
      return;
    }
    state.set(id, 'open');
    for (const parent of outOf(id, 'IS_A')) if (byId.has(parent)) visit(parent, [...trail, id]);
    state.set(id, 'done');
  };
  for (const node of graph.nodes) visit(node.id, []);
  return problems;
}
