import { afterEach, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/queues/job-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { hubspotPairWorkspace } from '../helpers/hubspot-pair-workspace.js';
import { spawnCosell, type LongRunningCosell } from '../helpers/spawn-cosell.js';
import { testWorkspace, waitFor, type TestWorkspace } from '../helpers/test-redis.js';

let ws: TestWorkspace | undefined;
const sandboxes: HubSpotSandbox[] = [];
const processes: LongRunningCosell[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const sb of sandboxes.splice(0)) await sb.close();
  await ws?.cleanup();
  ws = undefined;
});

async function createCompanies(crm: HubSpotSandbox, companies: { name: string; domain: string }[]): Promise<void> {
  const inputs = companies.map((c) => ({ properties: { name: c.name, domain: c.domain, website: `https://www.${c.domain}/` } }));
  const response = await fetch(`${crm.url}/crm/v3/objects/companies/batch/create`, { method: 'POST', headers: { authorization: `Bearer ${crm.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ inputs }) });
  expect(response.status).toBe(201);
}

describe('cosell worker', () => {
  it('given a vendor and a partner with one company in common, when both are read, then the worker runs account mapping and writes the overlap into both CRMs', async () => {
    ws = await testWorkspace();
    const vendor = await startHubSpotSandbox();
    const partner = await startHubSpotSandbox();
    sandboxes.push(vendor, partner);
    await createCompanies(vendor, [{ name: 'Zentrix Logistics', domain: 'zentrix-logistics.com' }, { name: 'Harbor Blue Analytics', domain: 'harborblue.io' }]);
    await createCompanies(partner, [{ name: 'Zentrix Logistics GmbH', domain: 'zentrix-logistics.com' }, { name: 'Quillon Foods', domain: 'quillonfoods.com' }]);
    const worker = spawnCosell(['worker', '-c', await hubspotPairWorkspace(vendor, partner, { id: ws.id, name: 'Worker account mapping', vendorName: 'Acme Cloud', sharing: '{ share: overlaps, fields: [relationship] }', logLevel: 'info' })], { VENDOR_TOKEN: vendor.accessToken, PARTNER_TOKEN: partner.accessToken });
    processes.push(worker);
    const started = await worker.waitForLog('worker started');
    expect(started.queues).toEqual(expect.arrayContaining(['ingest', 'write-back', 'match']));
    const ingest = new JobQueue(ingestQueue, ws.connection);
    try {
      await ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
      await ingest.add('poll', { connectionId: 'northwind', object: 'account', trigger: 'manual' });
      const byName = (crm: HubSpotSandbox, name: string) => [...crm.portal.stores.companies.all()].find((c) => c.properties.get('name') === name);
      await waitFor(() => Promise.resolve(byName(partner, 'Zentrix Logistics GmbH')?.properties.get('cosell_overlap') === 'true' ? true : undefined), { what: 'the overlap written to the partner', timeoutMs: 60_000, intervalMs: 100 });
      await waitFor(() => Promise.resolve((byName(vendor, 'Zentrix Logistics')?.properties.get('cosell_partners') ?? '').includes('Northwind') ? true : undefined), { what: 'the partner written to the vendor account', timeoutMs: 30_000, intervalMs: 100 });
      expect(byName(partner, 'Quillon Foods')?.properties.get('cosell_overlap') ?? '').not.toBe('true');
      expect(byName(vendor, 'Harbor Blue Analytics')?.properties.get('cosell_partners') ?? '').toBe('');
      // Nothing of the vendor's other accounts was copied to a partner sharing only overlaps.
      expect(partner.portal.stores.companies.size).toBe(2);
    } finally {
      await ingest.close();
    }
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 120_000);
});
