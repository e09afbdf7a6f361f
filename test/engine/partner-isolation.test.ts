import { afterEach, describe, expect, it } from 'vitest';
import { closeHarness, drained, seedVendor, startHarness, type Harness } from '../helpers/hubspot-engine-harness.js';
import { waitFor } from '../helpers/test-redis.js';

let harness: Harness | undefined;
afterEach(async () => {
  if (harness) await closeHarness(harness);
  harness = undefined;
});

describe('one partner throttled, another on time', () => {
  it('given a 429 storm on one partner\'s CRM, then the other partner receives everything at once, and the throttled one catches up later with nothing failed', async () => {
    const h = (harness = await startHarness(['stormy', 'calm']));
    const stormy = h.partners.get('stormy');
    const calm = h.partners.get('calm');
    if (!stormy || !calm) throw new Error('partners missing');
    // Another integration spends stormy's app budget: its CRM answers 429 to all but one call per 10 s.
    stormy.configure({ rateLimits: { perTenSeconds: 1, searchPerSecond: 5, daily: 100_000, retryAfterHeader: false } });
    await seedVendor(h.vendor, 300);

    const started = Date.now();
    await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
    await waitFor(() => Promise.resolve(calm.portal.stores.companies.size === 300 ? true : undefined), { what: 'calm partner written', timeoutMs: 20_000, intervalMs: 20 });
    const calmDoneMs = Date.now() - started;
    // The calm partner did not wait for the stormy one's 10-second windows.
    expect(calmDoneMs).toBeLessThan(8_000);
    expect(stormy.portal.stores.companies.size).toBeLessThan(300);

    await drained(h, 90_000);
    expect(stormy.portal.stores.companies.size).toBe(300);
    expect(await h.runtime.deadLetters.count()).toBe(0);
  }, 120_000);
});
