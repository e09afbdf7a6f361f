import { z } from 'zod';

/**
 * The canonical model every CRM object maps to and from (hub and spoke): a new CRM or partner adds one
 * mapping, never N. Values here are normalised: dates as YYYY-MM-DD, datetimes as ISO 8601 UTC, money as
 * an amount with its ISO 4217 currency, domains as registrable domains, enumerations as our own values.
 */

export const CANONICAL_STAGES = [
  'prospecting',
  'qualification',
  'proposal',
  'negotiation',
  'closed-won',
  'closed-lost',
] as const;

export const Money = z.strictObject({
  amount: z.number(),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'an ISO 4217 currency code such as USD' }),
});

const IsoDate = z.iso.date();
const IsoDateTime = z.iso.datetime({ offset: false });

export const CanonicalAccount = z.strictObject({
  name: z.string(),
  domain: z.string().nullable(),
  website: z.string().nullable(),
  industry: z.string().nullable(),
  country: z.string().nullable(),
  state: z.string().nullable(),
  city: z.string().nullable(),
  employees: z.number().int().nullable(),
  annualRevenue: Money.nullable(),
  relationship: z.enum(['customer', 'prospect', 'former-customer', 'partner', 'other']).nullable(),
  ownerEmail: z.string().nullable(),
  ownerName: z.string().nullable(),
  // Account mapping's write-back (derived by the engine, never read from a CRM): on the vendor's account …
  cosellOverlap: z.boolean().nullable(),
  cosellPartners: z.string().nullable(),
  partnerOwner: z.string().nullable(),
  // … and on a partner's own account.
  vendorRelationship: z.string().nullable(),
  vendorOwner: z.string().nullable(),
});

export const CanonicalOpportunity = z.strictObject({
  name: z.string(),
  accountName: z.string().nullable(),
  stage: z.enum(CANONICAL_STAGES),
  amount: Money.nullable(),
  closeDate: IsoDate.nullable(),
  productLine: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  ownerName: z.string().nullable(),
  createdAt: IsoDateTime.nullable(),
});

export const CanonicalPartner = z.strictObject({
  name: z.string(),
  website: z.string().nullable(),
  persona: z.enum(['si', 'isv', 'msp', 'influence', 'referral', 'reseller']),
  tier: z.string(),
  region: z.string().nullable(),
  certifications: z.array(z.string()),
  status: z.enum(['active', 'onboarding', 'suspended']),
});

export const CanonicalPerson = z.strictObject({
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  title: z.string().nullable(),
  region: z.string().nullable(),
});

export const CANONICAL_SCHEMAS = {
  account: CanonicalAccount,
  opportunity: CanonicalOpportunity,
  partner: CanonicalPartner,
  person: CanonicalPerson,
} as const;

export type CanonicalKind = keyof typeof CANONICAL_SCHEMAS;
export type CanonicalAccount = z.infer<typeof CanonicalAccount>;
export type CanonicalOpportunity = z.infer<typeof CanonicalOpportunity>;
export type CanonicalPartner = z.infer<typeof CanonicalPartner>;
export type CanonicalPerson = z.infer<typeof CanonicalPerson>;
export type Money = z.infer<typeof Money>;

/** The canonical fields of a kind, for mapping validation. */
export function canonicalFields(kind: CanonicalKind): string[] {
  return Object.keys(CANONICAL_SCHEMAS[kind].shape);
}
