// The port both engines implement. Everything an engine answers is plain,
// JSON-ready data in a canonical order, so that the contract suite can demand
// identical answers from the in-memory engine and from Neo4j.
import type { Fact, GraphEdge, GraphNode, NodeType, RelationType } from '../schema/graph.ts';
import type { RouteCandidates } from '../domain/routes.ts';

export type EngineName = 'memory' | 'neo4j';

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** true when the neighbourhood had more nodes than `maxNodes` and was cut, level by level in id order */
  truncated: boolean;
}

export interface NeighbourhoodOptions {
  depth: 1 | 2 | 3;
  nodeTypes?: NodeType[];
  relationTypes?: RelationType[];
  /** most nodes returned (default 500) */
  maxNodes?: number;
}

export interface SearchOptions {
  limit?: number;
  types?: NodeType[];
}

export interface SearchHit {
  node: GraphNode;
  score: number;
}

export interface PathOptions {
  /** longest path considered, in edges */
  maxLength?: number;
  /** most paths returned */
  limit?: number;
}

/** One path: nodes in order and the edges between them, each in its stored direction. */
export interface GraphPath {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphCounts {
  nodes: number;
  edges: number;
  byType: Record<string, number>;
  byRelation: Record<string, number>;
}

export interface GraphStore {
  readonly engine: EngineName;
  getNode(id: string): Promise<GraphNode | undefined>;
  /** nodes of one type (or all), ordered by id */
  listNodes(type?: NodeType): Promise<GraphNode[]>;
  /** nodes within `depth` hops, in either direction; undefined when `id` is unknown */
  neighbourhood(id: string, options: NeighbourhoodOptions): Promise<Subgraph | undefined>;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** all shortest paths, ignoring direction; [] when none, undefined when an id is unknown */
  shortestPaths(from: string, to: string, options?: PathOptions): Promise<GraphPath[] | undefined>;
  /** the routes of DOMAIN §5 open to a profession (towards a recipient, if given) */
  routeCandidates(profession: string, recipient?: string): Promise<RouteCandidates>;
  facts(): Promise<Fact[]>;
  counts(): Promise<GraphCounts>;
  /**
   * The loaded graph's version: any change of graph changes it. Answers can be
   * cached under it. Neo4j reads it at most every `versionTtlMs`, so a load by
   * another process shows within that time (a load through the same driver at once).
   */
  version(): Promise<string>;
  close(): Promise<void>;
}
