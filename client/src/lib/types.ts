// The API's types, imported type-only from the server's schemas: nothing from
// server/ is bundled, and a change of contract breaks the client's type check.
export type {
  AssessRequest,
  Assessment,
  AssessedLimit,
  AssessedRoute,
  DisclosureMap,
  DisclosureRoute,
  EdgeRef,
  Elements,
  EvaluatedRequirement,
  FactsResult,
  MissingFact,
  NeighbourhoodRequest,
  NodeRef,
  PathsResult,
  Requirement,
  RequirementStatus,
  RouteStatus,
  SearchResult,
  SourceRef,
  Subgraph,
} from '../../../server/schema/api.ts';
export type { Fact, GraphEdge, GraphNode, NodeOf, NodeType, RelationType, Verdict } from '../../../server/schema/graph.ts';
