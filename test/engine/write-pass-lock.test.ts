import { afterEach, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/queues/job-queue.js';
import { writeBackQueue } from '../../src/queues/queue-catalog.js';
import { stateKey } from '../../src/redis/key-prefix.js';
import { closeHarness, seedVendor, startHarness, syncOnce, type Harness } from '../helpers/hubspot-engine-harness.js';

// A write pass's lock lives briefly, so a worker that dies mid-pass holds its target up for seconds, not a
// minute; the pass itself keeps it on a timer however long its rounds take.

let h: Harness | undefined;
afterEach(async () => {
  if (h) await closeHarness(h);
  h = undefined;
});

const LOCK_MS = 300;

describe('write pass lock', () => {
  it('given a write pass running many times longer than its lock lives, then the lock is held the whole time and let go when the pass ends', async () => {
    h = await startHarness(['northwind'], { writeLockMs: LOCK_MS });
    await seedVendor(h.vendor, 1_000);
    await syncOnce(h);
    // Everything again, as one pass: the written hashes forgotten and every account put in line at once.
    const ids: string[] = [];
    for await (const page of h.runtime.stores.links.scanCanonicalIds('vendor', 'companies', 'account')) ids.push(...page);
    expect(ids).toHaveLength(1_000);
    await h.runtime.stores.hashes.forget('northwind', 'companies', ids);
    await h.runtime.stores.pending.mark('northwind', 'account', ids);
    h.partner.configure({ faults: { latencyMs: 400, errorRate: 0, seed: 1 } });

    const lockKey = stateKey(h.ws.prefix, 'writelock', 'northwind', 'account');
    const writeBack = new JobQueue(writeBackQueue, h.ws.connection);
    try {
      const jobId = await writeBack.add('flush', { connectionId: 'northwind', object: 'account' });
      const samples: { at: number; held: boolean }[] = [];
      let state = await writeBack.queue.getJobState(jobId);
      while (state !== 'completed' && state !== 'failed') {
        if (state === 'active') samples.push({ at: performance.now(), held: (await h.ws.redis.exists(lockKey)) === 1 });
        await new Promise((resolve) => setTimeout(resolve, 25));
        state = await writeBack.queue.getJobState(jobId);
      }
      expect(state).toBe('completed');
      // The pass lets go of the lock just before BullMQ marks its job completed: the job may still be seen active
      // for a sample or two after that. Up to the last sample that saw the lock, none may have missed it.
      const lastHeld = samples.findLastIndex((sample) => sample.held);
      const whilePassing = samples.slice(0, lastHeld + 1);
      // Ten calls of 400 ms, four at a time: the pass outlives its lock several times over, holding it throughout.
      const first = whilePassing[0]?.at ?? 0;
      const last = whilePassing.at(-1)?.at ?? 0;
      expect(last - first).toBeGreaterThan(3 * LOCK_MS);
      expect(whilePassing.filter((sample) => !sample.held)).toEqual([]);
      expect(await h.ws.redis.exists(lockKey)).toBe(0);
      expect(await h.runtime.stores.pending.count('northwind', 'account')).toBe(0);
    } finally {
      await writeBack.close();
    }
  }, 60_000);
});
