/**
 * CRM-neutral records the seed generators produce. Each sandbox CRM loads them into its own shapes
 * (Salesforce Account/Opportunity/User/Partner__c, HubSpot companies/deals/owners).
 */

export type SeedPersona = 'si' | 'isv' | 'msp' | 'influence' | 'referral' | 'reseller';

export interface SeedUser {
  /** Stable key within one org, e.g. `u-0007`. */
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  /** Sales region the rep covers, e.g. `emea`. */
  region: string;
  title: string;
}

export interface SeedCompany {
  /** Stable key within one org, e.g. `c-000123`; the same real-world company has the same `entity`. */
  key: string;
  /** Real-world identity shared across orgs: two orgs' companies with one entity are the same company. */
  entity: string;
  name: string;
  /** Website as a rep typed it (may carry scheme, www, path), or undefined when unknown. */
  website: string | undefined;
  industry: string;
  country: string;
  state: string | undefined;
  city: string;
  employees: number;
  annualRevenue: number;
  /** `customer`, `prospect` or `former-customer`, as this org sees the company. */
  relationship: 'customer' | 'prospect' | 'former-customer';
  ownerKey: string;
  createdAt: Date;
}

export interface SeedOpportunity {
  key: string;
  companyKey: string;
  name: string;
  /** Neutral stage: one of SEED_STAGES. */
  stage: SeedStage;
  amount: number;
  currency: string;
  closeDate: string; // YYYY-MM-DD
  productLine: string;
  ownerKey: string;
  createdAt: Date;
}

export const SEED_STAGES = [
  'prospecting',
  'qualification',
  'proposal',
  'negotiation',
  'closed-won',
  'closed-lost',
] as const;
export type SeedStage = (typeof SEED_STAGES)[number];

/** A partner in the vendor's program (vendor orgs only). */
export interface SeedPartner {
  key: string;
  name: string;
  website: string;
  persona: SeedPersona;
  tier: 'registered' | 'silver' | 'gold' | 'platinum';
  region: string;
  certifications: string[];
  status: 'active' | 'onboarding' | 'suspended';
}

export interface SeedOrgSpec {
  /** Any integer: the same seed and sizes produce the same org, byte for byte. */
  seed: number;
  kind: 'vendor' | 'partner';
  companies: number;
  /** Opportunities per company on average (0 to a few). */
  opportunitiesPerCompany?: number;
  users?: number;
  /** Vendor orgs only: partner records in the program. */
  partners?: number;
  /** Partner orgs: share of companies that are also in the vendor universe (overlap), 0..1. */
  overlap?: number;
  /**
   * Seed of the shared world of real companies that all orgs draw from (default 1). Orgs built on one
   * universe agree on which entity is which company, each with its own spelling and website forms.
   */
  universe?: number;
  /** Partner orgs: how many companies the vendor org has, i.e. the entity range the overlap draws from. */
  vendorCompanies?: number;
}

/** A generated org: iterables, so a million companies never sit in memory at once. */
export interface SeedOrg {
  spec: SeedOrgSpec;
  users(): Iterable<SeedUser>;
  companies(): Iterable<SeedCompany>;
  opportunities(): Iterable<SeedOpportunity>;
  partners(): Iterable<SeedPartner>;
}
