import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo, type RunningDemo } from '../../src/demo/run-demo.js';
import type { OverlapReport } from '../../src/engine/overlaps/compute-overlaps.js';
import { readOverlapReport } from '../../src/server/overlaps/read-overlap-report.js';
import { JobQueue } from '../../src/queues/job-queue.js';
import { matchQueue } from '../../src/queues/queue-catalog.js';
import { workspaceKeyPrefix } from '../../src/redis/key-prefix.js';
import { deleteKeys, testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

// The demo's workspace: northwind (HubSpot) shares `all` with fields name, website, relationship; globex
// (Salesforce) shares `overlaps` with fields relationship, ownerName. Both are in account mapping.
let running: RunningDemo;
let ws: TestWorkspace;
let dir: string;

const prefix = (): string => workspaceKeyPrefix(running.workspace.workspace.id);
const report = async (partnerId: string): Promise<OverlapReport> => {
  const found = await readOverlapReport(ws.redis, prefix(), partnerId);
  if (!found) throw new Error(`no overlap report for ${partnerId}`);
  return found;
};

beforeAll(async () => {
  ws = await testWorkspace();
  dir = await mkdtemp(join(tmpdir(), 'cosell-mapping-'));
  running = await runDemo({ once: true, companies: 120, seed: 11, port: 0, redisUrl: 'redis://127.0.0.1:6379', workspaceId: `mapping-${String(process.pid)}`, mappingsDir: 'mappings', dir, cycleTimeoutMs: 60_000, print: () => undefined });
}, 120_000);

afterAll(async () => {
  await running.stop();
  await deleteKeys(ws.redis, `${prefix()}*`);
  await ws.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('account mapping in the engine', () => {
  it("given overlaps found, then each partner's own matched accounts carry the vendor's status and contact within its allowlist, and no other account gets anything", async () => {
    const { globex, vendor } = running.sandboxes;
    const pairs = (await report('globex')).pairs;
    expect(pairs.length).toBeGreaterThan(5);
    const vendorById = new Map(vendor.store.query('SELECT Id, Type, Owner.Name FROM Account').map((r) => [String(r.Id), r]));
    const matched = new Map(pairs.map((pair) => [pair.partner.crmId, pair]));
    const accounts = globex.store.query('SELECT Id, Name, Cosell_Vendor_Status__c, Cosell_Vendor_Owner__c, Seed_Key__c FROM Account');
    // No account was created in globex's CRM by account mapping (only its program record, which has no seed key).
    expect(accounts.filter((a) => a.Seed_Key__c === null || a.Seed_Key__c === undefined)).toHaveLength(1);
    for (const account of accounts) {
      const pair = matched.get(String(account.Id));
      if (!pair) {
        expect([account.Cosell_Vendor_Status__c, account.Cosell_Vendor_Owner__c]).toEqual([null, null]);
        continue;
      }
      const vendorAccount = vendorById.get(pair.vendor.crmId);
      const owner = (vendorAccount?.Owner as { Name?: string } | undefined)?.Name;
      // ownerName is allowed, ownerEmail is not: the name only.
      expect(account.Cosell_Vendor_Owner__c).toBe(owner);
      expect(String(account.Cosell_Vendor_Owner__c)).not.toContain('@');
      expect(account.Cosell_Vendor_Status__c).toBe(pair.vendor.populations.includes('customers') ? 'customer' : account.Cosell_Vendor_Status__c);
      expect(account.Cosell_Vendor_Status__c).toMatch(/^(customer|prospect|former-customer|partner|other)$/);
    }

    // northwind may see the relationship but not the owner.
    const northwindPairs = (await report('northwind')).pairs;
    const own = new Map([...running.sandboxes.northwind.portal.stores.companies.all()].map((c) => [String(c.id), c]));
    expect(northwindPairs.length).toBeGreaterThan(5);
    for (const pair of northwindPairs) {
      const company = own.get(pair.partner.crmId);
      expect(company?.properties.get('cosell_overlap')).toBe('true');
      expect(company?.properties.get('cosell_vendor_status')).toMatch(/^(customer|prospect|former-customer|partner|other)$/);
      expect(company?.properties.get('cosell_vendor_owner') ?? '').toBe('');
    }
  });

  it("given overlaps with two partners, then the vendor's accounts list the partners that have them and nothing is written on the others", async () => {
    const { vendor } = running.sandboxes;
    const byVendor = new Map<string, Set<string>>();
    const contacts = new Map<string, string[]>();
    for (const [partnerId, name] of [['globex', 'Globex Software'], ['northwind', 'Northwind Consulting']] as const) {
      for (const pair of (await report(partnerId)).pairs) {
        byVendor.set(pair.vendor.crmId, (byVendor.get(pair.vendor.crmId) ?? new Set()).add(name));
        // The partner's contact: its account owner, else its rep for the territory (rep mapping).
        if (pair.partner.owner) contacts.set(pair.vendor.crmId, [...(contacts.get(pair.vendor.crmId) ?? []), `${pair.partner.owner} (${name})`]);
      }
    }
    const accounts = vendor.store.query('SELECT Id, Cosell_Overlap__c, Cosell_Partners__c, Cosell_Partner_Owner__c FROM Account');
    expect(accounts.filter((a) => a.Cosell_Overlap__c === true)).toHaveLength(byVendor.size);
    for (const account of accounts) {
      const partners = byVendor.get(String(account.Id));
      if (!partners) {
        expect(account.Cosell_Overlap__c).not.toBe(true);
        expect(account.Cosell_Partners__c ?? null).toBeNull();
        continue;
      }
      for (const name of partners) expect(String(account.Cosell_Partners__c)).toContain(name);
      expect(String(account.Cosell_Partners__c).split('; ')).toHaveLength(partners.size);
      const expected = contacts.get(String(account.Id));
      if (expected) for (const contact of expected) expect(String(account.Cosell_Partner_Owner__c)).toContain(contact);
      else expect(account.Cosell_Partner_Owner__c ?? null).toBeNull();
    }
  });

  it("given the accounts the engine made in a partner's CRM (copies of the vendor's, the one standing for the vendor), then none counts as the partner's own", async () => {
    const { globex, northwind } = running.sandboxes;
    // globex's CRM: its seeded accounts and its program record, named after the vendor, which is not one of its accounts.
    const globexAccounts = globex.store.query('SELECT Id, Name, Seed_Key__c FROM Account');
    const seeded = new Set(globexAccounts.filter((a) => a.Seed_Key__c !== null && a.Seed_Key__c !== undefined).map((a) => String(a.Id)));
    expect(globexAccounts.filter((a) => !seeded.has(String(a.Id))).map((a) => a.Name)).toEqual([running.workspace.vendor.name]);
    expect((await report('globex')).partnerAccounts).toBe(seeded.size);
    // northwind's (it shares all): its seeded companies, a copy of every vendor account and its program record.
    const companies = [...northwind.portal.stores.companies.all()];
    const own = new Set(companies.filter((c) => (c.properties.get('seed_key') ?? '') !== '').map((c) => String(c.id)));
    expect(companies.length).toBeGreaterThan(own.size + 100);
    expect((await report('northwind')).partnerAccounts).toBe(own.size);
    for (const pair of (await report('northwind')).pairs) expect(own.has(pair.partner.crmId)).toBe(true);
    for (const pair of (await report('globex')).pairs) expect(seeded.has(pair.partner.crmId)).toBe(true);
  });

  it("given two partners, then neither partner's CRM holds anything of the other's", async () => {
    const { northwind, globex } = running.sandboxes;
    const globexOwners = (await report('globex')).pairs.flatMap((p) => (p.partner.ownerName ? [p.partner.ownerName] : []));
    const northwindOwners = (await report('northwind')).pairs.flatMap((p) => (p.partner.ownerName ? [p.partner.ownerName] : []));
    expect(globexOwners.length).toBeGreaterThan(0);
    const northwindText = [...northwind.portal.stores.companies.all()].flatMap((c) => [...c.properties.values()]).join('\n');
    expect(northwindText).not.toContain('Globex');
    for (const owner of globexOwners) expect(northwindText).not.toContain(owner);
    const globexText = JSON.stringify(globex.store.query('SELECT Id, Name, Website, Cosell_Vendor_Status__c, Cosell_Vendor_Owner__c, Cosell_Partners__c, Cosell_Partner_Owner__c FROM Account'));
    expect(globexText).not.toContain('Northwind');
    for (const owner of northwindOwners) expect(globexText).not.toContain(owner);
  });

  it('given a partner account changed so that it no longer matches, then only the accounts that change reaches are matched again, and its written fields are cleared on both sides', async () => {
    const { globex, vendor } = running.sandboxes;
    const pairs = (await report('globex')).pairs;
    const vendorCounts = new Map<string, number>();
    for (const pair of pairs) vendorCounts.set(pair.vendor.crmId, (vendorCounts.get(pair.vendor.crmId) ?? 0) + 1);
    const northwindVendors = new Set((await report('northwind')).pairs.map((p) => p.vendor.crmId));
    // A pair whose vendor account only this globex account matches, and no northwind account.
    const pair = pairs.find((p) => vendorCounts.get(p.vendor.crmId) === 1 && !northwindVendors.has(p.vendor.crmId));
    if (!pair) throw new Error('the seeded data has no single-partner overlap');
    globex.clock.advance(2_000);
    globex.store.update('Account', pair.partner.crmId, { Name: 'Zyxwv Unrelated Holdings', Website: 'https://zyxwv-unrelated.example', BillingCountry: 'Japan' });

    const matchJobs = new JobQueue(matchQueue, { connection: ws.redis, prefix: prefix() });
    const before = new Set((await matchJobs.queue.getJobs(['completed'])).map((j) => j.id));
    await running.cycle();
    const runs = (await matchJobs.queue.getJobs(['completed'])).filter((j) => !before.has(j.id));
    await matchJobs.close();

    const [account] = globex.store.query(`SELECT Cosell_Vendor_Status__c, Cosell_Vendor_Owner__c FROM Account WHERE Id = '${pair.partner.crmId}'`);
    expect(account).toMatchObject({ Cosell_Vendor_Status__c: null, Cosell_Vendor_Owner__c: null });
    const [vendorAccount] = vendor.store.query(`SELECT Cosell_Overlap__c, Cosell_Partners__c FROM Account WHERE Id = '${pair.vendor.crmId}'`);
    expect(vendorAccount).toMatchObject({ Cosell_Overlap__c: false, Cosell_Partners__c: null });
    expect((await report('globex')).pairs.some((p) => p.partner.crmId === pair.partner.crmId)).toBe(false);

    // One run, re-evaluating the changed account (and what its old vendor account reaches), not all 48.
    expect(runs.length).toBeGreaterThanOrEqual(1);
    const reevaluated = runs.reduce((n, job) => n + ((job.returnvalue as { reevaluated?: number } | undefined)?.reevaluated ?? 0), 0);
    expect(reevaluated).toBeGreaterThanOrEqual(1);
    expect(reevaluated).toBeLessThanOrEqual(6);
  });

  it('given a partner account changed to a vendor account it did not match, then the new overlap is written', async () => {
    const { globex, vendor } = running.sandboxes;
    const matchedVendors = new Set([...(await report('globex')).pairs, ...(await report('northwind')).pairs].map((p) => p.vendor.crmId));
    const matchedPartners = new Set((await report('globex')).pairs.map((p) => p.partner.crmId));
    const target = vendor.store.query('SELECT Id, Name, Website, BillingCountry, Type FROM Account').find((a) => !matchedVendors.has(String(a.Id)) && typeof a.Website === 'string');
    const partnerAccount = globex.store.query('SELECT Id FROM Account WHERE Seed_Key__c != null').find((a) => !matchedPartners.has(String(a.Id)));
    if (!target || !partnerAccount) throw new Error('no unmatched accounts to use');
    globex.clock.advance(2_000);
    globex.store.update('Account', String(partnerAccount.Id), { Name: String(target.Name), Website: String(target.Website), BillingCountry: target.BillingCountry });
    await running.cycle();

    const [account] = globex.store.query(`SELECT Cosell_Vendor_Status__c, Cosell_Vendor_Owner__c FROM Account WHERE Id = '${String(partnerAccount.Id)}'`);
    expect(account?.Cosell_Vendor_Status__c).toMatch(/^(customer|prospect|former-customer|partner|other)$/);
    expect(account?.Cosell_Vendor_Owner__c).toBeTruthy();
    const [vendorAccount] = vendor.store.query(`SELECT Cosell_Overlap__c, Cosell_Partners__c FROM Account WHERE Id = '${String(target.Id)}'`);
    expect(vendorAccount).toMatchObject({ Cosell_Overlap__c: true, Cosell_Partners__c: expect.stringContaining('Globex Software') as unknown });
  });
});

describe('the partner API on the running demo', () => {
  it("given globex's key, then it reads its own overlaps without the vendor's ids, and northwind's key cannot read them", async () => {
    const base = new URL(running.dashboardUrl).origin;
    const key = (id: string): string => {
      const secret = running.workspace.partners.find((p) => p.id === id)?.apiKey;
      if (!secret) throw new Error(`${id} has no API key`);
      return secret.reveal();
    };
    const own = await fetch(`${base}/api/v1/overlaps/globex`, { headers: { authorization: `Bearer ${key('globex')}` } });
    expect(own.status).toBe(200);
    const body = JSON.stringify(await own.json());
    const expected = (await report('globex')).pairs;
    expect(body).toContain(expected[0]?.partner.crmId);
    for (const pair of expected) {
      expect(body).not.toContain(pair.vendor.crmId);
      expect(body).not.toContain(pair.vendor.canonicalId);
    }
    const other = await fetch(`${base}/api/v1/overlaps/globex`, { headers: { authorization: `Bearer ${key('northwind')}` } });
    expect(other.status).toBe(403);
    expect(JSON.stringify(await other.json())).not.toContain(String(expected[0]?.partner.crmId));
  });
});
