// The port both engines implement. An engine selects data — nodes, edges,
// subgraphs, hits, paths — and knows no legal rule: the service hands what it
// selected to server/domain/. Everything an engine answers is plain data in a
// canonical order, so the contract suite demands identical answers of both.
import type { Fact, GraphEdge, GraphNode, NodeType, RelationType } from '../schema/graph.ts';
import type { GraphView } from '../schema/graphView.ts';

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
  /**
   * The part of the graph that route finding (DOMAIN §5) walks for a profession
   * (towards a recipient, if given): at least the IS_A chains of both, the
   * exceptions, limits and duties that concern them, with their conditions,
   * sources, duties and replacements, and the kind of situation with what it
   * involves when one is asked. An engine may hand more (the in-memory
   * one hands its whole graph); an unknown id is simply absent from the view.
   */
  routeSubgraph(profession: string, recipient?: string, situation?: string): Promise<GraphView>;
  /** every edge of these relation types and the nodes at its ends, each list in id order (the summary of the law reads it) */
  relationSubgraph(relationTypes: RelationType[]): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }>;
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
