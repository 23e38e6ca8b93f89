// The reviewed source format of graph-data/: YAML lists of records, one file
// per node type. Relations are written on the record they leave from
// (`links`), and the conditions of a route are written inline (`requires`)
// so that a lawyer reads a route and its conditions in one place.
import { z } from 'zod';
import { Act, RELATION_TYPES } from './graph.ts';

export const SourceCitation = z.object({
  source: z.literal('brochure').default('brochure'),
  section: z.string().min(1),
  quote: z.string().min(3),
});

const LinkTarget = z.union([
  z.string(),
  z
    .object({
      to: z.string(),
      basis: z.string().optional(),
      date: z.string().optional(),
      role: z.enum(['holder', 'recipient']).optional(),
      act: Act.optional(),
      note: z.string().optional(),
    })
    .strict(),
]);
export type LinkTarget = z.infer<typeof LinkTarget>;

export const SourceLinks = z.partialRecord(z.enum(RELATION_TYPES), z.union([LinkTarget, z.array(LinkTarget)]));

export interface SourceCondition {
  fact: string;
  expected?: boolean;
  label: string;
  quote: string;
  id?: string;
}
export interface SourceGroup {
  all?: SourceRequirement[];
  any?: SourceRequirement[];
  label?: string;
  quote?: string;
  id?: string;
}
export type SourceRequirement = SourceCondition | SourceGroup;

const SourceConditionSchema = z
  .object({
    fact: z.string().min(1),
    expected: z.boolean().optional(),
    label: z.string().min(1),
    quote: z.string().min(3),
    id: z.string().optional(),
  })
  .strict();

export const SourceRequirement: z.ZodType<SourceRequirement> = z.lazy(() =>
  z.union([
    SourceConditionSchema,
    z
      .object({
        all: z.array(SourceRequirement).min(1).optional(),
        any: z.array(SourceRequirement).min(1).optional(),
        label: z.string().optional(),
        quote: z.string().optional(),
        id: z.string().optional(),
      })
      .strict()
      .refine((g) => Boolean(g.all) !== Boolean(g.any), 'a group has exactly one of "all" or "any"'),
  ]),
);

/**
 * A record as written in graph-data/. Node-specific properties are checked by
 * the graph schema after expansion; here only the source scaffolding is.
 */
export const SourceRecord = z
  .object({
    id: z.string().min(1),
    type: z.string().min(1),
    citations: z.array(SourceCitation).min(1, 'every record cites the brochure'),
    links: SourceLinks.optional(),
    requires: z.array(SourceRequirement).optional(),
  })
  .passthrough();
export type SourceRecord = z.infer<typeof SourceRecord>;

export const SourceFact = z
  .object({
    id: z.string().min(1),
    question: z.string().min(1),
    help: z.string().optional(),
    source: z.string().optional(),
  })
  .strict();
