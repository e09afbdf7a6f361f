import { afterEach, describe, expect, it } from 'vitest';
import { closeHarness, seedVendor, startHarness, syncOnce, type Harness } from '../helpers/hubspot-engine-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  if (harness) await closeHarness(harness);
  harness = undefined;
});

const live = (h: Harness, which: 'vendor' | 'partner') => [...h[which].portal.stores.companies.all()].filter((c) => !c.archived);
const idOf = (h: Harness, name: string): string => String(live(h, 'vendor').find((c) => c.properties.get('name') === name)?.id);

async function archive(h: Harness, which: 'vendor' | 'partner', id: string): Promise<void> {
  const sb = h[which];
  const response = await fetch(`${sb.url}/crm/v3/objects/companies/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${sb.accessToken}` } });
  expect(response.status).toBe(204);
}

describe('deletions and merges, as tombstones', () => {
  it('given a vendor account deleted after it was shared, then the copy the engine created in the partner CRM is deleted too, and nothing else', async () => {
    const h = (harness = await startHarness());
    await seedVendor(h.vendor, 5);
    await syncOnce(h);
    expect(live(h, 'partner')).toHaveLength(5);
    const partnerOwn = h.partner.portal.stores.companies.create(h.partner.portal.nextId(), new Map([['name', 'Partner own account']]), h.partner.portal.clock);

    await archive(h, 'vendor', idOf(h, 'Company 2'));
    await syncOnce(h);
    const names = live(h, 'partner').map((c) => c.properties.get('name'));
    expect(names).toHaveLength(5);
    expect(names).not.toContain('Company 2');
    expect(names).toContain('Partner own account');
    expect(partnerOwn.archived).toBeFalsy();
    const audit = await h.runtime.stores.audit.latest(20);
    expect(audit.some((entry) => entry.what.startsWith('delete northwind companies'))).toBe(true);

    // Reading the same removals again (a crash before the cursor moved) deletes nothing more and fails nothing.
    await h.runtime.stores.cursors.reset('vendor', 'account', 'removals');
    await syncOnce(h);
    expect(live(h, 'partner')).toHaveLength(5);
    expect(await h.runtime.deadLetters.count()).toBe(0);
  });

  it('given a removal interrupted once its record\'s source was forgotten, when the pass is retried, then the deletion is still audited and the copy deleted', async () => {
    const h = (harness = await startHarness());
    await seedVendor(h.vendor, 3);
    await syncOnce(h);
    // The vendor's records are linked by their documents: forgetting one's source removes its link, so every
    // other step of the removal must be done by then.
    const crosswalk = h.runtime.stores.crosswalk;
    const unlink = crosswalk.unlink.bind(crosswalk);
    let failures = 0;
    crosswalk.unlink = async (...args) => {
      if (args[0] === 'vendor' && failures === 0) {
        failures += 1;
        throw new Error('connection lost (test)');
      }
      return unlink(...args);
    };

    const removedId = idOf(h, 'Company 1');
    await archive(h, 'vendor', removedId);
    await syncOnce(h);
    expect(failures).toBe(1);
    expect(live(h, 'partner').map((c) => c.properties.get('name'))).not.toContain('Company 1');
    const audit = await h.runtime.stores.audit.latest(50);
    expect(audit.filter((entry) => entry.what === `deleted vendor companies ${removedId}`).length).toBeGreaterThanOrEqual(1);
    expect(await h.runtime.stores.links.canonicalIds('vendor', 'companies', 'account', [removedId])).toEqual([undefined]);
  });

  it('given a partner deletes its copy of a vendor account, then the vendor account stays and only the link goes', async () => {
    const h = (harness = await startHarness());
    await seedVendor(h.vendor, 3);
    await syncOnce(h);
    await syncOnce(h, 'northwind');
    const copy = live(h, 'partner').find((c) => c.properties.get('name') === 'Company 1');
    await archive(h, 'partner', String(copy?.id));
    await syncOnce(h, 'northwind');
    expect(live(h, 'vendor')).toHaveLength(3);
    expect(await h.runtime.stores.links.canonicalIds('northwind', 'companies', 'account', [String(copy?.id)])).toEqual([undefined]);
  });
});
