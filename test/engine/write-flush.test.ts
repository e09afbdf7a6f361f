import { afterEach, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../../src/sandbox/fault-settings.js';
import { FEEDING_LIFETIME_MS } from '../../src/state/feeding-passes.js';
import { closeHarness, drained, seedVendor, startHarness, syncOnce, type Harness } from '../helpers/hubspot-engine-harness.js';
import { waitFor } from '../helpers/test-redis.js';

let harness: Harness | undefined;
const vendorAccounts = { connectionId: 'vendor', object: 'account' as const };
const northwindAccounts = { connectionId: 'northwind', object: 'account' as const };
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

  it('given a long coalescing window, then a pass\'s whole batches and its rest are written at once, while a change a webhook names alone waits the window for more', async () => {
    const window = 6_000;
    const h = (harness = await startHarness(['northwind'], { coalesceMs: window }));
    // 50 records, less than a batch: they go when the pass ends, not a window after their page was routed.
    await seedVendor(h.vendor, 50);
    let started = Date.now();
    await syncOnce(h);
    expect(Date.now() - started).toBeLessThan(window);
    expect(h.partner.portal.stores.companies.size).toBe(50);
    // 250 more in pages of 100: whole batches go as they come, the rest when the pass ends.
    await seedVendor(h.vendor, 250);
    started = Date.now();
    await syncOnce(h);
    expect(Date.now() - started).toBeLessThan(window);
    expect(h.partner.portal.stores.companies.size).toBe(300);

    // One change, named by a webhook delivery: less than a batch, nothing has ended, so its flush waits.
    const [company] = [...h.vendor.portal.stores.companies.all()];
    if (!company) throw new Error('the vendor has companies');
    const answer = await fetch(`${h.vendor.url}/crm/v3/objects/companies/batch/update`, { method: 'POST', headers: { authorization: `Bearer ${h.vendor.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ inputs: [{ id: String(company.id), properties: { name: 'Renamed alone' } }] }) });
    expect(answer.status).toBe(200);
    const jobId = await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'webhook', recordIds: [String(company.id)] });
    await waitFor(async () => (await h.ingest.queue.getJobState(jobId)) === 'completed', { what: 'webhook ingest', timeoutMs: 10_000 });
    const flushes = await h.runtime.writeBack.queue.getJobs(['delayed']);
    expect(flushes.map((job) => [job.name, job.opts.delay])).toEqual([['flush', window]]);
    expect(await h.runtime.stores.pending.count('northwind', 'account')).toBe(1);
    // Brought forward by a whole batch waiting: 99 more records named together make one.
    const more = [...h.vendor.portal.stores.companies.all()].slice(1, 100).map((c) => ({ id: String(c.id), properties: { name: `Renamed ${String(c.id)}` } }));
    await fetch(`${h.vendor.url}/crm/v3/objects/companies/batch/update`, { method: 'POST', headers: { authorization: `Bearer ${h.vendor.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ inputs: more }) });
    const moreAt = Date.now();
    await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'webhook', recordIds: more.map((c) => c.id) });
    await drained(h, window);
    expect(Date.now() - moreAt).toBeLessThan(window);
    const renamed = [...h.partner.portal.stores.companies.all()].filter((c) => c.properties.get('name')?.startsWith('Renamed'));
    expect(renamed).toHaveLength(100);
  }, 60_000);

  it('given a long coalescing window, then the overlap writes of an account mapping run go as the run ends, not a window later', async () => {
    const window = 4_000;
    const h = (harness = await startHarness(['northwind'], { coalesceMs: window }, { mappings: 'mappings' }));
    const create = async (url: string, token: string, name: string): Promise<void> => {
      const answer = await fetch(`${url}/crm/v3/objects/companies/batch/create`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ inputs: [{ properties: { name, domain: 'zentrix-logistics.com', website: 'https://www.zentrix-logistics.com/' } }] }) });
      expect(answer.status).toBe(201);
    };
    await create(h.vendor.url, h.vendor.accessToken, 'Zentrix Logistics');
    await create(h.partner.url, h.partner.accessToken, 'Zentrix Logistics GmbH');
    await syncOnce(h, 'northwind');
    await syncOnce(h);
    // Account mapping runs a window after the account changes; the vendor's account gets its partner from that run.
    await waitFor(async () => ((await h.runtime.accountMapping.queue.queue.getJobCounts('completed')).completed ?? 0) > 0 || undefined, { what: 'an account mapping run', timeoutMs: 3 * window, intervalMs: 20 });
    const ranAt = Date.now();
    const vendorAccount = () => [...h.vendor.portal.stores.companies.all()].find((c) => c.properties.get('name') === 'Zentrix Logistics');
    await waitFor(() => Promise.resolve((vendorAccount()?.properties.get('cosell_partners') ?? '').includes('northwind') || undefined), { what: 'the partner written to the vendor account', timeoutMs: 3 * window, intervalMs: 20 });
    expect(Date.now() - ranAt).toBeLessThan(window / 2);
  }, 60_000);

  it('given an incremental pass whose pages fill no whole batch, arriving slower than the coalescing window, then only whole batches go out while it reads and the rest once it ends: the fewest calls', async () => {
    const h = (harness = await startHarness());
    await seedVendor(h.vendor, 1_000);
    await syncOnce(h);
    const earlier = new Set((await h.runtime.stores.runs.latest(100)).map((r) => r.id));

    // 700 renamed and 300 changed in a property no mapping reads, mixed: the pass reads 5 pages of 200, each
    // bringing about 140 records to write. Pages come 100 ms apart, past the harness's 50 ms coalescing window.
    const companies = [...h.vendor.portal.stores.companies.all()].sort((a, b) => a.id - b.id);
    for (let start = 0; start < companies.length; start += 100) {
      const inputs = companies.slice(start, start + 100).map((company, i) => ({
        id: String(company.id),
        properties: (start + i) % 10 < 7 ? { name: `Renamed ${String(company.id)}` } : { description: 'noted' },
      }));
      const answer = await fetch(`${h.vendor.url}/crm/v3/objects/companies/batch/update`, { method: 'POST', headers: { authorization: `Bearer ${h.vendor.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ inputs }) });
      expect(answer.status).toBe(200);
    }
    h.vendor.configure({ faults: { ...NO_FAULTS, latencyMs: 100 } });
    await syncOnce(h);

    const renamed = [...h.partner.portal.stores.companies.all()].filter((c) => c.properties.get('name')?.startsWith('Renamed '));
    expect(renamed).toHaveLength(700);
    const runs = (await h.runtime.stores.runs.latest(100)).filter((r) => !earlier.has(r.id));
    const reads = runs.filter((r) => r.trigger !== 'write-back');
    expect(reads.map((r) => r.counts.read)).toEqual([1_000]);
    const writes = runs.filter((r) => r.trigger === 'write-back');
    expect(writes.reduce((n, r) => n + r.counts.written, 0)).toBe(700);
    // 7 calls of 100; a pass taking the ~40 left over from each page would make 2 calls a page, 10 in all.
    expect(writes.reduce((n, r) => n + r.counts.apiCalls, 0)).toBe(7);
    expect(await h.runtime.stores.feeding.live('northwind', 'account')).toBe(false);
  }, 60_000);

  it('given a pass feeding the target, then a flush of less than a batch leaves it waiting without a run, a replay does not wait, and the pass\'s end writes the rest; a pass that died holds nothing once it lapses', async () => {
    const h = (harness = await startHarness());
    await seedVendor(h.vendor, 160);
    // The vendor's companies stored and linked, nothing waiting: a pass that routed them, without its flushes.
    const writer = h.workers.workers.find((worker) => worker.name === 'write-back');
    if (!writer) throw new Error('the harness runs a write-back worker');
    const ingestOnly = async (): Promise<void> => {
      const jobId = await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
      await waitFor(async () => (await h.ingest.queue.getJobState(jobId)) === 'completed', { what: 'ingest pass', timeoutMs: 30_000 });
    };
    await writer.pause();
    await ingestOnly();
    const ids = await h.runtime.stores.pending.peek('northwind', 'account', 1_000);
    expect(ids).toHaveLength(160);
    await h.runtime.writeBack.queue.obliterate({ force: true });
    await writer.resume();
    const flush = async (payload: { canonicalIds?: string[] } = {}): Promise<void> => {
      const jobId = await h.runtime.writeBack.add('flush', { connectionId: 'northwind', object: 'account', ...payload });
      await waitFor(async () => (await h.runtime.writeBack.queue.getJobState(jobId)) === 'completed', { what: 'flush done', timeoutMs: 10_000 });
    };
    const writeRuns = async () => (await h.runtime.stores.runs.latest(100)).filter((r) => r.trigger === 'write-back');

    // A pass feeding northwind: 160 waiting make one whole batch now, 60 held.
    await h.runtime.stores.feeding.feed(vendorAccounts, [northwindAccounts], 'feeding-job');
    await flush();
    expect(h.partner.portal.stores.companies.size).toBe(100);
    expect(await h.runtime.stores.pending.count('northwind', 'account')).toBe(60);
    // Less than a batch left: the next flush writes nothing and records no run.
    const runsBefore = (await writeRuns()).length;
    await flush();
    expect(await h.runtime.stores.pending.count('northwind', 'account')).toBe(60);
    expect(await writeRuns()).toHaveLength(runsBefore);
    // The pass ends (as endFeeding does: it feeds no more, then flushes): the rest goes.
    await h.runtime.stores.feeding.done(vendorAccounts, 'feeding-job');
    await flush();
    expect(h.partner.portal.stores.companies.size).toBe(160);
    expect(await h.runtime.stores.pending.count('northwind', 'account')).toBe(0);

    // A replay someone asked for goes at once, whatever feeds the target.
    const queueNew = async (count: number): Promise<void> => {
      await seedVendor(h.vendor, count);
      await writer.pause();
      await ingestOnly();
      await h.runtime.writeBack.queue.obliterate({ force: true });
      await writer.resume();
      expect(await h.runtime.stores.pending.count('northwind', 'account')).toBe(count);
    };
    await queueNew(30);
    await h.runtime.stores.feeding.feed(vendorAccounts, [northwindAccounts], 'feeding-job');
    const waiting = (await h.runtime.stores.pending.peek('northwind', 'account', 100)).map((p) => p.canonicalId);
    await flush({ canonicalIds: waiting.slice(0, 10) });
    expect(await h.runtime.stores.pending.count('northwind', 'account')).toBe(0);
    expect(h.partner.portal.stores.companies.size).toBe(190);
    await h.runtime.stores.feeding.done(vendorAccounts, 'feeding-job');

    // A pass that died while feeding: once it lapses, a flush writes what waits.
    await queueNew(20);
    await h.runtime.stores.feeding.feed(vendorAccounts, [northwindAccounts], 'died', Date.now() - 61_000);
    await flush();
    expect(await h.runtime.stores.pending.count('northwind', 'account')).toBe(0);
    expect(h.partner.portal.stores.companies.size).toBe(210);
  }, 60_000);

  it('given an attempt of an ingest job that died while feeding, then its retry ends the feeding and writes what was held though it routes nothing; a job that died for good holds until it lapses, and the next pass of its source writes the rest', async () => {
    const h = (harness = await startHarness());
    const writer = h.workers.workers.find((worker) => worker.name === 'write-back');
    if (!writer) throw new Error('the harness runs a write-back worker');
    const pass = async (jobId?: string): Promise<void> => {
      const id = await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' }, jobId ? { jobId } : {});
      await waitFor(async () => (await h.ingest.queue.getJobState(id)) === 'completed', { what: 'ingest pass', timeoutMs: 30_000 });
    };
    const heldBy = async (deadJob: string, lastPage: number): Promise<void> => {
      await seedVendor(h.vendor, 40);
      await writer.pause();
      await pass();
      await h.runtime.writeBack.queue.obliterate({ force: true });
      // As if an attempt of deadJob routed the 40 and its process died before ending the pass.
      await h.runtime.stores.feeding.feed(vendorAccounts, [northwindAccounts], deadJob, lastPage);
      await writer.resume();
      const flush = await h.runtime.writeBack.add('flush', northwindAccounts);
      await waitFor(async () => (await h.runtime.writeBack.queue.getJobState(flush)) === 'completed', { what: 'flush done', timeoutMs: 10_000 });
      expect(await h.runtime.stores.pending.count('northwind', 'account')).toBe(40);
    };

    // BullMQ runs the job again (a stalled job): the same job id ends the feeding at once.
    await heldBy('ingest-job-7', Date.now());
    await pass('ingest-job-7');
    await waitFor(async () => (await h.runtime.stores.pending.count('northwind', 'account')) === 0, { what: 'the held records written', timeoutMs: 10_000 });
    expect(h.partner.portal.stores.companies.size).toBe(40);

    // No retry: the feeding lapses (here 1.5 s after the flush), and the next pass of the vendor's accounts writes them.
    await heldBy('ingest-job-8', Date.now() - FEEDING_LIFETIME_MS + 1_500);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await pass();
    await waitFor(async () => (await h.runtime.stores.pending.count('northwind', 'account')) === 0, { what: 'the held records written', timeoutMs: 10_000 });
    expect(h.partner.portal.stores.companies.size).toBe(80);
  }, 60_000);

  it('given a source that once fed a connection since taken out of the workspace, then its passes queue no flush for it', async () => {
    const h = (harness = await startHarness());
    const gone = { connectionId: 'initech', object: 'account' as const };
    // Fed long ago (lapsed): the source still lists both as its targets.
    await h.runtime.stores.feeding.feed(vendorAccounts, [gone, northwindAccounts], 'earlier-job', Date.now() - FEEDING_LIFETIME_MS - 1_000);
    await h.runtime.stores.pending.mark('initech', 'account', ['acc_0000000000000000000001']);
    await seedVendor(h.vendor, 5);
    await syncOnce(h);
    expect(h.partner.portal.stores.companies.size).toBe(5);
    const jobs = await h.runtime.writeBack.queue.getJobs(['completed', 'failed', 'waiting', 'delayed', 'active']);
    expect(jobs.filter((job) => (job.data as { connectionId?: string }).connectionId === 'initech')).toEqual([]);
    expect(jobs.length).toBeGreaterThan(0);
  }, 30_000);

  it('given a flush with nothing waiting (a pass before it took everything), then it ends without a pass or a run', async () => {
    const h = (harness = await startHarness());
    const jobId = await h.runtime.writeBack.add('flush', { connectionId: 'northwind', object: 'account' });
    await waitFor(async () => (await h.runtime.writeBack.queue.getJobState(jobId)) === 'completed', { what: 'flush done', timeoutMs: 10_000 });
    expect((await h.runtime.stores.runs.latest(10)).filter((r) => r.trigger === 'write-back')).toEqual([]);
  });
});
