// The part of the graph that Cypher selected, as the read-only view the pure
// route finder walks.
import type { GraphEdge, GraphNode, RelationType } from '../../schema/graph.ts';
import type { GraphView } from '../../domain/routes.ts';

export class SubgraphView implements GraphView {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  private readonly outIndex = new Map<string, GraphEdge[]>();
  private readonly inIndex = new Map<string, GraphEdge[]>();

  /** Add rows of `{ nodes: json[], edges: json[] }`; returns the ids of nodes seen in them. */
  add(rows: { nodes: string[]; edges: string[] }[]): Set<string> {
    const seen = new Set<string>();
    for (const row of rows) {
      for (const json of row.nodes) {
        const node = JSON.parse(json) as GraphNode;
        seen.add(node.id);
        this.nodes.set(node.id, node);
      }
      for (const json of row.edges) {
        const edge = JSON.parse(json) as GraphEdge;
        if (this.edges.has(edge.id)) continue;
        this.edges.set(edge.id, edge);
        push(this.outIndex, `${edge.source}|${edge.type}`, edge);
        push(this.inIndex, `${edge.target}|${edge.type}`, edge);
      }
    }
    return seen;
  }

  ofType(type: GraphNode['type']): string[] {
    return [...this.nodes.values()].filter((n) => n.type === type).map((n) => n.id);
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }
  out(id: string, type: RelationType): GraphEdge[] {
    return [...(this.outIndex.get(`${id}|${type}`) ?? [])];
  }
  in(id: string, type: RelationType): GraphEdge[] {
    return [...(this.inIndex.get(`${id}|${type}`) ?? [])];
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
