import { afterEach, describe, expect, it } from 'vitest';
import { closeHarness, seedVendor, startHarness, syncOnce, type Harness } from '../helpers/hubspot-engine-harness.js';

// A change is recorded in the canonical store and then routed (marked waiting for its targets) in a second
// step. When the pass stops between the two (Redis lost, a crash), the page is read again on the retry and
// the changes are already recorded: they must still reach their targets, not be taken for repeats.

let h: Harness | undefined;
afterEach(async () => {
  if (h) await closeHarness(h);
  h = undefined;
});

describe('routing recovery', () => {
  it('given the ingest pass fails right after recording a page (before marking its writes), when the job is retried, then every record still reaches the partner once', async () => {
    h = await startHarness();
    await seedVendor(h.vendor, 250);
    const pending = h.runtime.stores.pending;
    const mark = pending.mark.bind(pending);
    let failures = 1;
    pending.mark = (...args: Parameters<typeof mark>) => {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error('Redis went away between recording and routing'));
      }
      return mark(...args);
    };
    await syncOnce(h);
    expect(failures).toBe(0);
    const companies = [...h.partner.portal.stores.companies.all()];
    expect(companies).toHaveLength(250);
    expect(new Set(companies.map((c) => c.properties.get('cosell_id'))).size).toBe(250);
    expect(await h.runtime.stores.canonical.unrouted('account', 'vendor', 10)).toEqual([]);
  }, 60_000);

  it('given a page recorded twice before it is routed (a command resent after a reconnect), then the second recording still reports the records as changed', async () => {
    h = await startHarness();
    const items = [{ canonicalId: 'acc_routing1', crmId: '101', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'A' }, fresh: true }];
    expect(await h.runtime.stores.canonical.recordSources('account', 'vendor', items)).toEqual([{ status: 'changed', fields: ['name'] }]);
    expect(await h.runtime.stores.canonical.recordSources('account', 'vendor', items)).toEqual([{ status: 'changed', fields: ['name'] }]);
    await h.runtime.stores.canonical.routed('account', 'vendor', ['acc_routing1']);
    expect(await h.runtime.stores.canonical.recordSources('account', 'vendor', items)).toEqual([{ status: 'unchanged' }]);
  }, 30_000);
});
