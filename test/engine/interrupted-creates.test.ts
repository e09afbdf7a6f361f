import { afterEach, describe, expect, it } from 'vitest';
import type { CrmConnector } from '../../connectors/shared/crm-connector.js';
import { linkOpportunities } from '../../src/engine/link-opportunities.js';
import type { HubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { canonicalIdFor } from '../../src/state/canonical-ids.js';
import { closeHarness, drained, seedVendor, startHarness, syncOnce, type Harness } from '../helpers/hubspot-engine-harness.js';
import { waitFor } from '../helpers/test-redis.js';

// DESIGN §4, "nothing leaked": a copy the engine created in a partner CRM goes when its vendor record goes,
// even when the write that created it was interrupted after the partner had made it and before the engine
// committed that (a worker killed, Redis lost, the answer lost and the job retried). The retry finds the copy
// by its external id and the partner answers "updated", not "created".

let harness: Harness | undefined;
afterEach(async () => {
  if (harness) await closeHarness(harness);
  harness = undefined;
});

const live = (h: Harness, which: 'vendor' | 'partner') => [...h[which].portal.stores.companies.all()].filter((c) => !c.archived);

async function archiveVendorCompany(h: Harness, name: string): Promise<void> {
  const id = live(h, 'vendor').find((c) => c.properties.get('name') === name)?.id;
  const response = await fetch(`${h.vendor.url}/crm/v3/objects/companies/${String(id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${h.vendor.accessToken}` } });
  expect(response.status).toBe(204);
}

/**
 * The partner's first upsert goes through, then the engine never learns its outcome: the job fails right
 * after the partner made the records, before anything about them reaches Redis, and BullMQ retries it.
 */
function loseFirstUpsertAnswer(connector: CrmConnector): { lost: () => boolean } {
  const upsert = connector.upsert.bind(connector);
  let lost = false;
  connector.upsert = async (...args) => {
    const outcomes = await upsert(...args);
    if (!lost) {
      lost = true;
      throw new Error('worker lost after the partner wrote the batch, before the commit');
    }
    return outcomes;
  };
  return { lost: () => lost };
}

async function createDeal(sb: HubSpotSandbox, properties: Record<string, string>): Promise<string> {
  const response = await fetch(`${sb.url}/crm/v3/objects/deals`, { method: 'POST', headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ properties }) });
  return ((await response.json()) as { id: string }).id;
}

async function pollOnce(h: Harness, connectionId: string): Promise<void> {
  const jobId = await h.ingest.add('poll', { connectionId, object: 'account', trigger: 'manual' });
  await waitFor(async () => (await h.ingest.queue.getJobState(jobId)) === 'completed', { what: `${connectionId} ingest pass`, timeoutMs: 30_000 });
}

describe('copies created by an interrupted write', () => {
  it('given the partner created the copies but the write was interrupted before its commit, when the retry finds them by external id, then they are still deleted with their vendor accounts', async () => {
    const h = (harness = await startHarness());
    await seedVendor(h.vendor, 3);
    const interruption = loseFirstUpsertAnswer(h.runtime.connectors.get('northwind'));
    await syncOnce(h);
    expect(interruption.lost()).toBe(true);
    expect(live(h, 'partner')).toHaveLength(3);

    await archiveVendorCompany(h, 'Company 1');
    await syncOnce(h);
    const names = live(h, 'partner').map((c) => c.properties.get('name'));
    expect(names.sort()).toEqual(['Company 0', 'Company 2']);
    // The retry settled what the interrupted attempt had left open.
    expect(await h.runtime.stores.createIntents.openIds('northwind', 'companies')).toEqual([]);
  }, 30_000);

  it('given the interrupted copies read back from the partner before the retry, when the retry has nothing left to write, then they are still deleted with their vendor accounts', async () => {
    const h = (harness = await startHarness());
    await seedVendor(h.vendor, 3);
    const interruption = loseFirstUpsertAnswer(h.runtime.connectors.get('northwind'));
    // The write-back retry waits at its first read of the waiting list until the partner's copies are read back.
    const pending = h.runtime.stores.pending;
    const peek = pending.peek.bind(pending);
    let readBack: () => void = () => undefined;
    const partnerRead = new Promise<void>((resolve) => {
      readBack = resolve;
    });
    pending.peek = async (...args) => {
      if (interruption.lost() && args[0] === 'northwind') await partnerRead;
      return peek(...args);
    };

    const jobId = await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
    await waitFor(async () => (await h.ingest.queue.getJobState(jobId)) === 'completed', { what: 'vendor ingest pass', timeoutMs: 30_000 });
    await waitFor(() => Promise.resolve(interruption.lost()), { what: 'the interrupted write' });
    await pollOnce(h, 'northwind');
    // The copies are linked now: the retry sees the partner already holds their values.
    const copies = live(h, 'partner');
    expect(copies).toHaveLength(3);
    expect(await h.runtime.stores.links.canonicalIds('northwind', 'companies', 'account', copies.map((c) => String(c.id)))).not.toContain(undefined);
    readBack();
    await drained(h);
    expect(live(h, 'partner')).toHaveLength(3);

    await archiveVendorCompany(h, 'Company 2');
    await syncOnce(h);
    const names = live(h, 'partner').map((c) => c.properties.get('name'));
    expect(names.sort()).toEqual(['Company 0', 'Company 1']);
  }, 30_000);

  it("given a partner's own opportunity linked to a vendor one, even with an interrupted create left open for it and its first write interrupted, when the vendor opportunity is deleted, then the partner's opportunity stays", async () => {
    const h = (harness = await startHarness());
    const vendorId = await createDeal(h.vendor, { dealname: 'Acme — Data Platform', dealstage: 'qualifiedtobuy', amount: '100000', deal_currency_code: 'USD', closedate: '2025-06-30' });
    const partnerId = await createDeal(h.partner, { dealname: 'ACME data platform (partner)', dealstage: 'presentationscheduled', amount: '120000', deal_currency_code: 'USD' });
    // An earlier attempt to create a copy of the vendor opportunity in the partner CRM never settled.
    const canonicalId = canonicalIdFor('opportunity', 'vendor', 'deals', vendorId);
    await h.runtime.stores.createIntents.open('northwind', 'deals', [canonicalId]);
    const interruption = loseFirstUpsertAnswer(h.runtime.connectors.get('northwind'));

    await linkOpportunities(h.runtime, { partnerId: 'northwind', vendorCrmId: vendorId, partnerCrmId: partnerId, jobId: 'test' }, async (targets) => {
      for (const target of targets) await h.runtime.writeBack.add('flush', target);
    });
    await drained(h);
    expect(interruption.lost()).toBe(true);
    const partnerDeal = h.partner.portal.stores.deals.get(Number(partnerId));
    // Written by its CRM id and given our external id: linked, not made by the engine.
    expect(partnerDeal?.properties.get('cosell_id')).toBe(canonicalId);
    expect(partnerDeal?.properties.get('dealname')).toBe('Acme — Data Platform');
    expect(await h.runtime.stores.tombstones.wasCreated('northwind', 'deals', [canonicalId])).toEqual([false]);
    expect(await h.runtime.stores.createIntents.openIds('northwind', 'deals')).toEqual([]);
    // Read back from the partner, it is known already: not taken for a copy of ours either.
    await syncOnce(h, 'northwind', 'opportunity');
    expect(await h.runtime.stores.tombstones.wasCreated('northwind', 'deals', [canonicalId])).toEqual([false]);

    const response = await fetch(`${h.vendor.url}/crm/v3/objects/deals/${vendorId}`, { method: 'DELETE', headers: { authorization: `Bearer ${h.vendor.accessToken}` } });
    expect(response.status).toBe(204);
    await syncOnce(h, 'vendor', 'opportunity');
    expect(await h.runtime.stores.tombstones.get('opportunity', 'vendor', canonicalId)).toBeDefined();
    expect(h.partner.portal.stores.deals.get(Number(partnerId))?.archived).toBe(false);
    expect(h.partner.portal.stores.deals.size).toBe(1);
  }, 30_000);
});
