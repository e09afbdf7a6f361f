import { z } from 'zod';
import { PopulationFilter } from './population-schema.js';

const Rep = z.strictObject({
  name: z.string().min(1),
  email: z.email({ error: 'an e-mail address, e.g. anna.berger@vendor.example' }).optional(),
});

/**
 * A territory for rep mapping: the accounts it covers (a filter on the vendor account's canonical fields, as for
 * populations), the vendor rep who covers it and, per partner id, that partner's rep. An overlapping account's
 * contact on each side is its owner there, else the rep of the first territory that covers it.
 */
export const Territory = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'a territory name of lower-case letters, digits and dashes, e.g. dach' }),
  where: PopulationFilter,
  vendorRep: Rep.optional(),
  partnerReps: z.record(z.string(), Rep).default({}),
});

export const Territories = z.array(Territory).default([]);
export type Territory = z.infer<typeof Territory>;
export type Rep = z.infer<typeof Rep>;
