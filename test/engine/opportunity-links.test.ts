import { afterEach, describe, expect, it } from 'vitest';
import { linkOpportunities } from '../../src/engine/link-opportunities.js';
import type { HubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { closeHarness, drained, startHarness, syncOnce, type Harness } from '../helpers/hubspot-engine-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  if (harness) await closeHarness(harness);
  harness = undefined;
});

const T0 = Date.UTC(2025, 4, 1, 9);

async function call(sb: HubSpotSandbox, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sb.url}${path}`, { method, headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return (await response.json()) as Record<string, unknown>;
}

const deal = async (sb: HubSpotSandbox, id: string): Promise<Record<string, string | null>> =>
  (await call(sb, 'GET', `/crm/v3/objects/deals/${id}?properties=dealname,dealstage,amount,closedate`)).properties as Record<string, string | null>;

async function linkedPair(h: Harness): Promise<{ vendorId: string; partnerId: string }> {
  h.vendor.portal.clock.freeze(T0);
  h.partner.portal.clock.freeze(T0 + 60_000);
  const vendorDeal = await call(h.vendor, 'POST', '/crm/v3/objects/deals', { properties: { dealname: 'Acme — Data Platform', dealstage: 'qualifiedtobuy', amount: '100000', deal_currency_code: 'USD', closedate: '2025-06-30' } });
  const partnerDeal = await call(h.partner, 'POST', '/crm/v3/objects/deals', { properties: { dealname: 'ACME data platform (partner)', dealstage: 'presentationscheduled', amount: '120000', deal_currency_code: 'USD' } });
  const ids = { vendorId: String(vendorDeal.id), partnerId: String(partnerDeal.id) };
  await linkOpportunities(h.runtime, { partnerId: 'northwind', vendorCrmId: ids.vendorId, partnerCrmId: ids.partnerId, jobId: 'test' }, async (targets) => {
    for (const target of targets) await h.runtime.writeBack.add('flush', target);
  });
  await drained(h);
  return ids;
}

describe('linked co-sell opportunities', () => {
  it('given a vendor and a partner opportunity linked, then each two-way field takes the value its precedence rule picks, on both sides', async () => {
    const h = (harness = await startHarness());
    const { vendorId, partnerId } = await linkedPair(h);
    const vendor = await deal(h.vendor, vendorId);
    const partner = await deal(h.partner, partnerId);
    // Linked records are updated in place: no copies created on either side.
    expect(h.vendor.portal.stores.deals.size).toBe(1);
    expect(h.partner.portal.stores.deals.size).toBe(1);
    // name: the vendor is the source of truth.
    expect(partner.dealname).toBe('Acme — Data Platform');
    expect(vendor.dealname).toBe('Acme — Data Platform');
    // stage and amount: most recent wins, and the partner's record is newer.
    expect(vendor.dealstage).toBe('presentationscheduled');
    expect(vendor.amount).toBe('120000');
    // close date: most recent wins, but only the vendor has one (a blank never overwrites a value here).
    expect(partner.closedate?.slice(0, 10)).toBe('2025-06-30');
  });

  it('given a field edited on both sides, then the later edit wins on both, and our own writes read back cause no further write', async () => {
    const h = (harness = await startHarness());
    const { vendorId, partnerId } = await linkedPair(h);
    h.partner.portal.clock.freeze(T0 + 3_600_000);
    await call(h.partner, 'PATCH', `/crm/v3/objects/deals/${partnerId}`, { properties: { dealstage: 'decisionmakerboughtin' } });
    h.vendor.portal.clock.freeze(T0 + 7_200_000);
    await call(h.vendor, 'PATCH', `/crm/v3/objects/deals/${vendorId}`, { properties: { dealstage: 'contractsent' } });
    await syncOnce(h, 'northwind', 'opportunity');
    await syncOnce(h, 'vendor', 'opportunity');
    expect((await deal(h.partner, partnerId)).dealstage).toBe('contractsent');
    expect((await deal(h.vendor, vendorId)).dealstage).toBe('contractsent');

    // Read both sides again: the values we wrote come back, and nothing more is written.
    const writtenBefore = (await h.runtime.stores.runs.latest(100)).reduce((n, r) => n + r.counts.written, 0);
    await syncOnce(h, 'northwind', 'opportunity');
    await syncOnce(h, 'vendor', 'opportunity');
    const writtenAfter = (await h.runtime.stores.runs.latest(100)).reduce((n, r) => n + r.counts.written, 0);
    expect(writtenAfter).toBe(writtenBefore);
  });
});
