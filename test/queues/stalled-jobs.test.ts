import { Queue, Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadLetterQueue } from '../../src/queues/dead-letter-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { createQueueWorker, STALLED_CHECK_MS } from '../../src/queues/queue-worker.js';
import { silentLogger, testWorkspace, waitFor, type TestWorkspace } from '../helpers/test-redis.js';

let ws: TestWorkspace;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await ws.cleanup();
});

describe('a job whose worker died', () => {
  it('given a job left active by a dead worker, when its lock lapses, then a live worker takes it within a few stalled checks, not BullMQ\'s minute', async () => {
    ws = await testWorkspace();
    const raw = new Queue(ingestQueue.name, ws.connection);
    closers.push(() => raw.close());
    const job = await raw.add('poll', { connectionId: 'northwind', object: 'account', trigger: 'manual' });

    // The dying worker: takes the job (active, locked for 500 ms) and is gone without finishing or renewing it.
    const dying = new Worker(ingestQueue.name, null, { connection: ws.redis, prefix: ws.prefix, autorun: false, lockDuration: 500 });
    const taken = await dying.getNextJob('dead-worker-token');
    expect(taken.id).toBe(job.id);
    await dying.close(true);
    expect(await raw.getJobState(job.id ?? '')).toBe('active');

    const deadLetters = new DeadLetterQueue(ws.connection);
    const ran: number[] = [];
    const started = Date.now();
    const worker = createQueueWorker({
      definition: ingestQueue,
      processor: () => {
        ran.push(Date.now() - started);
        return Promise.resolve('synced');
      },
      connection: ws.connection,
      deadLetters,
      logger: silentLogger,
    });
    closers.push(() => deadLetters.close(), () => worker.close());

    // One check marks the active job as a stall candidate, the next finds its lock gone and moves it to waiting.
    await waitFor(async () => (await raw.getJobState(job.id ?? '')) === 'completed', { what: 'the dead worker\'s job completed', timeoutMs: 3 * STALLED_CHECK_MS });
    expect(ran).toHaveLength(1);
    // BullMQ's default check, every 30 s, would have taken 30 s at least.
    expect(ran[0]).toBeLessThan(3 * STALLED_CHECK_MS);
    expect(await deadLetters.count()).toBe(0);
  });
});
