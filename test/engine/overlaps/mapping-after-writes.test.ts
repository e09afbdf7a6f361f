import { afterEach, describe, expect, it } from 'vitest';
import { accountChangeListener } from '../../../src/engine/overlaps/account-mapping-processor.js';
import { AccountWritesWaitingError, MAPPING_WAITS_AT_MOST_MS, MAPPING_WAITS_FOR_PROGRESS_MS, mappingDeferral } from '../../../src/engine/overlaps/account-writes-waiting.js';
import { NO_FAULTS } from '../../../src/sandbox/fault-settings.js';
import { closeHarness, drained, seedVendor, startHarness, type Harness } from '../../helpers/hubspot-engine-harness.js';
import { waitFor } from '../../helpers/test-redis.js';

let harness: Harness | undefined;
afterEach(async () => {
  if (harness) await closeHarness(harness);
  harness = undefined;
});

const matchJobs = async (h: Harness): Promise<number> => {
  const counts = await h.runtime.accountMapping.queue.queue.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized');
  return Object.values(counts).reduce((a, b) => a + b, 0);
};

describe('account mapping after the sync', () => {
  it('given account writes waiting for any connection, then a run just queued waits, and runs once none are', async () => {
    const h = (harness = await startHarness());
    const now = Date.now();
    const run = { id: 'run-1', queuedAt: now };
    expect(await mappingDeferral(h.runtime, run, now)).toBeUndefined();

    await h.runtime.stores.pending.mark('northwind', 'account', ['acc_a', 'acc_b']);
    const deferral = await mappingDeferral(h.runtime, run, now);
    expect(deferral).toBeInstanceOf(AccountWritesWaitingError);
    expect(deferral?.message).toContain('2 account writes are waiting');
    expect(deferral?.deferMs).toBeGreaterThanOrEqual(250);
    expect(deferral?.routine).toBe(true);

    await h.runtime.stores.pending.mark('vendor', 'account', ['acc_c']);
    await h.runtime.stores.pending.ack('northwind', 'account', await h.runtime.stores.pending.peek('northwind', 'account', 10));
    expect((await mappingDeferral(h.runtime, run, now + 1_000))?.message).toContain('1 account writes are waiting');
    await h.runtime.stores.pending.ack('vendor', 'account', await h.runtime.stores.pending.peek('vendor', 'account', 10));
    expect(await mappingDeferral(h.runtime, run, now + 2_000)).toBeUndefined();
  });

  it('given writes that drain, then a run waits for them past the progress window; given writes that stop draining, then it waits only that long', async () => {
    const h = (harness = await startHarness());
    const at = Date.now();
    const ids = Array.from({ length: 30 }, (_, i) => `acc_${String(i)}`);
    await h.runtime.stores.pending.mark('northwind', 'account', ids);
    const run = { id: 'run-drain', queuedAt: at };
    expect(await mappingDeferral(h.runtime, run, at)).toBeDefined();
    // A large load: ten writes land every 20 s, so the run keeps waiting long after one progress window.
    for (let step = 1; step <= 2; step += 1) {
      await h.runtime.stores.pending.ack('northwind', 'account', await h.runtime.stores.pending.peek('northwind', 'account', 10));
      expect(await mappingDeferral(h.runtime, run, at + step * 20_000)).toBeDefined();
    }
    // The writes stop draining (a target refusing everything): the run goes once a window passes with no progress,
    // counted from the last write that landed, not from when the run was queued.
    expect(await mappingDeferral(h.runtime, run, at + 40_000 + MAPPING_WAITS_FOR_PROGRESS_MS - 1)).toBeDefined();
    expect(await mappingDeferral(h.runtime, run, at + 40_000 + MAPPING_WAITS_FOR_PROGRESS_MS)).toBeUndefined();

    // Another run, however well the writes drain, waits no longer than the ceiling; its progress is its own.
    const late = { id: 'run-late', queuedAt: at - MAPPING_WAITS_AT_MOST_MS };
    expect(await mappingDeferral(h.runtime, late, at)).toBeUndefined();
    const fresh = { id: 'run-fresh', queuedAt: at + 60_000 };
    expect(await mappingDeferral(h.runtime, fresh, at + 60_000)).toBeDefined();

    // Unreadable progress (a hand-edited key) counts as none: the run waits and starts counting again.
    await h.runtime.redis.hset(`${h.runtime.prefix}:match-waits`, 'run-garbled', '{not json');
    const garbled = { id: 'run-garbled', queuedAt: at };
    expect(await mappingDeferral(h.runtime, garbled, at)).toBeDefined();
    expect(await mappingDeferral(h.runtime, garbled, at + MAPPING_WAITS_FOR_PROGRESS_MS)).toBeUndefined();
  });

  it('given a load read faster than it is written, then a run waits while writes land though more wait each time, and goes a window after they stop landing', async () => {
    const h = (harness = await startHarness());
    const { pending } = h.runtime.stores;
    const at = Date.now();
    let read = 0;
    const readMore = async (count: number): Promise<void> => {
      await pending.mark('northwind', 'account', Array.from({ length: count }, () => `acc_${String((read += 1))}`));
    };
    await readMore(20);
    const run = { id: 'run-load', queuedAt: at };
    expect(await mappingDeferral(h.runtime, run, at)).toBeDefined();
    // Every 25 s: 20 more read, 10 written. The waiting count only grows (30, 40, 50), yet writes land.
    for (let step = 1; step <= 3; step += 1) {
      await readMore(20);
      await pending.ack('northwind', 'account', await pending.peek('northwind', 'account', 10));
      expect(await mappingDeferral(h.runtime, run, at + step * 25_000)).toBeDefined();
    }
    expect(await pending.cleared('northwind', 'account')).toBe(30);
    // Reading goes on but no write lands (the target refuses them): a window after the last one landed, it goes.
    await readMore(20);
    expect(await mappingDeferral(h.runtime, run, at + 75_000 + MAPPING_WAITS_FOR_PROGRESS_MS - 1)).toBeDefined();
    expect(await mappingDeferral(h.runtime, run, at + 75_000 + MAPPING_WAITS_FOR_PROGRESS_MS)).toBeUndefined();

    // Progress kept by an earlier version (no count of writes landed) counts as none: the run starts counting again.
    await h.runtime.redis.hset(`${h.runtime.prefix}:match-waits`, 'run-earlier', JSON.stringify({ fewest: 1, at: at - MAPPING_WAITS_FOR_PROGRESS_MS }));
    expect(await mappingDeferral(h.runtime, { id: 'run-earlier', queuedAt: at - MAPPING_WAITS_FOR_PROGRESS_MS }, at)).toBeDefined();
  });

  it('given a pass committing page after page, then account mapping is queued once, when the pass is over', async () => {
    const h = (harness = await startHarness());
    const listener = accountChangeListener(h.runtime, 'vendor');
    if (!listener) throw new Error('northwind shares accounts: vendor account changes are followed');
    await listener.onChanged(['acc_1', 'acc_2']);
    await listener.onChanged(['acc_3']);
    expect(await matchJobs(h)).toBe(0);
    await listener.settled();
    expect(await matchJobs(h)).toBe(1);
    // A job that recorded nothing queues nothing.
    await accountChangeListener(h.runtime, 'vendor')?.settled();
    expect(await matchJobs(h)).toBe(1);
  });

  it('given a vendor load whose partner writes are slow, then account mapping runs once, after every account is written', async () => {
    const h = (harness = await startHarness());
    h.partner.configure({ faults: { ...NO_FAULTS, latencyMs: 200 } });
    await seedVendor(h.vendor, 1_000);
    const jobId = await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
    await waitFor(async () => (await h.ingest.queue.getJobState(jobId)) === 'completed', { what: 'ingest pass', timeoutMs: 30_000 });
    await drained(h);
    await waitFor(async () => {
      const counts = await h.runtime.accountMapping.queue.queue.getJobCounts('completed', 'waiting', 'delayed', 'active');
      return (counts.completed ?? 0) > 0 && (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.active ?? 0) === 0;
    }, { what: 'account mapping runs done', timeoutMs: 30_000 });

    const ingest = await h.ingest.queue.getJob(jobId);
    const [run] = await h.runtime.accountMapping.queue.queue.getJobs(['completed']);
    // The 10 pages of the pass (100 companies each) made one run, not one per coalescing window.
    expect(await matchJobs(h)).toBe(1);
    expect((run?.data as { trigger?: string } | undefined)?.trigger).toBe('change');
    expect(run?.processedOn).toBeGreaterThanOrEqual(ingest?.finishedOn ?? Number.POSITIVE_INFINITY);
    // It ran once the partner had every account: after the write pass that wrote the last of them began.
    const passes = (await h.runtime.stores.runs.latest(1_000)).filter((r) => r.trigger === 'write-back' && r.connectionId === 'northwind').sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    let written = 0;
    const last = passes.find((pass) => (written += pass.counts.written) >= 1_000);
    expect(last).toBeDefined();
    expect(run?.processedOn).toBeGreaterThan(Date.parse(last?.startedAt ?? ''));
    expect(h.partner.portal.stores.companies.size).toBe(1_000);
  }, 60_000);
});
