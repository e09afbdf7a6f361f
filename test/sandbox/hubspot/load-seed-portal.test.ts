import { Client } from '@hubspot/api-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../../src/sandbox/hubspot/hubspot-sandbox.js';
import { loadSeedPortal } from '../../../src/sandbox/hubspot/load-seed-portal.js';
import { generateSeedOrg } from '../../../src/sandbox/seed/generate-seed-org.js';

let sandbox: HubSpotSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('HubSpot seed loader', () => {
  it('given a seed org, then owners, companies and deals associated with their company read back through the client', async () => {
    sandbox = await startHubSpotSandbox();
    const seed = generateSeedOrg({ seed: 4, kind: 'partner', companies: 150, users: 5, opportunitiesPerCompany: 1 });
    const summary = await loadSeedPortal(sandbox, seed);
    expect(summary).toEqual({ owners: 5, companies: 150, deals: [...seed.opportunities()].length });
    const client = new Client({ accessToken: sandbox.accessToken, basePath: sandbox.url });
    const page = await client.crm.companies.basicApi.getPage(100, undefined, ['name', 'domain', 'industry', 'lifecyclestage', 'hubspot_owner_id', 'seed_key']);
    expect(page.results).toHaveLength(100);
    const expected = [...seed.companies()][0];
    const loaded = page.results.find((c) => c.properties.seed_key === expected?.key);
    expect(loaded?.properties.name).toBe(expected?.name);
    expect(loaded?.properties.lifecyclestage).toMatch(/customer|opportunity|other/);
    const owners = await client.crm.owners.ownersApi.getPage();
    expect(owners.results.map((o) => o.id)).toContain(loaded?.properties.hubspot_owner_id);
    const firstDeal = [...seed.opportunities()][0];
    const dealId = String(sandbox.portal.stores.deals.getByUnique('seed_key', firstDeal?.key ?? '')?.id);
    const deal = await client.crm.deals.basicApi.getById(dealId, ['dealname', 'dealstage', 'amount']);
    expect(deal.properties.dealname).toBe(firstDeal?.name);
    const companies = await client.crm.associations.v4.basicApi.getPage('deals', dealId, 'companies');
    const owner = sandbox.portal.stores.companies.getByUnique('seed_key', firstDeal?.companyKey ?? '');
    expect(companies.results.map((a) => Number(a.toObjectId))).toEqual([owner?.id]);
  });
});
