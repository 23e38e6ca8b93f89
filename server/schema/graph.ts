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
  'SAME_AS',
  'QUALIFIES',
] as const;
export const RelationType = z.enum(RELATION_TYPES);
export type RelationType = z.infer<typeof RelationType>;

/** DOMAIN §2, extended where the law needs it (docs/domain-extensions.md). */
export const ALLOWED_ENDPOINTS: Record<RelationType, { from: NodeType[]; to: NodeType[] | '*' }> = {
  PART_OF: { from: ['Provision'], to: ['Instrument'] },
  REFERS_TO: { from: ['Provision'], to: ['Provision', 'Offence'] },
  BOUND_BY: { from: ['Profession', 'Recipient'], to: ['Provision', 'CaseLaw'] },
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
  SAME_AS: { from: ['Recipient', 'Profession'], to: ['Recipient', 'Profession'] },
  QUALIFIES: { from: ['Limit'], to: ['Exception', 'Duty'] },
};

/**
 * What is done (DOMAIN §5.1, property 8): telling, testifying, handing over a
 * document, undergoing a seizure or a search, reporting to the mandant. An
 * answer's wording follows its act; a limit may bar one act of a route only.
 */
export const ACTS = ['tell', 'testify', 'hand_over', 'undergo_seizure', 'report_to_mandant'] as const;
export const Act = z.enum(ACTS);
export type Act = z.infer<typeof Act>;

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
    /** what the brochure warns of the text itself, quoted verbatim (art. 29 and 30 CIC: no penal sanction), said wherever the text founds a duty */
    caveat: Citation.optional(),
  }),
  z.object({ ...base, type: z.literal('CaseLaw'), summary: z.string().min(1), date: z.string().optional() }),
  z.object({
    ...base,
    type: z.literal('Profession'),
    bound: z.boolean(),
    /** the roles (ids of role recipients, e.g. the mandant) this profession may play when it is the recipient */
    roles: z.array(z.string()).optional(),
  }),
  z.object({
    ...base,
    type: z.literal('Recipient'),
    /** whether the people this recipient stands for are bound by the secret (BOUND_BY: by which text); absent: unknown, asked */
    bound: z.boolean().optional(),
    /** a role a recipient plays in a situation (the mandant): routes towards it reach a recipient that may play it, when this fact is true */
    roleFact: z.string().optional(),
    /** the roles (ids of role recipients) this recipient may play: a role fact is asked only of a recipient that can play the role */
    roles: z.array(z.string()).optional(),
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
    /** what the route lets or makes the person do; tell when absent */
    act: Act.optional(),
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
    /** faculty: what the person may do (free to answer, right to silence…); duty (default): what they must do; recommendation: the brochure's advice, not an obligation */
    kind: z.enum(['duty', 'faculty', 'guarantee', 'recommendation']).optional(),
    /** the fact that brings a duty binding everyone into play: while it is true or unknown, the duty is reported (art. 422bis) */
    trigger: z.string().optional(),
    /** the act it belongs to: reported only in an answer about that act (the guarantees of a search); a faculty of an act that is barred is not offered */
    act: Act.optional(),
    /** when its conditions hold, the person is bound to secrecy by it, bound by profession or not (the participants of a case consultation, art. 458ter) */
    binds: z.boolean().optional(),
    /** the circle it binds within: towards these recipients (the case consultation itself) it does not bind */
    bindsWithin: z.array(z.string()).optional(),
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
    /** what is done in this kind of situation; tell when absent */
    act: Act.optional(),
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
  /** RESTRICTS: the one act of the route the limit bars (handing over a report), the others staying open */
  act: Act.optional(),
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
