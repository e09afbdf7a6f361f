import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncNow } from '../../../src/engine/passes-now.js';
import { readOverlapReport } from '../../../src/server/overlaps/read-overlap-report.js';
import { startDemoEngine, type DemoEngine } from '../../helpers/demo-engine.js';

// The demo's workspace: northwind (HubSpot) shares `all` with fields name, website, relationship; globex
// (Salesforce) shares `overlaps` with fields relationship, ownerName. Each step edits the policies and starts
// the engine again on the same state, as revenue ops changing the workspace file would; nothing in the CRMs
// changes, so only the change of sharing can bring them in line.
let engine: DemoEngine;
let northwindOwn: Set<string>;

const report = async (partnerId: string) => readOverlapReport(engine.ws.redis, engine.ws.prefix, partnerId);
const globexAccounts = () => engine.sandboxes.globex.store.query('SELECT Id, Cosell_Overlap__c, Cosell_Vendor_Status__c, Cosell_Vendor_Owner__c FROM Account');
const vendorAccounts = () => engine.sandboxes.vendor.store.query('SELECT Id, Cosell_Overlap__c, Cosell_Partners__c FROM Account');
const northwindLive = () => [...engine.sandboxes.northwind.portal.stores.companies.all()].filter((c) => !c.archived);

beforeAll(async () => {
  engine = await startDemoEngine({ companies: 120, seed: 11 });
  northwindOwn = new Set(northwindLive().map((c) => String(c.id)));
  await engine.syncAccounts();
}, 120_000);

afterAll(async () => {
  await engine.close();
});

describe('a partner whose sharing changes', () => {
  it("given a field taken out of a partner's allowlist, then its accounts lose that field's values and keep the others, though no account changed", async () => {
    const before = new Map(globexAccounts().map((a) => [String(a.Id), a]));
    expect([...before.values()].filter((a) => a.Cosell_Vendor_Owner__c !== null).length).toBeGreaterThan(3);
    const pairs = (await report('globex'))?.pairs.length;

    await engine.restart({ globex: { share: 'overlaps', fields: ['relationship'] } });
    await engine.syncAccounts();

    for (const account of globexAccounts()) {
      expect(account.Cosell_Vendor_Owner__c).toBeNull();
      expect(account.Cosell_Vendor_Status__c).toBe(before.get(String(account.Id))?.Cosell_Vendor_Status__c);
    }
    expect((await report('globex'))?.pairs.length).toBe(pairs);
  });

  it('given a partner that now only counts, then nothing written on its accounts is left, and the vendor still sees it on its accounts', async () => {
    const matchedVendors = new Set((await report('globex'))?.pairs.map((p) => p.vendor.crmId));
    expect(globexAccounts().some((a) => a.Cosell_Overlap__c === true)).toBe(true);

    await engine.restart({ globex: { share: 'counts' } });
    await engine.syncAccounts();

    for (const account of globexAccounts()) expect([account.Cosell_Overlap__c, account.Cosell_Vendor_Status__c, account.Cosell_Vendor_Owner__c]).toEqual([false, null, null]);
    const vendors = vendorAccounts().filter((a) => matchedVendors.has(String(a.Id)));
    expect(vendors.length).toBeGreaterThan(3);
    for (const account of vendors) expect(String(account.Cosell_Partners__c)).toContain('Globex Software');
  });

  it("given a partner that now shares nothing, then the vendor's accounts no longer name it and its overlaps are forgotten", async () => {
    const globexOnly = new Set((await report('globex'))?.pairs.map((p) => p.vendor.crmId));
    const northwindVendors = new Set((await report('northwind'))?.pairs.map((p) => p.vendor.crmId));
    for (const id of northwindVendors) globexOnly.delete(id);
    expect(globexOnly.size).toBeGreaterThan(0);

    await engine.restart({ globex: { share: 'nothing' } });
    await engine.syncAccounts();

    for (const account of vendorAccounts()) {
      expect(account.Cosell_Partners__c ?? '').not.toContain('Globex');
      if (globexOnly.has(String(account.Id))) expect(account.Cosell_Overlap__c).toBe(false);
      if (northwindVendors.has(String(account.Id))) expect(String(account.Cosell_Partners__c)).toContain('Northwind Consulting');
    }
    expect(await report('globex')).toBeUndefined();
    for (const account of globexAccounts()) expect(account.Cosell_Overlap__c).not.toBe(true);
  });

  it('given a partner that no longer shares all, then the copies the engine created in its CRM are deleted (its CRM down at first: at the next run), its own accounts stay with their overlaps, and nothing is copied again', async () => {
    const copies = northwindLive().filter((c) => !northwindOwn.has(String(c.id)));
    expect(copies.length).toBeGreaterThan(100);

    await engine.restart({ northwind: { share: 'overlaps', fields: ['name', 'website', 'relationship'] } });
    // Northwind's CRM answers nothing but errors: account mapping still runs, the copies wait for the next run.
    engine.sandboxes.northwind.configure({ faults: { latencyMs: 0, errorRate: 1, seed: 1 } });
    await syncNow(engine.runtime, 'vendor', 'account', 'test-northwind-down');
    expect(northwindLive()).toHaveLength(northwindOwn.size + copies.length);
    engine.sandboxes.northwind.configure({ faults: { latencyMs: 0, errorRate: 0, seed: 1 } });
    await engine.syncAccounts();

    expect(new Set(northwindLive().map((c) => String(c.id)))).toEqual(northwindOwn);
    const matched = (await report('northwind'))?.pairs ?? [];
    expect(matched.length).toBeGreaterThan(5);
    const own = new Map(northwindLive().map((c) => [String(c.id), c]));
    for (const pair of matched) expect(own.get(pair.partner.crmId)?.properties.get('cosell_overlap')).toBe('true');
    const audit = await engine.runtime.stores.audit.latest(500);
    expect(audit.filter((entry) => entry.what.startsWith('delete northwind companies'))).toHaveLength(copies.length);

    // A vendor account that changes now is not shared with northwind again.
    const [first] = engine.sandboxes.vendor.store.query('SELECT Id FROM Account');
    engine.sandboxes.vendor.clock.advance(2_000);
    engine.sandboxes.vendor.store.update('Account', String(first?.Id), { Industry: 'Biotechnology' });
    await engine.syncAccounts();
    expect(new Set(northwindLive().map((c) => String(c.id)))).toEqual(northwindOwn);
    expect(await engine.runtime.deadLetters.count()).toBe(0);
  });
});
