import { z } from 'zod';

const Values = z.array(z.string().min(1)).min(1, { error: 'at least one value' });

/**
 * A population: accounts whose canonical fields hold one of the listed values (all fields must agree), the
 * same filter applied to the vendor's accounts and to each partner's. E.g. `customers: { relationship: [customer] }`.
 */
export const PopulationFilter = z
  .strictObject({
    relationship: Values.optional(),
    industry: Values.optional(),
    country: Values.optional(),
    state: Values.optional(),
    city: Values.optional(),
    ownerEmail: Values.optional(),
    ownerName: Values.optional(),
    domain: Values.optional(),
  })
  .refine((filter) => Object.keys(filter).length > 0, { error: 'at least one field to filter on, e.g. { relationship: [customer] }' });

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
