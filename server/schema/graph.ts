// One schema per shape of the knowledge graph: the loaded graph (nodes, edges)
// that both engines serve, and the types inferred from it. The reviewed source
// format of graph-data/ lives in ./source.ts and expands into these.
import { z } from 'zod';

export const NODE_TYPES = [
  'Instrument',
  'Provision',
  'CaseLaw',
  'Profession',
  'Recipient',
  'Exception',
  'Limit',
  'Condition',
  'ConditionGroup',
  'Duty',
  'Offence',
  'Situation',
  'SituationKind',
] as const;
export const NodeType = z.enum(NODE_TYPES);
export type NodeType = z.infer<typeof NodeType>;

export const RELATION_TYPES = [
  'PART_OF',
  'REFERS_TO',
  'BOUND_BY',
  'IS_A',
  'ESTABLISHES',
  'DEROGATES_FROM',
  'APPLIES_TO',
  'PERMITS_DISCLOSURE_TO',
  'REQUIRES_DISCLOSURE_TO',
  'REQUIRES',
  'RESTRICTS',
  'IMPOSES',
  'ILLUSTRATES',
  'REPLACED_BY',
  'INVOLVES',
] as const;
export const RelationType = z.enum(RELATION_TYPES);
export type RelationType = z.infer<typeof RelationType>;

/** DOMAIN §2, extended where the law needs it (docs/domain-extensions.md). */
export const ALLOWED_ENDPOINTS: Record<RelationType, { from: NodeType[]; to: NodeType[] | '*' }> = {
  PART_OF: { from: ['Provision'], to: ['Instrument'] },
  REFERS_TO: { from: ['Provision'], to: ['Provision', 'Offence'] },
  BOUND_BY: { from: ['Profession'], to: ['Provision', 'CaseLaw'] },
  IS_A: { from: ['Profession', 'Recipient'], to: ['Profession', 'Recipient'] },
  ESTABLISHES: { from: ['Provision', 'CaseLaw'], to: ['Exception', 'Limit', 'Duty'] },
  DEROGATES_FROM: { from: ['Exception'], to: ['Provision'] },
  APPLIES_TO: { from: ['Exception', 'Limit', 'Duty'], to: ['Profession', 'Recipient'] },
  PERMITS_DISCLOSURE_TO: { from: ['Exception'], to: ['Recipient', 'Profession'] },
  REQUIRES_DISCLOSURE_TO: { from: ['Exception'], to: ['Recipient', 'Profession'] },
  REQUIRES: { from: ['Exception', 'Limit', 'ConditionGroup', 'Duty'], to: ['Condition', 'ConditionGroup'] },
  RESTRICTS: { from: ['Limit'], to: ['Exception'] },
  IMPOSES: { from: ['Exception', 'Limit'], to: ['Duty'] },
  ILLUSTRATES: { from: ['Situation'], to: '*' },
  REPLACED_BY: { from: ['Provision', 'Instrument'], to: ['Provision', 'Instrument'] },
  INVOLVES: { from: ['SituationKind'], to: ['Exception', 'Limit', 'Duty', 'Recipient', 'Profession'] },
};

export const Id = z
  .string()
  .max(200)
  // "--" separates a generated condition id from its owner (exc-458bis--grave-imminent-danger).
  .regex(/^[a-z0-9]+(?:--?[a-z0-9]+)*$/, 'lower-case ASCII words joined by "-"');

export const Citation = z.object({
  source: z.literal('brochure'),
  section: z.string().min(1),
  quote: z.string().min(3),
});
export type Citation = z.infer<typeof Citation>;

export const Verdict = z.enum(['not_bound', 'forbidden', 'permitted', 'required', 'undetermined']);
export type Verdict = z.infer<typeof Verdict>;

export const FactValues = z.record(z.string(), z.boolean());

export const AssessQuery = z.object({
  profession: Id,
  recipient: Id.optional(),
  situation: Id.optional(),
  facts: FactValues.default({}),
  closedWorld: z.boolean().optional(),
});
export type AssessQuery = z.infer<typeof AssessQuery>;

const base = {
  id: Id,
  label: z.string().min(1),
  summary: z.string().optional(),
  /** a doubt the brochure leaves on this rule, said in every answer that rests on it */
  doubt: z.string().optional(),
  citations: z.array(Citation).min(1),
};

const statusFields = {
  status: z.enum(['in_force', 'repealed', 'replaced']).optional(),
  inForceFrom: z.string().optional(),
  eli: z.string().url().optional(),
};

export const GraphNode = z.discriminatedUnion('type', [
  z.object({
    ...base,
    ...statusFields,
    type: z.literal('Instrument'),
    kind: z.enum(['code', 'loi', 'décret', 'déontologie', 'circulaire']),
    date: z.string().optional(),
  }),
  z.object({
    ...base,
    ...statusFields,
    type: z.literal('Provision'),
    text: z.string().optional(),
    summary: z.string().min(1),
    status: z.enum(['in_force', 'repealed', 'replaced']),
    /** false: the brochure gives this status but our sources do not establish the text's current status (shown « statut non vérifié ») */
    statusVerified: z.boolean().optional(),
  }),
  z.object({ ...base, type: z.literal('CaseLaw'), summary: z.string().min(1), date: z.string().optional() }),
  z.object({ ...base, type: z.literal('Profession'), bound: z.boolean() }),
  z.object({
    ...base,
    type: z.literal('Recipient'),
    /** a role a recipient plays in a situation (the mandant): routes towards it reach any recipient for whom this fact is true */
    roleFact: z.string().optional(),
    /** the categories of recipients that may play that role (authorities and services, not a colleague) */
    roleAmong: z.array(z.string()).optional(),
  }),
  z.object({
    ...base,
    type: z.literal('Exception'),
    effect: z.enum(['permits', 'requires']),
    summary: z.string().min(1),
    /** the route concerns what the person saw, not what was confided: no route for a professional asked about a confidence (art. 30 CIC) */
    outsideConfidence: z.boolean().optional(),
    /** the route belongs to a kind of situation of its own (seizure, a hierarchy stepping in after a fault): considered only when that kind is asked */
    ownSituation: z.boolean().optional(),
    /** the route lifts the secret against an investigative measure (seizure and search), not for a disclosure by the professional */
    measure: z.enum(['seizure']).optional(),
  }),
  z.object({ ...base, type: z.literal('Limit'), summary: z.string().min(1) }),
  z.object({
    ...base,
    type: z.literal('Condition'),
    fact: z.string().min(1),
    expected: z.boolean(),
  }),
  z.object({ ...base, type: z.literal('ConditionGroup'), mode: z.enum(['all', 'any']) }),
  z.object({
    ...base,
    type: z.literal('Duty'),
    /** faculty: what the person may do (free to answer, right to silence…); duty (default): what they must do */
    kind: z.enum(['duty', 'faculty', 'guarantee']).optional(),
    /** a duty the brochure recommends (« Recommandation ») rather than one the law imposes: shown apart from « Vous devez… » */
    recommendation: z.boolean().optional(),
    /** the fact that brings a duty binding everyone into play: while it is true or unknown, the duty is reported (art. 422bis) */
    trigger: z.string().optional(),
  }),
  z.object({ ...base, type: z.literal('Offence'), articles: z.string().min(1) }),
  z.object({
    ...base,
    type: z.literal('Situation'),
    narrative: z.string().min(1),
    question: z.string().min(1),
    answer: z.string().min(1),
    assess: AssessQuery,
    expectedVerdict: Verdict,
    /** duties the brochure's answer names, which the assessment must list */
    expectedDuties: z.array(Id).optional(),
  }),
  z.object({
    ...base,
    type: z.literal('SituationKind'),
    /** the option of « De quoi s'agit-il ? » */
    question: z.string().min(1),
    /** its place in the list of « De quoi s'agit-il ? » (the most frequent first) */
    rank: z.number().int(),
    /** the facts that matter in this kind of situation, in the order to ask them */
    facts: z.array(z.string()).min(1),
  }),
]);
export type GraphNode = z.infer<typeof GraphNode>;
export type NodeOf<T extends NodeType> = Extract<GraphNode, { type: T }>;

export const GraphEdge = z.object({
  id: z.string(),
  type: RelationType,
  source: Id,
  target: Id,
  /** BOUND_BY basis, REPLACED_BY date, APPLIES_TO role, free note */
  basis: z.string().optional(),
  date: z.string().optional(),
  role: z.enum(['holder', 'recipient']).optional(),
  note: z.string().optional(),
});
export type GraphEdge = z.infer<typeof GraphEdge>;

export function edgeId(type: RelationType, source: string, target: string): string {
  return `${source}-[${type}]->${target}`;
}

export const Fact = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  question: z.string().min(1),
  help: z.string().optional(),
  source: z.string().optional(),
});
export type Fact = z.infer<typeof Fact>;

/** The loaded, validated graph that both engines are built from. */
export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
  facts: Fact[];
}
