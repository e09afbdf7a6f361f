import type { HubSpotSandbox } from '../sandbox/hubspot/hubspot-sandbox.js';
import { loadSeedPortal } from '../sandbox/hubspot/load-seed-portal.js';
import { customProperty } from '../sandbox/hubspot/property-catalog.js';
import { loadSeedOrg } from '../sandbox/salesforce/load-seed-org.js';
import type { SalesforceSandbox } from '../sandbox/salesforce/salesforce-sandbox.js';
import { generateSeedOrg } from '../sandbox/seed/generate-seed-org.js';
import type { SeedOrgSpec } from '../sandbox/seed/seed-types.js';

export interface DemoSeedSummary {
  vendor: string;
  northwind: string;
  globex: string;
}

const UNIVERSE = 1;

/**
 * The demo's data: a vendor org and two partner orgs drawn from one world of companies, so part of each
 * partner's accounts are the vendor's accounts, spelled and typed the way each org's reps would.
 */
/** The demo's three orgs: one vendor and two partners on one universe, 40% the vendor's size, 35% and 25% overlap. */
export function demoSeedSpecs(options: { companies: number; seed: number }): { vendor: SeedOrgSpec; northwind: SeedOrgSpec; globex: SeedOrgSpec } {
  const partnerCompanies = Math.max(1, Math.round(options.companies * 0.4));
  const partner = (seed: number, overlap: number): SeedOrgSpec => ({ seed, kind: 'partner', companies: partnerCompanies, opportunitiesPerCompany: 0.8, users: Math.max(2, Math.ceil(partnerCompanies / 100)), overlap, universe: UNIVERSE, vendorCompanies: options.companies });
  return {
    vendor: { seed: options.seed, kind: 'vendor', companies: options.companies, opportunitiesPerCompany: 1.2, users: Math.max(3, Math.ceil(options.companies / 100)), partners: 12, universe: UNIVERSE },
    northwind: partner(options.seed + 1, 0.35),
    globex: partner(options.seed + 2, 0.25),
  };
}

export async function seedDemoOrgs(
  sandboxes: { vendor: SalesforceSandbox; northwind: HubSpotSandbox; globex: SalesforceSandbox },
  options: { companies: number; seed: number },
): Promise<DemoSeedSummary> {
  const specs = demoSeedSpecs(options);
  const vendor = await loadSeedOrg(sandboxes.vendor.org, generateSeedOrg(specs.vendor));
  const northwind = await loadSeedPortal(sandboxes.northwind, generateSeedOrg(specs.northwind));
  const globex = await loadSeedOrg(sandboxes.globex.org, generateSeedOrg(specs.globex));
  addDirectoryAndProgramFields(sandboxes);
  const describe = (s: { accounts?: number; companies?: number; opportunities?: number; deals?: number }, accounts: string, opportunities: string): string =>
    `${(s.accounts ?? s.companies ?? 0).toLocaleString('en-US')} ${accounts}, ${(s.opportunities ?? s.deals ?? 0).toLocaleString('en-US')} ${opportunities}`;
  return {
    vendor: `${describe(vendor, 'accounts', 'opportunities')}, ${vendor.partners.toLocaleString('en-US')} partner records`,
    northwind: describe(northwind, 'companies', 'deals'),
    globex: describe(globex, 'accounts', 'opportunities'),
  };
}

/**
 * What the vendor's and partners' admins set up once: the two demo partners in the vendor's partner
 * directory, and the program fields on the partners' accounts (where each sees its standing).
 */
function addDirectoryAndProgramFields(sandboxes: { vendor: SalesforceSandbox; northwind: HubSpotSandbox; globex: SalesforceSandbox }): void {
  const { vendor, northwind, globex } = sandboxes;
  vendor.store.create('Partner__c', { Name: 'Northwind Consulting', Website__c: 'https://www.northwind-consulting.example/', Persona__c: 'SI', Tier__c: 'Gold', Region__c: 'EMEA', Certifications__c: 'Cloud Architect;Migration Partner', Status__c: 'Active' });
  vendor.store.create('Partner__c', { Name: 'Globex Software', Website__c: 'https://www.globex.example/', Persona__c: 'ISV', Tier__c: 'Platinum', Region__c: 'AMER', Certifications__c: 'Data Platform', Status__c: 'Active' });
  for (const [name, label] of [['Cosell_Program_Persona__c', 'Program Persona'], ['Cosell_Program_Tier__c', 'Program Tier'], ['Cosell_Program_Status__c', 'Program Status'], ['Cosell_Program_Certifications__c', 'Program Certifications']] as const) {
    globex.schema.addField('Account', { name, type: 'string', label, length: 255 });
  }
  for (const name of ['cosell_program_persona', 'cosell_program_tier', 'cosell_program_status', 'cosell_program_certifications']) {
    northwind.portal.stores.companies.addProperty(customProperty({ name, type: 'string', label: name.replace(/_/g, ' '), groupName: 'cosell' }));
  }
}
