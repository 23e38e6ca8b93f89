// Shapes of impact and reform analysis (issue 27): what rests on a node, a
// reform as a list of changes, the named reforms of graph-data/reforms.yaml,
// and what a reform changes. Re-exported by ./api.ts with the other API shapes.
import { z } from 'zod';
import { Citation, Id, Verdict } from './graph.ts';

const NodeLink = z.object({ id: z.string(), type: z.string(), label: z.string() });

// ---------- reforms ----------

/** One change of a reform. Each names existing ids; `apply` builds a modified copy of the graph view. */
export const ReformChange = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('repeal'),
      id: Id.describe('a Provision or CaseLaw (it then establishes nothing, and what it alone established goes), an Exception, a Limit or a Duty'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('addCondition'),
      exception: Id,
      fact: z.string().regex(/^[a-z0-9_]+$/),
      expected: z.boolean().default(true),
      id: Id.optional().describe('the new Condition’s id; default <exception>--<fact>'),
      label: z.string().min(1).max(300).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('removeCondition'), exception: Id, condition: Id.describe('a Condition or ConditionGroup the exception requires') }).strict(),
  z.object({ kind: z.literal('setEffect'), exception: Id, effect: z.enum(['permits', 'requires']) }).strict(),
  z.object({ kind: z.literal('addRecipient'), exception: Id, recipient: Id.describe('a Recipient or a Profession') }).strict(),
  z.object({ kind: z.literal('removeRecipient'), exception: Id, recipient: Id }).strict(),
]);
export type ReformChange = z.output<typeof ReformChange>;
export type ReformChangeInput = z.input<typeof ReformChange>;

export const ReformBody = z
  .object({
    changes: z.array(ReformChange).max(50).describe('applied in order, each to the graph the previous ones left'),
    label: z.string().max(200).optional().describe('a name for the reform, repeated in the answer and the CSV'),
  })
  .strict();
export type ReformBody = z.output<typeof ReformBody>;

export const ReformQuery = z.object({ format: z.enum(['json', 'csv']).optional() }).strict();

/** A reform of graph-data/reforms.yaml: a date the law changed, sourced, and what undoing that change means. */
/** What a reform's date is (NamedReform.dateKind). */
export const DateKind = z.enum(['adoption', 'law', 'entry_into_force']);

export const NamedReform = z
  .object({
    id: Id,
    label: z.string().min(1),
    /** the Instrument whose coming the reform undoes */
    law: Id,
    /** the law's date as its source gives it (YYYY-MM-DD) */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /**
     * what that date is: `adoption` when the source says the law was adopted that day; `law` when it gives only
     * the date the law bears (« la loi du 6 juillet 2017 »), its sanction and promulgation in Belgian law; neither
     * says when it came into force (`entry_into_force`, which the brochure never gives)
     */
    dateKind: DateKind,
    summary: z.string().min(1),
    citation: Citation,
    changes: z.array(ReformChange).min(1),
  })
  .strict();
export type NamedReform = z.output<typeof NamedReform>;

/** GET /api/reforms: the named reforms, in the file's order. */
export const NamedReformsResult = z.object({ reforms: z.array(NamedReform) });
export type NamedReformsResult = z.infer<typeof NamedReformsResult>;

export const AsOfReform = z.object({
  id: z.string(),
  label: z.string(),
  law: z.string(),
  date: z.string(),
  dateKind: DateKind,
  applied: z.boolean().describe('true: the date is before the law, the answer is given without it'),
  note: z.string(),
});
export const AsOf = z
  .object({ date: z.string(), reforms: z.array(AsOfReform) })
  .describe('the law of that date: which sourced reforms were applied, and what their dates are');
export type AsOf = z.infer<typeof AsOf>;

// ---------- dependants ----------

export const DependantAnswer = z.object({
  recipient: NodeLink,
  /** the kinds of situation (SituationKind ids) in which a route uses the node; null: no kind asked */
  kinds: z.array(z.string().nullable()),
  /** the exceptions whose routes use it */
  routes: z.array(z.string()),
});

export const DependantsResult = z.object({
  node: NodeLink.describe('the node asked, or the fact (type "Fact", its question as label)'),
  counts: z.object({
    answers: z.number().int().describe('(profession, recipient, kind) answers whose routes use it'),
    professions: z.number().int(),
    recipients: z.number().int(),
    routes: z.number().int().describe('distinct exceptions whose routes use it'),
    situations: z.number().int().describe('worked examples (Situation nodes) whose deciding route uses it'),
  }),
  professions: z.array(z.object({ profession: NodeLink, answers: z.array(DependantAnswer) })),
  situations: z.array(z.object({ id: z.string(), label: z.string(), verdict: Verdict, routes: z.array(z.string()) })),
});
export type DependantsResult = z.infer<typeof DependantsResult>;

// ---------- what a reform changes ----------

export const RouteSummary = z.object({
  exception: z.string(),
  effect: z.enum(['permits', 'requires']),
  conditions: z.array(z.string()).describe('each condition as fact=expected, groups as all(…) / any(…)'),
  limits: z.array(z.string()),
  provisions: z.array(z.string()),
  duties: z.array(z.string()),
});
export type RouteSummary = z.infer<typeof RouteSummary>;

export const RouteChange = z.object({
  profession: z.string(),
  recipient: z.string(),
  kind: z.string().nullable(),
  exception: z.string(),
  change: z.enum(['gained', 'lost', 'changed']),
  before: RouteSummary.optional(),
  after: RouteSummary.optional(),
  /** for a changed route: what differs */
  fields: z.array(z.enum(['effect', 'conditions', 'limits', 'provisions', 'duties'])),
});
export type RouteChange = z.infer<typeof RouteChange>;

export const SituationChange = z.object({
  id: z.string(),
  source: z.enum(['example', 'review']).describe('example: a Situation node (worked example); review: a case of the legal review of December 2026'),
  label: z.string(),
  profession: z.string(),
  recipient: z.string().optional(),
  kind: z.string().optional(),
  before: z.object({ verdict: Verdict, possibleVerdicts: z.array(Verdict) }),
  after: z.object({ verdict: Verdict, possibleVerdicts: z.array(Verdict) }),
  changed: z.boolean(),
});
export type SituationChange = z.infer<typeof SituationChange>;

export const ReformResult = z.object({
  label: z.string().optional(),
  changes: z.array(ReformChange),
  counts: z.object({
    answersCompared: z.number().int().describe('(profession, kind) route sets in the graph'),
    answersReassessed: z.number().int().describe('those whose route subgraph holds a changed node, and were recomputed'),
    routesGained: z.number().int(),
    routesLost: z.number().int(),
    routesChanged: z.number().int(),
    situations: z.number().int(),
    situationsReassessed: z.number().int(),
    verdictsChanged: z.number().int(),
  }),
  changedNodes: z.array(z.string()).describe('ids the reform removed, added or modified'),
  routes: z.array(RouteChange).describe('every route gained, lost or changed, by profession, recipient and kind'),
  situations: z.array(SituationChange).describe('every worked example and review situation, verdict before and after'),
});
export type ReformResult = z.infer<typeof ReformResult>;
