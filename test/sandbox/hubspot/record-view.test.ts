import { afterEach, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../../src/sandbox/hubspot/hubspot-sandbox.js';
import { createRecord } from '../../../src/sandbox/hubspot/record-writes.js';

let sandbox: HubSpotSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('HubSpot sandbox record view', () => {
  it('given a company with markup in its name, an owner and a deal, then its page shows them escaped, by label, with the association', async () => {
    sandbox = await startHubSpotSandbox();
    const { portal } = sandbox;
    portal.owners.push({ id: '77', email: 'ana@vendor.example', firstName: 'Ana', lastName: 'Silva', userId: 1, createdAt: '', updatedAt: '', archived: false });
    const company = createRecord(portal, portal.stores.companies, { name: '<script>alert(1)</script> & Co', hubspot_owner_id: '77', domain: 'co.example' });
    const deal = createRecord(portal, portal.stores.deals, { dealname: 'Big deal', dealstage: 'qualifiedtobuy', pipeline: 'default' });
    portal.associate('companies', company.id, 'deals', deal.id);
    const html = await (await fetch(`${sandbox.url}/sandbox/records/companies/${String(company.id)}`)).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).toContain('Ana Silva &lt;ana@vendor.example&gt;');
    expect(html).toContain(`<a href="/sandbox/records/deals/${String(deal.id)}">Big deal</a>`);
    const index = await (await fetch(`${sandbox.url}/sandbox`)).text();
    expect(index).toMatch(/Companies<\/a><\/td><td>1</);
    expect((await fetch(`${sandbox.url}/sandbox/records/tickets`)).status).toBe(404);
  });
});
