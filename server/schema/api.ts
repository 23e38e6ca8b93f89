// One schema per shape of the HTTP API: requests (validated at the edge),
// answers (the domain's types are inferred from them) and errors. The
// OpenAPI document is generated from these; the client imports the types.
import { z } from 'zod';
import { DEFAULT_MAX_NODES, DEFAULT_MAX_PATH_LENGTH, DEFAULT_NEIGHBOURHOOD_DEPTH, DEFAULT_PATH_LIMIT, DEFAULT_SEARCH_LIMIT } from './defaults.ts';
import { Act, FactValues, GraphEdge, GraphNode, Id, NodeType, RelationType, Verdict } from './graph.ts';
import { AsOf } from './impact.ts';

export * from './impact.ts';

// ---------- shared pieces ----------

export const NodeRef = z.object({ id: z.string(), type: NodeType, label: z.string() });
export type NodeRef = z.infer<typeof NodeRef>;

export const SourceRef = NodeRef.extend({
  summary: z.string().optional(),
  status: z.enum(['in_force', 'repealed', 'replaced']).optional(),
  eli: z.string().optional(),
  replacedBy: z.array(NodeRef).describe('later texts that replaced it; shown wherever the old article is'),
  instrument: NodeRef.optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

export const EdgeRef = z.object({ id: z.string(), source: z.string(), target: z.string(), type: RelationType });
export type EdgeRef = z.infer<typeof EdgeRef>;

export const Elements = z
  .object({ nodes: z.array(z.string()), edges: z.array(EdgeRef) })
  .describe('graph elements of the route (node ids, and edges with their ends), for highlighting');
export type Elements = z.infer<typeof Elements>;

const ConditionRequirement = z.object({
  kind: z.literal('condition'),
  id: z.string(),
  label: z.string(),
  fact: z.string(),
  expected: z.boolean(),
  stated: z
    .object({ value: z.boolean(), reason: z.string() })
    .optional()
    .describe('the graph states this fact (the recipient’s legal status): never asked, and no answer overrides it'),
});
const GroupRequirement = z.object({
  kind: z.literal('group'),
  id: z.string(),
  label: z.string(),
  mode: z.enum(['all', 'any']),
  get children(): z.ZodArray<typeof Requirement> {
    return z.array(Requirement);
  },
});
export const Requirement: z.ZodType<
  z.infer<typeof ConditionRequirement> | { kind: 'group'; id: string; label: string; mode: 'all' | 'any'; children: Requirement[] }
> = z.union([ConditionRequirement, GroupRequirement]);
export type Requirement = z.infer<typeof Requirement>;

export const RequirementStatus = z.enum(['met', 'unmet', 'unknown']);
export type RequirementStatus = z.infer<typeof RequirementStatus>;

const EvaluatedCondition = ConditionRequirement.extend({
  value: z.boolean().nullable().describe('the fact value used; null when unknown'),
  status: RequirementStatus,
});
const EvaluatedGroup = z.object({
  kind: z.literal('group'),
  id: z.string(),
  label: z.string(),
  mode: z.enum(['all', 'any']),
  status: RequirementStatus,
  get children(): z.ZodArray<typeof EvaluatedRequirement> {
    return z.array(EvaluatedRequirement);
  },
});
export const EvaluatedRequirement: z.ZodType<
  | z.infer<typeof EvaluatedCondition>
  | {
      kind: 'group';
      id: string;
      label: string;
      mode: 'all' | 'any';
      status: RequirementStatus;
      children: EvaluatedRequirement[];
    }
> = z.union([EvaluatedCondition, EvaluatedGroup]);
export type EvaluatedRequirement = z.infer<typeof EvaluatedRequirement>;

export const ExceptionRef = NodeRef.extend({
  summary: z.string(),
  effect: z.enum(['permits', 'requires']),
  act: Act.describe('what the route lets or makes the person do'),
  measure: z.enum(['seizure']).optional().describe('seizure: the secret does not bar a seizure or a search; the professional discloses nothing'),
});
export const DutyRef = NodeRef.extend({
  summary: z.string().optional(),
  kind: z
    .enum(['duty', 'faculty', 'guarantee', 'recommendation'])
    .describe('duty: what the person must do; faculty: what they may do; guarantee: what the authorities must respect; recommendation: the brochure’s advice'),
  act: Act.optional().describe('the act it belongs to (a faculty of handing over documents, the guarantees of a search)'),
  binds: z.boolean().optional().describe('when it applies, it binds the person to secrecy, bound by profession or not (art. 458ter)'),
});
export type DutyRef = z.infer<typeof DutyRef>;

// ---------- assessment ----------

export const RecipientStatus = NodeRef.extend({
  bound: z
    .boolean()
    .optional()
    .describe('whether the people the recipient stands for are bound by the secret, as the graph states it; absent: not stated, asked'),
  boundBy: z.array(SourceRef).describe('the texts that bind them'),
  boundVia: NodeRef.optional().describe('the node whose status the recipient takes (itself, a category, or another name of the same body)'),
  roles: z.array(z.string()).describe('ids of the roles it may play (the mandant)'),
  names: z.array(NodeRef).describe('other names of the same body or person (SAME_AS)'),
});
export type RecipientStatus = z.infer<typeof RecipientStatus>;

export const AssessBody = z
  .object({
    profession: Id.describe('id of a Profession'),
    recipient: Id.optional().describe('id of a Recipient or a Profession; omitted: every recipient'),
    situation: Id.optional().describe('id of a SituationKind (GET /api/situations): only the routes of that kind of situation'),
    facts: FactValues.default({}).describe('fact id → true/false; absent facts are unknown'),
    closedWorld: z.boolean().optional().describe('treat every absent fact as false'),
    asOf: z.iso
      .date()
      .optional()
      .describe(
        'YYYY-MM-DD: answer under the law of that date, as far as graph-data/reforms.yaml dates it (the answer says which reforms and what their dates are)',
      ),
  })
  .strict();
export type AssessBody = z.infer<typeof AssessBody>;
/** What a client sends (defaults not yet applied). */
export type AssessRequest = z.input<typeof AssessBody>;

export const AssessedLimit = NodeRef.extend({
  summary: z.string(),
  act: Act.optional().describe('the one act of the route this limit bars (handing over a report); absent: the whole route'),
  aside: z
    .boolean()
    .optional()
    .describe('a recipient limit about another act than the answer’s (a police hearing beside a report to the procureur): listed, not said'),
  status: z.enum(['holds', 'does_not_hold', 'undetermined']),
  sources: z.array(SourceRef),
  conditions: z.array(EvaluatedRequirement),
  elements: Elements,
});
export type AssessedLimit = z.infer<typeof AssessedLimit>;

export const RouteStatus = z.enum(['open', 'closed', 'undetermined']);
export type RouteStatus = z.infer<typeof RouteStatus>;

export const AssessedRoute = z.object({
  exception: ExceptionRef,
  effect: z.enum(['permits', 'requires']),
  status: RouteStatus,
  recipient: NodeRef.describe('the recipient or category the route names'),
  provisions: z.array(SourceRef),
  derogatesFrom: z.array(SourceRef).describe('the secret the route lifts (art. 458), with its status'),
  conditions: z.array(EvaluatedRequirement),
  limits: z.array(AssessedLimit),
  qualifications: z.array(AssessedLimit).describe('limits that do not close the route but narrow what follows it (what a case consultation may lead to)'),
  duties: z.array(DutyRef),
  elements: Elements,
});
export type AssessedRoute = z.infer<typeof AssessedRoute>;

export const MissingFact = z.object({
  id: z.string(),
  question: z.string(),
  help: z.string().optional(),
  settles: z.array(z.string()).describe('exceptions and limits whose status this fact can settle'),
  outcomes: z.object({ yes: Verdict, no: Verdict }).describe('the verdict once this fact is answered Oui, or Non'),
  group: z
    .object({ id: z.string(), label: z.string(), size: z.number().int() })
    .optional()
    .describe('the condition group this fact belongs to, whose facts are best asked together'),
});
export type MissingFact = z.infer<typeof MissingFact>;

export const AssessedDuty = DutyRef.extend({
  imposedBy: z.array(z.string()),
  status: z
    .enum(['applies', 'to_check', 'lifted'])
    .describe('to_check: a duty that binds everyone whose conditions are not all known (art. 422bis); lifted: one of its exemptions holds'),
});
export type AssessedDuty = z.infer<typeof AssessedDuty>;

export const ExplanationStep = z.object({
  kind: z
    .enum([
      'route',
      'pending',
      'closed',
      'recipient_limit',
      'act',
      'qualification',
      'doubt',
      'duties',
      'guarantees',
      'faculties',
      'recommendations',
      'next_question',
      'replaced',
      'as_of',
    ])
    .describe(
      'route: decides the verdict; pending: still open depending on facts; closed: routes examined and closed; as_of: what the date asked (asOf) changes for this answer, first',
    ),
  text: z.string().describe('the step in one French paragraph'),
  route: z.object({ exception: z.string(), recipient: z.string() }).optional().describe('the route the step tells'),
  articles: z.array(z.string()).describe('ids of the provisions and rulings the step cites'),
  conditions: z.array(EvaluatedRequirement).describe('the route’s conditions with the fact values used'),
});
export type ExplanationStep = z.infer<typeof ExplanationStep>;

export const Explanation = z.object({
  verdict: z.string().describe('the verdict in one sentence'),
  steps: z.array(ExplanationStep),
});
export type Explanation = z.infer<typeof Explanation>;

export const Assessment = z.object({
  verdict: Verdict.describe('a claim that stays true whatever the unknown facts turn out to be (DOMAIN §5.1)'),
  possibleVerdicts: z.array(Verdict).describe('every verdict some way of filling in the unknown facts could give'),
  profession: NodeRef.extend({ bound: z.boolean() }),
  recipient: RecipientStatus.optional(),
  act: Act.describe('what the answer is about: tell, testify, hand over a document, undergo a seizure or a search, report to the mandant'),
  acts: z
    .array(z.object({ act: Act, verdict: Verdict, limits: z.array(z.string()).describe('ids of the limits that bar or may bar it') }))
    .describe(
      'the acts besides the main one that a route lets the person do, each with its own verdict (a report that may not be handed over while testimony is permitted)',
    ),
  closedWorld: z.boolean(),
  facts: z.record(z.string(), z.boolean()),
  routes: z.array(AssessedRoute),
  missingFacts: z.array(MissingFact).describe('questions worth asking next, the most decisive first'),
  duties: z.array(AssessedDuty).describe('devoirs: what the person must do'),
  faculties: z.array(AssessedDuty).describe('facultés: what the person may do, never an obligation'),
  guarantees: z.array(AssessedDuty).describe('what the authorities must respect (seizure and search)'),
  recommendations: z.array(AssessedDuty).describe('the brochure’s advice (prepare with the team…), never an obligation'),
  doubts: z.array(z.object({ id: z.string(), label: z.string(), doubt: z.string() })).describe('doubts the brochure leaves on the rules this answer rests on'),
  situation: NodeRef.optional().describe('the kind of situation asked, when one was'),
  recipients: z
    .array(z.object({ recipient: NodeRef, verdict: Verdict, possibleVerdicts: z.array(Verdict) }))
    .optional()
    .describe('with no recipient asked: the verdict towards each recipient the routes name'),
  recipientLimits: z.array(AssessedLimit),
  explanation: Explanation,
  disclaimer: z.string(),
  asOf: AsOf.optional().describe('asked under the law of a date: the reforms applied, and what the source says of their dates'),
});
export type Assessment = z.infer<typeof Assessment>;

// ---------- disclosure map ----------

export const DisclosureQuery = z.object({ profession: Id, recipient: Id.optional() }).strict();

export const DisclosureRoute = z.object({
  exception: ExceptionRef,
  effect: z.enum(['permits', 'requires']),
  provisions: z.array(SourceRef),
  conditions: z.array(Requirement),
  limits: z.array(z.object({ limit: NodeRef.extend({ summary: z.string() }), sources: z.array(SourceRef), requirements: z.array(Requirement) })),
  duties: z.array(DutyRef),
  elements: Elements,
});
export type DisclosureRoute = z.infer<typeof DisclosureRoute>;

export const DisclosureMap = z.object({
  profession: NodeRef.extend({ bound: z.boolean() }),
  recipient: NodeRef.optional(),
  groups: z.array(z.object({ recipient: NodeRef, routes: z.array(DisclosureRoute) })),
});
export type DisclosureMap = z.infer<typeof DisclosureMap>;

// ---------- graph browsing ----------

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

export const NodeListQuery = z.object({ type: NodeType.optional() }).strict();
export const NodeParams = z.object({ id: z.string().max(200) });

/** What a client may ask of a neighbourhood (before the query string's coercion and defaults). */
export type NeighbourhoodRequest = { depth?: 1 | 2 | 3; types?: NodeType[]; relations?: RelationType[]; maxNodes?: number };

export const NeighbourhoodQuery = z
  .object({
    depth: z.coerce.number().int().min(1).max(3).default(DEFAULT_NEIGHBOURHOOD_DEPTH),
    types: csv(NodeType).optional().describe('comma-separated node types to keep'),
    relations: csv(RelationType).optional().describe('comma-separated relation types to follow'),
    maxNodes: z.coerce.number().int().min(1).max(5000).default(DEFAULT_MAX_NODES),
  })
  .strict();

export const Subgraph = z.object({ nodes: z.array(GraphNode), edges: z.array(GraphEdge), truncated: z.boolean() });
export type Subgraph = z.infer<typeof Subgraph>;

export const SearchQuery = z
  .object({
    q: z.string().trim().min(1).max(200),
    limit: z.coerce.number().int().min(1).max(100).default(DEFAULT_SEARCH_LIMIT),
    types: csv(NodeType).optional(),
  })
  .strict();
export const SearchResult = z.object({
  query: z.string(),
  hits: z.array(z.object({ node: GraphNode, score: z.number() })),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const PathsQuery = z
  .object({
    from: z.string().min(1).max(200),
    to: z.string().min(1).max(200),
    maxLength: z.coerce.number().int().min(1).max(8).default(DEFAULT_MAX_PATH_LENGTH),
    limit: z.coerce.number().int().min(1).max(50).default(DEFAULT_PATH_LIMIT),
  })
  .strict();
export const PathsResult = z.object({
  from: z.string(),
  to: z.string(),
  paths: z.array(z.object({ nodes: z.array(GraphNode), edges: z.array(GraphEdge) })),
});
export type PathsResult = z.infer<typeof PathsResult>;

export const SituationKindsResult = z.object({
  situations: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      question: z.string(),
      summary: z.string().optional(),
      recipients: z.array(z.string()).describe('the recipients this kind of situation is about'),
      facts: z.array(z.string()).describe('the facts that matter, in asking order'),
    }),
  ),
});
export type SituationKindsResult = z.infer<typeof SituationKindsResult>;

export const LawSummarySource = NodeRef.extend({
  nodes: z.array(z.string()).describe('the ids of this source’s part of the summary: the source, its articles, the routes they establish and their recipients'),
  routes: z.number().int().describe('how many routes (exceptions) the source establishes'),
});
export const LawSummary = z
  .object({
    nodes: z.array(GraphNode).describe('every node of the summary, in id order'),
    edges: z
      .array(GraphEdge)
      .describe('article → instrument (PART_OF), source → route (ESTABLISHES), route → recipient (PERMITS_ / REQUIRES_DISCLOSURE_TO), in id order'),
    sources: z.array(LawSummarySource).describe('one part per instrument (with its articles) or ruling that establishes a route: the text of the secret first'),
  })
  .describe('The summary of the law: instrument → article → exception → recipient, the routes a lawyer reads first, before conditions and duties');
export type LawSummary = z.infer<typeof LawSummary>;

export const FactsResult = z.object({
  facts: z.array(z.object({ id: z.string(), question: z.string(), help: z.string().optional(), source: z.string().optional() })),
});
export type FactsResult = z.infer<typeof FactsResult>;

export const NodeList = z.object({ nodes: z.array(GraphNode) });

export const PartiesProfession = NodeRef.extend({
  bound: z.boolean().describe('bound by professional secrecy'),
  boundBy: z
    .array(SourceRef.extend({ basis: z.string().optional() }))
    .describe('the texts that bind it, with the basis (listed in art. 458, specific law, confident nécessaire, deontology)'),
  categories: z.array(z.string()).describe('the professions it is a kind of (IS_A), nearest first'),
  summary: z.string().optional(),
  doubt: z.string().optional(),
});
export type PartiesProfession = z.infer<typeof PartiesProfession>;
export const ProfessionsResult = z.object({ professions: z.array(PartiesProfession) });
export type ProfessionsResult = z.infer<typeof ProfessionsResult>;

export const RecipientEntry = RecipientStatus.extend({
  roleFact: z.string().optional().describe('a role, not a body: routes towards it reach a recipient that may play it, when this fact is true'),
  summary: z.string().optional(),
  doubt: z.string().optional(),
});
export type RecipientEntry = z.infer<typeof RecipientEntry>;
export const RecipientsResult = z.object({
  recipients: z.array(RecipientEntry).describe('every Recipient; any Profession may also be a recipient (GET /api/professions)'),
});
export type RecipientsResult = z.infer<typeof RecipientsResult>;

export const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  engine: z.enum(['memory', 'neo4j']),
  nodes: z.number().int().optional(),
  edges: z.number().int().optional(),
});
export type Health = z.infer<typeof Health>;

export const ApiError = z.object({
  error: z.object({
    code: z.string().describe('machine-readable; names the field for unknown ids, e.g. unknown_profession'),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
