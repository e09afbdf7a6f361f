import { afterEach, describe, expect, it } from 'vitest';
import { openStores, type EngineStores } from '../../src/engine/engine-context.js';
import { canonicalIdFor } from '../../src/state/canonical-ids.js';
import { testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let current: TestWorkspace | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

const derived = (crmId: string): string => canonicalIdFor('account', 'vendor', 'Account', crmId);

/** What the vendor says about one of its accounts, recorded under `canonicalId` as an ingest pass does. */
async function recordVendorAccount(stores: EngineStores, canonicalId: string, crmId: string, name: string): Promise<void> {
  await stores.canonical.recordSources('account', 'vendor', [{ canonicalId, crmId, modifiedAt: '2026-11-01T00:00:00.000Z', values: { name } }]);
}

async function scanned(stores: EngineStores): Promise<string[]> {
  const ids: string[] = [];
  for await (const chunk of stores.links.scanCanonicalIds('vendor', 'Account', 'account')) ids.push(...chunk);
  return ids.sort();
}

describe('record links: explicit in the crosswalk, implicit by a source document under the derived id', () => {
  it('given a record described under the id derived from its CRM id and no crosswalk entry, then it is linked both ways, scanned and listed', async () => {
    const ws = (current = await testWorkspace());
    const stores = openStores(ws.redis, ws.prefix);
    await recordVendorAccount(stores, derived('001A'), '001A', 'Initech');

    expect(await stores.crosswalk.canonicalIds('vendor', 'Account', ['001A'])).toEqual([undefined]);
    expect(await stores.links.canonicalIds('vendor', 'Account', 'account', ['001A', '001B'])).toEqual([derived('001A'), undefined]);
    expect(await stores.links.crmIds('vendor', 'Account', 'account', [derived('001A'), derived('001B')])).toEqual(['001A', undefined]);
    expect(await scanned(stores)).toEqual([derived('001A')]);
    expect(await stores.links.entries('vendor', 'Account', 'account')).toEqual(new Map([['001A', derived('001A')]]));
    expect(await stores.links.holds('vendor', 'Account', 'account', [{ canonicalId: derived('001A'), crmId: '001A' }, { canonicalId: derived('001A'), crmId: '001B' }])).toEqual([true, false]);
  });

  it('given the source forgotten (the record removed), then the implicit link is gone with it', async () => {
    const ws = (current = await testWorkspace());
    const stores = openStores(ws.redis, ws.prefix);
    await recordVendorAccount(stores, derived('001A'), '001A', 'Initech');
    await stores.canonical.forgetSource('account', derived('001A'), 'vendor');

    expect(await stores.links.canonicalIds('vendor', 'Account', 'account', ['001A'])).toEqual([undefined]);
    expect(await stores.links.crmIds('vendor', 'Account', 'account', [derived('001A')])).toEqual([undefined]);
    expect(await scanned(stores)).toEqual([]);
  });

  it('given a document under a derived id that describes another CRM record, or under an id not derived from its CRM id, then neither is taken for a link', async () => {
    const ws = (current = await testWorkspace());
    const stores = openStores(ws.redis, ws.prefix);
    // 001A's derived id now describes 001C (a copy re-linked there); a document under a foreign id without its entry.
    await recordVendorAccount(stores, derived('001A'), '001C', 'Initech');
    await recordVendorAccount(stores, 'acc_elsewhere', '001D', 'Globex');

    expect(await stores.links.canonicalIds('vendor', 'Account', 'account', ['001A', '001D'])).toEqual([undefined, undefined]);
    expect(await stores.links.crmIds('vendor', 'Account', 'account', [derived('001A'), 'acc_elsewhere'])).toEqual([undefined, undefined]);
    expect(await stores.links.entries('vendor', 'Account', 'account')).toEqual(new Map());
  });

  it('given crosswalk entries, then they win over documents, and scanning names each linked id once', async () => {
    const ws = (current = await testWorkspace());
    const stores = openStores(ws.redis, ws.prefix);
    await recordVendorAccount(stores, derived('001A'), '001A', 'Initech');
    await recordVendorAccount(stores, 'acc_copy', '001E', 'Umbrella');
    await stores.crosswalk.linkMany('vendor', 'Account', [{ canonicalId: 'acc_copy', crmId: '001E' }]);
    // An entry a build of state version 3 made for a record under its derived id: read as it is.
    await recordVendorAccount(stores, derived('001F'), '001F', 'Hooli');
    await stores.crosswalk.linkMany('vendor', 'Account', [{ canonicalId: derived('001F'), crmId: '001F' }]);

    expect(await stores.links.canonicalIds('vendor', 'Account', 'account', ['001A', '001E', '001F'])).toEqual([derived('001A'), 'acc_copy', derived('001F')]);
    expect(await stores.links.crmIds('vendor', 'Account', 'account', [derived('001A'), 'acc_copy', derived('001F')])).toEqual(['001A', '001E', '001F']);
    expect(await scanned(stores)).toEqual([derived('001A'), derived('001F'), 'acc_copy'].sort());
    expect(await stores.links.entries('vendor', 'Account', 'account')).toEqual(new Map([['001A', derived('001A')], ['001E', 'acc_copy'], ['001F', derived('001F')]]));
  });
});
