import { afterEach, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../../src/sandbox/fault-settings.js';
import { closeHarness, drained, seedVendor, startHarness, syncOnce, type Harness } from '../helpers/hubspot-engine-harness.js';
import { waitFor } from '../helpers/test-redis.js';

let harness: Harness | undefined;
afterEach(async () => {
  if (harness) await closeHarness(harness);
  harness = undefined;
});

describe('write rounds', () => {
  it('given more records than a few rounds hold, then at most four calls are out at once, no record is sent twice, and every one is written with the fewest calls', async () => {
    const h = (harness = await startHarness());
    await seedVendor(h.vendor, 2_500);
    // Slow calls, so the rounds after a calling one are read, prepared and committed meanwhile.
    h.partner.configure({ faults: { ...NO_FAULTS, latencyMs: 150 } });
    const connector = h.runtime.connectors.get('northwind');
    const upsert = connector.upsert.bind(connector);
    let calling = 0;
    let mostAtOnce = 0;
    const sent: string[] = [];
    Object.assign(connector, {
      upsert: async (...args: Parameters<typeof upsert>) => {
        calling += 1;
        mostAtOnce = Math.max(mostAtOnce, calling);
        sent.push(...args[2].map((record) => record.externalId));
        try {
          return await upsert(...args);
        } finally {
          calling -= 1;
        }
      },
    });

    await syncOnce(h);
    expect(h.partner.portal.stores.companies.size).toBe(2_500);
    expect(mostAtOnce).toBeLessThanOrEqual(4);
    expect(sent).toHaveLength(2_500);
    expect(new Set(sent).size).toBe(2_500);
    const passes = (await h.runtime.stores.runs.latest(100)).filter((r) => r.trigger === 'write-back');
    expect(passes.reduce((n, r) => n + r.counts.apiCalls, 0)).toBe(25);
  }, 60_000);

  it('given one slow call in a round, then the next round calls meanwhile in the other places, still at most four at once', async () => {
    const h = (harness = await startHarness());
    await seedVendor(h.vendor, 2_500);
    const connector = h.runtime.connectors.get('northwind');
    const upsert = connector.upsert.bind(connector);
    let calling = 0;
    let mostAtOnce = 0;
    let calls = 0;
    let slowOut = false;
    let startedWhileSlow = 0;
    Object.assign(connector, {
      upsert: async (...args: Parameters<typeof upsert>) => {
        calls += 1;
        const slow = calls === 1;
        if (slowOut) startedWhileSlow += 1;
        if (slow) slowOut = true;
        calling += 1;
        mostAtOnce = Math.max(mostAtOnce, calling);
        try {
          if (slow) await new Promise((resolve) => setTimeout(resolve, 1_500));
          return await upsert(...args);
        } finally {
          calling -= 1;
          if (slow) slowOut = false;
        }
      },
    });

    // Every record waiting before the pass starts: the vendor is read 100 companies a page, and a writer
    // faster than the reading would drain what is waiting and end its pass with the slow call's round.
    const writer = h.workers.workers.find((worker) => worker.name === 'write-back');
    if (!writer) throw new Error('the harness runs a write-back worker');
    await writer.pause();
    const jobId = await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
    await waitFor(async () => (await h.ingest.queue.getJobState(jobId)) === 'completed', { what: 'ingest pass', timeoutMs: 30_000 });
    expect(await h.runtime.stores.pending.count('northwind', 'account')).toBe(2_500);
    await writer.resume();
    await drained(h);
    expect(h.partner.portal.stores.companies.size).toBe(2_500);
    expect(mostAtOnce).toBeLessThanOrEqual(4);
    // The slow call's own round has three more; waiting for the slowest would start nothing else meanwhile.
    expect(startedWhileSlow).toBeGreaterThan(3);
  }, 60_000);
});
