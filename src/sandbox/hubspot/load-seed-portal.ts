import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { SeedCompany, SeedOrg, SeedStage } from '../seed/seed-types.js';
import type { HubSpotPortal } from './hubspot-portal.js';
import { customProperty, type INDUSTRIES } from './property-catalog.js';
import { createRecord } from './record-writes.js';

export interface PortalSeedSummary {
  owners: number;
  companies: number;
  deals: number;
}

/** Seed industries → HubSpot's industry options. */
const INDUSTRY: Record<string, (typeof INDUSTRIES)[number]> = {
  Technology: 'COMPUTER_SOFTWARE',
  Retail: 'RETAIL',
  Finance: 'FINANCIAL_SERVICES',
  Healthcare: 'HOSPITAL_HEALTH_CARE',
  Manufacturing: 'CONSUMER_GOODS',
  Energy: 'OIL_ENERGY',
  Education: 'EDUCATION_MANAGEMENT',
  Transportation: 'LOGISTICS_AND_SUPPLY_CHAIN',
  Media: 'MEDIA_PRODUCTION',
  Telecommunications: 'TELECOMMUNICATIONS',
  Insurance: 'INSURANCE',
  Construction: 'CONSTRUCTION',
  Hospitality: 'HOSPITALITY',
  Biotechnology: 'BIOTECHNOLOGY',
  Consulting: 'MANAGEMENT_CONSULTING',
  'Food & Beverage': 'FOOD_BEVERAGES',
};

/** How a HubSpot portal types a company by its relationship (lifecycle stage). */
const LIFECYCLE: Record<SeedCompany['relationship'], string> = { customer: 'customer', prospect: 'opportunity', 'former-customer': 'other' };

/** Neutral stages → the default pipeline's deal stages. */
export const DEAL_STAGE_IDS: Record<SeedStage, string> = {
  prospecting: 'appointmentscheduled',
  qualification: 'qualifiedtobuy',
  proposal: 'presentationscheduled',
  negotiation: 'contractsent',
  'closed-won': 'closedwon',
  'closed-lost': 'closedlost',
};

/** Records written before the event loop gets a turn (the portal keeps serving while it loads). */
const CHUNK = 2_000;

/**
 * Streams a seed org into a sandbox portal: users → owners, companies → companies, opportunities → deals
 * associated with their company. A `seed_key` property (unique) links them, as the Salesforce loader uses
 * Seed_Key__c, so nothing is kept in memory per record; records carry the seed's creation times.
 */
export async function loadSeedPortal(target: { portal: HubSpotPortal }, seed: SeedOrg): Promise<PortalSeedSummary> {
  const { portal } = target;
  for (const type of ['companies', 'deals'] as const) {
    if (!portal.stores[type].definitions.has('seed_key')) portal.stores[type].addProperty(customProperty({ name: 'seed_key', type: 'string', label: 'Seed key', hasUniqueValue: true }));
  }
  const summary: PortalSeedSummary = { owners: 0, companies: 0, deals: 0 };
  const ownerIds = new Map<string, string>();
  for (const user of seed.users()) {
    const id = String(portal.nextId());
    const at = new Date(portal.clock.now()).toISOString();
    portal.owners.push({ id, email: user.email, firstName: user.firstName, lastName: user.lastName, userId: portal.nextId(), createdAt: at, updatedAt: at, archived: false });
    ownerIds.set(user.key, id);
    summary.owners += 1;
  }
  for (const company of seed.companies()) {
    const record = createRecord(portal, portal.stores.companies, {
      name: company.name,
      domain: domainOf(company.website),
      website: company.website ?? null,
      industry: INDUSTRY[company.industry] ?? null,
      country: company.country,
      state: company.state ?? null,
      city: company.city,
      numberofemployees: company.employees,
      annualrevenue: company.annualRevenue,
      lifecyclestage: LIFECYCLE[company.relationship],
      hubspot_owner_id: ownerIds.get(company.ownerKey) ?? null,
      seed_key: company.key,
    });
    record.createdAt = company.createdAt.getTime();
    record.properties.set('createdate', company.createdAt.toISOString());
    summary.companies += 1;
    if (summary.companies % CHUNK === 0) await yieldToEventLoop();
  }
  for (const opportunity of seed.opportunities()) {
    const company = portal.stores.companies.getByUnique('seed_key', opportunity.companyKey);
    if (!company) throw new Error(`seed deal ${opportunity.key} names company ${opportunity.companyKey}, which was not loaded`);
    const deal = createRecord(portal, portal.stores.deals, {
      dealname: opportunity.name,
      amount: opportunity.amount,
      deal_currency_code: opportunity.currency,
      dealstage: DEAL_STAGE_IDS[opportunity.stage],
      pipeline: 'default',
      closedate: `${opportunity.closeDate}T00:00:00.000Z`,
      product_line: opportunity.productLine,
      hubspot_owner_id: ownerIds.get(opportunity.ownerKey) ?? null,
      seed_key: opportunity.key,
    });
    portal.associate('companies', company.id, 'deals', deal.id);
    summary.deals += 1;
    if (summary.deals % CHUNK === 0) await yieldToEventLoop();
  }
  return summary;
}

/** The host of a typed website, as HubSpot fills `domain` (without scheme, www or path). */
function domainOf(website: string | undefined): string | null {
  if (website === undefined) return null;
  try {
    return new URL(/^https?:\/\//.test(website) ? website : `https://${website}`).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
