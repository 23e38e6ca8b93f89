// The API's types, imported type-only from the server's schemas: nothing from
// server/ is bundled, and a change of contract breaks the client's type check.
export type {
  AssessRequest,
  Assessment,
  AssessedDuty,
  AssessedLimit,
  AssessedRoute,
  DependantsResult,
  DisclosureMap,
  DisclosureRoute,
  EdgeRef,
  Elements,
  EvaluatedRequirement,
  FactsResult,
  LawSummary,
  MissingFact,
  NamedReform,
  NeighbourhoodRequest,
  NodeRef,
  PathsResult,
  ReformChangeInput,
  ReformResult,
  Requirement,
  RequirementStatus,
  RouteChange,
  RouteStatus,
  SearchResult,
  SituationChange,
  SourceRef,
  Subgraph,
} from '../../../server/schema/api.ts';
export type { Act, Citation, Fact, GraphEdge, GraphNode, NodeOf, NodeType, RelationType, Verdict } from '../../../server/schema/graph.ts';

import type { Assessment, AssessRequest, MissingFact, SituationKindsResult } from '../../../server/schema/api.ts';

// The interview reads the assessment as the server's schemas describe it.
export type SituationKind = SituationKindsResult['situations'][number];
export type AskedFact = MissingFact;
export type FactGroup = NonNullable<MissingFact['group']>;
export type RecipientVerdict = NonNullable<Assessment['recipients']>[number];
export type Answer = Assessment;
export type InterviewRequest = AssessRequest;
