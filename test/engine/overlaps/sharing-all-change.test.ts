import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bringCopiesInLine } from '../../../src/engine/copies-in-line.js';
import { stateKey } from '../../../src/redis/key-prefix.js';
import { startDemoEngine, type DemoEngine } from '../../helpers/demo-engine.js';
import { silentLogger } from '../../helpers/test-redis.js';

// The demo's workspace: northwind (HubSpot) shares `all` with fields name, website, relationship; globex
// (Salesforce) shares `overlaps`. Each step edits the policies and starts the engine again on the same Redis
// state, as revenue ops editing the workspace file would; no vendor account changes, so only the change of
// sharing can bring the partners' CRMs in line.
let engine: DemoEngine;
let northwindOwn: Set<string>;
let globexOwn: Set<string>;

const northwindLive = () => [...engine.sandboxes.northwind.portal.stores.companies.all()].filter((c) => !c.archived);
const northwindCopies = () => northwindLive().filter((c) => !northwindOwn.has(String(c.id)));
const website = (company: ReturnType<typeof northwindLive>[number]) => company.properties.get('website') ?? '';
const vendorAccounts = () => engine.sandboxes.vendor.store.query('SELECT Id, Name, Website FROM Account');
const globexAccounts = () => engine.sandboxes.globex.store.query('SELECT Id, Name, Website FROM Account');

beforeAll(async () => {
  engine = await startDemoEngine({ companies: 120, seed: 12 });
  northwindOwn = new Set(northwindLive().map((c) => String(c.id)));
  globexOwn = new Set(globexAccounts().map((a) => String(a.Id)));
  await engine.syncAccounts();
}, 120_000);

afterAll(async () => {
  await engine.close();
});

describe("a partner sharing all whose sharing changes", () => {
  it("given a field taken out of its allowlist, then its copies lose the vendor's values of it, though no account changed, and its own companies keep theirs", async () => {
    const ownWebsites = new Map(northwindLive().filter((c) => northwindOwn.has(String(c.id))).map((c) => [String(c.id), website(c)]));
    expect([...ownWebsites.values()].filter((w) => w !== '').length).toBeGreaterThan(10);
    const copies = northwindCopies();
    expect(copies.length).toBe(vendorAccounts().length);
    expect(copies.filter((c) => website(c) !== '').length).toBeGreaterThan(10);

    await engine.restart({ northwind: { share: 'all', fields: ['name', 'relationship'] } });
    await engine.syncAccounts();

    for (const copy of northwindCopies()) expect(website(copy)).toBe('');
    expect(northwindCopies().every((c) => (c.properties.get('name') ?? '') !== '')).toBe(true);
    for (const company of northwindLive().filter((c) => northwindOwn.has(String(c.id)))) expect(website(company)).toBe(ownWebsites.get(String(company.id)));
    expect(await engine.runtime.deadLetters.count()).toBe(0);
  });

  it('given the field allowed again, then its copies get it back, and a run after that writes nothing', async () => {
    await engine.restart({ northwind: { share: 'all', fields: ['name', 'website', 'relationship'] } });
    await engine.syncAccounts();
    const byName = new Map(vendorAccounts().map((a) => [String(a.Name), typeof a.Website === 'string' ? a.Website : '']));
    const copies = northwindCopies();
    expect(copies.filter((c) => website(c) !== '').length).toBeGreaterThan(10);
    for (const copy of copies) expect(website(copy)).toBe(byName.get(copy.properties.get('name') ?? '') ?? '');

    const written = engine.sandboxes.northwind.portal.stores.companies.size;
    const result = await bringCopiesInLine(engine.runtime, 'test-again', silentLogger);
    expect(result.offered).toBe(0);
    expect(engine.sandboxes.northwind.portal.stores.companies.size).toBe(written);
  });

  it("given a partner that starts sharing all, then every vendor account is copied into its CRM at once, with the allowed fields only", async () => {
    expect(globexAccounts()).toHaveLength(globexOwn.size);
    await engine.restart({ globex: { share: 'all', fields: ['name'] } });
    await engine.syncAccounts();

    const copies = globexAccounts().filter((a) => !globexOwn.has(String(a.Id)));
    expect(copies).toHaveLength(vendorAccounts().length);
    const names = new Set(vendorAccounts().map((a) => String(a.Name)));
    for (const copy of copies) {
      expect(names.has(String(copy.Name))).toBe(true);
      expect(copy.Website ?? null).toBeNull();
    }
    expect(await engine.runtime.deadLetters.count()).toBe(0);
  });

  it('given no fingerprint stored (the first run after an upgrade), then a partner already written to is not offered everything again; a partner never written to is', async () => {
    const key = stateKey(engine.ws.prefix, 'overlaps-sharing');
    await engine.ws.redis.hdel(key, 'northwind|copies');
    expect((await bringCopiesInLine(engine.runtime, 'test-upgrade', silentLogger)).offered).toBe(0);

    // globex as if new to the workspace: no fingerprint, nothing written to it.
    await engine.ws.redis.hdel(key, 'globex|copies');
    await engine.ws.redis.del(stateKey(engine.ws.prefix, 'hash', 'written', 'globex', 'Account'));
    const result = await bringCopiesInLine(engine.runtime, 'test-new-partner', silentLogger);
    expect(result.offered).toBe(vendorAccounts().length);
    expect(result.targets).toEqual([{ connectionId: 'globex', object: 'account' }]);
  });
});
