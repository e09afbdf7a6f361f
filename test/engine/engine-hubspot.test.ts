import { afterEach, describe, expect, it } from 'vitest';
import { closeHarness, seedVendor, startHarness, syncOnce, type Harness } from '../helpers/hubspot-engine-harness.js';
import { waitFor } from '../helpers/test-redis.js';

let harness: Harness | undefined;
afterEach(async () => {
  if (harness) await closeHarness(harness);
  harness = undefined;
});

async function setup(): Promise<Harness> {
  harness = await startHarness();
  return harness;
}

describe('sync engine, HubSpot vendor to HubSpot partner', () => {
  it('given 150 vendor accounts shared with a partner, then the partner gets them with the allowed fields, and a re-run writes nothing', async () => {
    const h = await setup();
    await seedVendor(h.vendor, 150);
    await syncOnce(h);
    const partnerCompanies = [...h.partner.portal.stores.companies.all()];
    expect(partnerCompanies).toHaveLength(150);
    const sample = partnerCompanies.find((c) => c.properties.get('name') === 'Company 7');
    expect(sample?.properties.get('website')).toBe('https://www.c7.example/');
    expect(sample?.properties.get('cosell_id')).toMatch(/^acc_/);
    // Not in the sharing allowlist or not written by the mapping: never sent.
    expect(sample?.properties.has('domain')).toBe(false);
    const stamps = partnerCompanies.map((c) => c.updatedAt);
    // The vendor's records are linked by their documents (record-links.ts): the crosswalk holds only the copies.
    expect((await h.runtime.stores.crosswalk.entries('vendor', 'companies')).size).toBe(0);
    expect((await h.runtime.stores.crosswalk.entries('northwind', 'companies')).size).toBe(150);
    expect((await h.runtime.stores.links.entries('vendor', 'companies', 'account')).size).toBe(150);

    await h.runtime.stores.cursors.reset('vendor', 'account'); // read everything again
    await syncOnce(h);
    expect([...h.partner.portal.stores.companies.all()].map((c) => c.updatedAt)).toEqual(stamps);
    const runs = await h.runtime.stores.runs.latest(10);
    const writes = runs.filter((r) => r.trigger === 'write-back');
    expect(writes.reduce((n, r) => n + r.counts.written, 0)).toBe(150);
  });

  it('given one vendor account the partner refuses, then the others are written and that one is parked with the CRM code; replay after the fix writes it', async () => {
    const h = await setup();
    await seedVendor(h.vendor, 99);
    // A value the partner portal refuses (written straight into the vendor's store, as an old import might).
    const vendorStore = h.vendor.portal.stores.companies;
    vendorStore.create(h.vendor.portal.nextId(), new Map([['name', 'Odd Industry Inc'], ['industry', 'SPACE_PIRACY']]), h.vendor.portal.clock);
    await syncOnce(h);
    expect(h.partner.portal.stores.companies.size).toBe(99);
    const [letter] = await h.runtime.deadLetters.list();
    expect(letter).toMatchObject({ queue: 'write-back', error: { crmCode: 'INVALID_OPTION' }, payload: { connectionId: 'northwind', object: 'account' } });

    // The partner adds the option; the admin replays the entry.
    const property = h.partner.portal.stores.companies.definitions.get('industry');
    property?.options.push({ label: 'Space piracy', value: 'SPACE_PIRACY', displayOrder: 99, hidden: false });
    const { replayDeadLetter } = await import('../../src/queues/replay-dead-letter.js');
    await replayDeadLetter(h.runtime.deadLetters, letter?.id ?? '', h.ws.connection);
    await waitFor(() => Promise.resolve(h.partner.portal.stores.companies.size === 100 ? true : undefined), { what: 'replayed record written' });
  });
});
