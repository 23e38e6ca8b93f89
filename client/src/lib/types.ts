// The API's types, imported type-only from the server's schemas: nothing from
// server/ is bundled, and a change of contract breaks the client's type check.
export type {
  AssessRequest,
  Assessment,
  AssessedDuty,
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

import type { Assessment, AssessRequest, MissingFact, NodeRef } from '../../../server/schema/api.ts';
import type { Verdict } from '../../../server/schema/graph.ts';

// What the interview reads beyond the assessment of main: a kind of situation
// (« De quoi s'agit-il ? ») and, per question, the verdict of each answer and
// its condition group. Optional so that an older server is still understood.
export interface SituationKind {
  id: string;
  label: string;
  summary: string;
  question: string;
  recipients: string[];
  facts: string[];
}
export interface FactGroup {
  id: string;
  label: string;
  size: number;
}
export type AskedFact = MissingFact & { outcomes?: { yes: Verdict; no: Verdict }; group?: FactGroup };
export interface RecipientVerdict {
  recipient: NodeRef;
  verdict: Verdict;
  possibleVerdicts: Verdict[];
}
export type Answer = Omit<Assessment, 'missingFacts'> & {
  missingFacts: AskedFact[];
  situation?: string;
  recipients?: RecipientVerdict[];
  doubts?: string[];
};
export type InterviewRequest = AssessRequest & { situation?: string };
