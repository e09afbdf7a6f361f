import { describe, expect, it } from 'vitest';
import type { SeedCompany, SeedOpportunity, SeedOrg, SeedPartner, SeedUser } from '../../../src/sandbox/seed/seed-types.js';
import { loadSeedOrg } from '../../../src/sandbox/salesforce/load-seed-org.js';
import { DescribeSObject } from './documented-shapes.js';
import { oauthConnection, sandbox } from './sandbox-fixture.js';

const USERS: SeedUser[] = [
  { key: 'u-1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@vendor.example', region: 'emea', title: 'Account Executive' },
  { key: 'u-2', firstName: 'Grace', lastName: 'Hopper', email: 'grace@vendor.example', region: 'amer', title: 'Regional VP' },
];

function company(index: number, overrides: Partial<SeedCompany> = {}): SeedCompany {
  return {
    key: `c-${index}`,
    entity: `e-${index}`,
    name: `Company ${index}`,
    website: `https://www.company${index}.example/about`,
    industry: 'Technology',
    country: 'United States',
    state: 'CA',
    city: 'San Francisco',
    employees: 100 * index,
    annualRevenue: 1_000_000 * index,
    relationship: 'customer',
    ownerKey: 'u-1',
    createdAt: new Date(Date.UTC(2023, 5, index)),
    ...overrides,
  };
}

const OPPORTUNITIES: SeedOpportunity[] = [
  { key: 'o-1', companyKey: 'c-2', name: 'Company 2 expansion', stage: 'negotiation', amount: 125000.5, currency: 'USD', closeDate: '2024-09-30', productLine: 'Analytics', ownerKey: 'u-2', createdAt: new Date(Date.UTC(2024, 0, 2)) },
  { key: 'o-2', companyKey: 'c-1', name: 'Company 1 quantum', stage: 'closed-won', amount: 5000, currency: 'USD', closeDate: '2024-03-31', productLine: 'Quantum', ownerKey: 'u-9', createdAt: new Date(Date.UTC(2024, 0, 3)) },
];

const PARTNERS: SeedPartner[] = [
  { key: 'p-1', name: 'Cloudworks', website: 'https://cloudworks.example', persona: 'si', tier: 'gold', region: 'emea', certifications: ['Migration', 'Kubernetes'], status: 'active' },
];

/** A SeedOrg built by hand; companies come from a generator, so nothing is held in an array. */
function seedOrg(companies: number): { org: SeedOrg; produced: () => number } {
  let produced = 0;
  const org: SeedOrg = {
    spec: { seed: 7, kind: 'vendor', companies },
    users: () => USERS,
    *companies() {
      for (let i = 1; i <= companies; i += 1) {
        produced += 1;
        yield i === 3 ? company(i, { website: undefined, state: undefined, relationship: 'former-customer', industry: 'Space Mining' }) : company(i, { relationship: i % 2 === 0 ? 'prospect' : 'customer' });
      }
    },
    opportunities: () => OPPORTUNITIES,
    partners: () => PARTNERS,
  };
  return { org, produced: () => produced };
}

describe('loading a seed org into the Salesforce sandbox', () => {
  it('given a small seed org, when it is loaded, then users, accounts, opportunities and partners appear as a rep would see them', async () => {
    const target = await sandbox();
    const { org, produced } = seedOrg(5);
    const summary = await loadSeedOrg(target.org, org, { chunkSize: 2 });
    expect(summary).toEqual({ users: 2, accounts: 5, opportunities: 2, partners: 1 });
    expect(produced()).toBe(5);
    const conn = await oauthConnection(target);

    const accounts = await conn.query(
      'SELECT Name, Website, Industry, BillingCountry, BillingState, BillingCity, NumberOfEmployees, AnnualRevenue, Type, Owner.Email, CreatedDate, LastModifiedDate, Seed_Key__c FROM Account ORDER BY Name',
    );
    expect(accounts.records[0]).toMatchObject({
      Name: 'Company 1',
      Website: 'https://www.company1.example/about',
      Industry: 'Technology',
      BillingCountry: 'United States',
      BillingState: 'CA',
      BillingCity: 'San Francisco',
      NumberOfEmployees: 100,
      AnnualRevenue: 1_000_000,
      Type: 'Customer - Direct',
      Owner: { Email: 'ada@vendor.example' },
      CreatedDate: '2023-06-01T00:00:00.000+0000',
      LastModifiedDate: '2023-06-01T00:00:00.000+0000',
      Seed_Key__c: 'c-1',
    });
    expect(accounts.records[1]).toMatchObject({ Type: 'Prospect' });
    expect(accounts.records[2]).toMatchObject({ Website: null, BillingState: null, Type: 'Former Customer', Industry: 'Space Mining' });

    const opportunities = await conn.query('SELECT Name, Account.Name, StageName, Amount, CloseDate, Product_Line__c, Owner.Email, IsWon FROM Opportunity ORDER BY Name');
    expect(opportunities.records).toMatchObject([
      { Name: 'Company 1 quantum', Account: { Name: 'Company 1' }, StageName: 'Closed Won', IsWon: true, Product_Line__c: 'Quantum', Owner: { Email: target.credentials.username } },
      { Name: 'Company 2 expansion', Account: { Name: 'Company 2' }, StageName: 'Negotiation/Review', Amount: 125000.5, CloseDate: '2024-09-30', Owner: { Email: 'grace@vendor.example' } },
    ]);

    const [partner] = (await conn.query('SELECT Name, Website__c, Persona__c, Tier__c, Region__c, Certifications__c, Status__c FROM Partner__c')).records;
    expect(partner).toMatchObject({ Name: 'Cloudworks', Website__c: 'https://cloudworks.example', Persona__c: 'SI', Tier__c: 'Gold', Region__c: 'EMEA', Certifications__c: 'Migration;Kubernetes', Status__c: 'Active' });

    const users = await conn.query("SELECT Username, Name, Title, Sales_Region__c FROM User WHERE Username LIKE '%@vendor.example' ORDER BY Username");
    expect(users.records).toMatchObject([
      { Username: 'ada@vendor.example', Name: 'Ada Lovelace', Title: 'Account Executive', Sales_Region__c: 'emea' },
      { Username: 'grace@vendor.example', Name: 'Grace Hopper', Sales_Region__c: 'amer' },
    ]);

    const productLine = DescribeSObject.parse(await conn.sobject('Opportunity').describe()).fields.find((field) => field.name === 'Product_Line__c');
    expect(productLine?.picklistValues.map((entry) => entry.value)).toContain('Quantum');
    expect(productLine?.restrictedPicklist).toBe(true);
  });

  it('given an opportunity of a company that was not loaded, when the org is loaded, then loading stops naming the record', async () => {
    const target = await sandbox();
    const { org } = seedOrg(1);
    await expect(loadSeedOrg(target.org, org)).rejects.toThrow('seed opportunity o-1 names company c-2, which was not loaded');
  });
});
