import { z } from 'zod';

/**
 * A reported figure the engine found in a text (kind `actual`) that may be an actual of a target:
 * same region, same normalised unit, a similar metric. An analyst accepts it to record it.
 */
export const ProposalSchema = z.object({
  /** The extracted figure (a row of the metrics table with kind `actual`). */
  figureId: z.number().int(),
  metric: z.string(),
  quote: z.string(),
  sourceFile: z.string(),
  line: z.number().int(),
  article: z.string(),
  /** The figure's value converted into the target's unit. */
  value: z.number(),
  /** As-of date the figure gives (the end of its month or year). */
  asOf: z.string(),
  /** How alike the two metric names are, 0–1. */
  similarity: z.number(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

export const ProposalParamsSchema = z.object({
  id: z.coerce.number().int().positive(),
  figureId: z.coerce.number().int().positive(),
});
