import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** The population every account belongs to (the matrix's `all` row and column): no filter. */
export const ALL_POPULATION = 'all';

/**
 * The query string of `GET /api/v1/overlaps/:partnerId`, for a workspace's populations. Unknown parameters
 * are refused (a misspelt filter would otherwise return everything), as is a parameter given twice.
 */
export function overlapQuerySchema(populations: readonly string[]) {
  const known = [ALL_POPULATION, ...populations];
  const Population = z
    .string({ error: 'one population name (the parameter once)' })
    .refine((name) => known.includes(name), { error: `one of the workspace's populations: ${known.join(', ')}` });
  return z.strictObject({
    population: Population.optional(),
    partnerPopulation: Population.optional(),
    limit: z.coerce
      .number({ error: `a whole number from 1 to ${MAX_PAGE_SIZE}` })
      .int({ error: `a whole number from 1 to ${MAX_PAGE_SIZE}` })
      .min(1, { error: `a whole number from 1 to ${MAX_PAGE_SIZE}` })
      .max(MAX_PAGE_SIZE, { error: `at most ${MAX_PAGE_SIZE} pairs a page` })
      .default(DEFAULT_PAGE_SIZE),
    cursor: z.string({ error: 'the nextCursor of the previous page (the parameter once)' }).min(1).optional(),
  });
}

export type OverlapQuery = z.infer<ReturnType<typeof overlapQuerySchema>>;

/** The pairs a query asks for: members of both populations (`all` or none given: every pair). */
export interface PairFilter {
  population?: string | undefined;
  partnerPopulation?: string | undefined;
}
