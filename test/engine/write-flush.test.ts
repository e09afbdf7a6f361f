import { afterEach, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../../src/sandbox/fault-settings.js';
import { closeHarness, drained, seedVendor, startHarness, type Harness } from '../helpers/hubspot-engine-harness.js';
import { waitFor } from '../helpers/test-redis.js';

let harness: Harness | undefined;
afterEach(async () => {
  if (harness) await closeHarness(harness);
  harness = undefined;
});

describe('write-back flushes', () => {
  it('given pages of changes arriving while a write pass runs, then at most one flush waits behind it, every record is written, and no pass that found nothing is recorded', async () => {
    const h = (harness = await startHarness());
    // Pages come 100 ms apart (past the harness's 50 ms coalescing window) and each write call takes 300 ms, so
    // most pages arrive while a pass is running.
    h.vendor.configure({ faults: { ...NO_FAULTS, latencyMs: 100 } });
    h.partner.configure({ faults: { ...NO_FAULTS, latencyMs: 300 } });
    await seedVendor(h.vendor, 1_000);

    let mostJobs = 0;
    const stop = new AbortController();
    const watch = (async () => {
      while (!stop.signal.aborted) {
        const counts = await h.runtime.writeBack.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        mostJobs = Math.max(mostJobs, Object.values(counts).reduce((a, b) => a + b, 0));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const jobId = await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
    await waitFor(async () => (await h.ingest.queue.getJobState(jobId)) === 'completed', { what: 'ingest pass', timeoutMs: 30_000 });
    await drained(h);
    stop.abort();
    await watch;

    expect(h.partner.portal.stores.companies.size).toBe(1_000);
    expect(await h.runtime.deadLetters.count()).toBe(0);
    // One flush running and one behind it, never a queue of flushes each polling the write lock.
    expect(mostJobs).toBeLessThanOrEqual(2);
    const passes = (await h.runtime.stores.runs.latest(100)).filter((r) => r.trigger === 'write-back');
    expect(passes.reduce((n, r) => n + r.counts.written, 0)).toBe(1_000);
    for (const pass of passes) expect(pass.counts.written + pass.counts.unchanged + pass.counts.failed).toBeGreaterThan(0);
  }, 60_000);

  it('given a flush with nothing waiting (a pass before it took everything), then it ends without a pass or a run', async () => {
    const h = (harness = await startHarness());
    const jobId = await h.runtime.writeBack.add('flush', { connectionId: 'northwind', object: 'account' });
    await waitFor(async () => (await h.runtime.writeBack.queue.getJobState(jobId)) === 'completed', { what: 'flush done', timeoutMs: 10_000 });
    expect((await h.runtime.stores.runs.latest(10)).filter((r) => r.trigger === 'write-back')).toEqual([]);
  });
});
