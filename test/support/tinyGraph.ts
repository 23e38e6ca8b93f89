// Small hand-made graphs for unit tests: a compact way to write nodes and
// edges, expanded to the graph schema with placeholder citations.
import { edgeId, GraphEdge, GraphNode, type Fact, type GraphData, type RelationType } from '../../server/schema/graph.ts';

const cite = [{ source: 'brochure' as const, section: 'test', quote: 'test quote' }];

type Loose = Record<string, unknown> & { id: string; type: GraphNode['type'] };

export function tinyGraph(nodes: Loose[], edges: [string, RelationType, string, Partial<GraphEdge>?][], facts: string[] = []): GraphData {
  return {
    nodes: nodes.map((n) => GraphNode.parse({ label: n.id, citations: cite, ...n })),
    edges: edges.map(([source, type, target, props]) => GraphEdge.parse({ id: edgeId(type, source, target), type, source, target, ...props })),
    facts: facts.map((id): Fact => ({ id, question: `${id} ?` })),
  };
}

export const condition = (id: string, fact: string, expected = true) => ({ id, type: 'Condition' as const, fact, expected });
