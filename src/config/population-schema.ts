import { z } from 'zod';

/** Canonical account fields a population may filter on (text values). */
export const POPULATION_FIELDS = ['relationship', 'industry', 'country', 'state', 'city', 'ownerEmail', 'ownerName', 'domain'] as const;

const Values = z.array(z.string().min(1)).min(1, { error: 'at least one value' });

/**
 * A population: accounts whose canonical fields hold one of the listed values (all fields must agree), the
 * same filter applied to the vendor's accounts and to each partner's. E.g. `customers: { relationship: [customer] }`.
 */
export const PopulationFilter = z
  .strictObject(Object.fromEntries(POPULATION_FIELDS.map((field) => [field, Values.optional()])) as Record<(typeof POPULATION_FIELDS)[number], z.ZodOptional<typeof Values>>)
  .refine((filter) => Object.values(filter).some((values) => values !== undefined), { error: 'at least one field to filter on, e.g. { relationship: [customer] }' });

export const DEFAULT_POPULATIONS = {
  customers: { relationship: ['customer'] },
  prospects: { relationship: ['prospect'] },
  'former-customers': { relationship: ['former-customer'] },
};

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const Populations = z
  .record(z.string(), PopulationFilter)
  .superRefine((populations, ctx) => {
    for (const name of Object.keys(populations)) {
      if (!NAME.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'a population name of lower-case letters, digits and dashes, e.g. open-opportunities' });
    }
  })
  .default(DEFAULT_POPULATIONS);
export type Populations = z.infer<typeof Populations>;
