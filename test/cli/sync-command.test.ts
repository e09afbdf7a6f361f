import { afterEach, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { runCosell } from '../helpers/run-cosell.js';
import { testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';
import { hubspotPairWorkspace } from '../helpers/hubspot-pair-workspace.js';

let ws: TestWorkspace | undefined;
const sandboxes: HubSpotSandbox[] = [];
afterEach(async () => {
  for (const sb of sandboxes.splice(0)) await sb.close();
  await ws?.cleanup();
  ws = undefined;
});

async function workspaceFile(vendor: HubSpotSandbox, partner: HubSpotSandbox, id: string): Promise<string> {
  return hubspotPairWorkspace(vendor, partner, { id, name: 'Sync command test', sharing: '{ share: all, fields: [name, website] }' });
}

describe('cosell sync', () => {
  it('given vendor accounts, then --dry-run prints each field it would write and writes nothing; a real pass writes them; a second dry run finds nothing', async () => {
    ws = await testWorkspace();
    const vendor = await startHubSpotSandbox();
    const partner = await startHubSpotSandbox();
    sandboxes.push(vendor, partner);
    await fetch(`${vendor.url}/crm/v3/objects/companies/batch/create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${vendor.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ properties: { name: 'Acme Corp', website: 'acme.example' } }, { properties: { name: 'Globex', website: 'globex.example' } }] }),
    });
    const file = await workspaceFile(vendor, partner, ws.id);
    const env = { VENDOR_TOKEN: vendor.accessToken, PARTNER_TOKEN: partner.accessToken };

    const dry = await runCosell(['sync', '--connection', 'vendor', '--object', 'account', '--dry-run', '-c', file], env);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would write 4 fields on 2 records (dry run: nothing written)');
    expect(dry.stdout).toMatch(/northwind companies \(new record\) \[acc_\w+\]\s+name: \(empty\) → "Acme Corp"/);
    expect(partner.portal.stores.companies.size).toBe(0);

    const real = await runCosell(['sync', '--connection', 'vendor', '--object', 'account', '-c', file], env);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('→ northwind account: wrote 2, unchanged 0, failed 0 in 1 calls');
    expect(partner.portal.stores.companies.size).toBe(2);

    const again = await runCosell(['sync', '--connection', 'vendor', '--object', 'account', '--dry-run', '-c', file], env);
    expect(again.stdout).toContain('would write 0 fields on 0 records');
  });

  it('given an unknown connection or object, then it says what it expected and exits 2', async () => {
    const result = await runCosell(['sync', '--connection', 'vendor', '--object', 'invoice', '-c', 'examples/cosell.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--object "invoice": expected one of account | opportunity');
  });

  it('given two opportunities, then cosell link links them and writes the resolved values to both sides', async () => {
    ws = await testWorkspace();
    const vendor = await startHubSpotSandbox();
    const partner = await startHubSpotSandbox();
    sandboxes.push(vendor, partner);
    const create = async (sb: HubSpotSandbox, properties: Record<string, string>): Promise<string> => {
      const response = await fetch(`${sb.url}/crm/v3/objects/deals`, { method: 'POST', headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ properties }) });
      return ((await response.json()) as { id: string }).id;
    };
    const vendorDeal = await create(vendor, { dealname: 'Globex — Security', dealstage: 'qualifiedtobuy', amount: '5000', deal_currency_code: 'EUR' });
    const partnerDeal = await create(partner, { dealname: 'globex sec', dealstage: 'qualifiedtobuy' });
    const file = await workspaceFile(vendor, partner, ws.id);
    const env = { VENDOR_TOKEN: vendor.accessToken, PARTNER_TOKEN: partner.accessToken };
    const result = await runCosell(['link', '--partner', 'northwind', '--vendor-opportunity', vendorDeal, '--partner-opportunity', partnerDeal, '-c', file], env);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^linked vendor \d+ ⇄ northwind \d+ as opp_\w+/m);
    expect(partner.portal.stores.deals.get(Number(partnerDeal))?.properties.get('dealname')).toBe('Globex — Security');
    expect(partner.portal.stores.deals.get(Number(partnerDeal))?.properties.get('amount')).toBe('5000');
    const missing = await runCosell(['link', '--partner', 'northwind', '--vendor-opportunity', '999999', '--partner-opportunity', partnerDeal, '-c', file], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('vendor opportunity 999999 was not found');
  });
});
