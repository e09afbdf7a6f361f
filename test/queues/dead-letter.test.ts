import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadLetterQueue } from '../../src/queues/dead-letter-queue.js';
import { JobQueue } from '../../src/queues/job-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { createQueueWorker } from '../../src/queues/queue-worker.js';
import { DeadLetterNotFoundError } from '../../src/queues/dead-letter-not-found-error.js';
import { replayDeadLetter } from '../../src/queues/replay-dead-letter.js';
import { FakeCrmRefusal } from '../helpers/crm-error.js';
import { silentLogger, testWorkspace, waitFor, type TestWorkspace } from '../helpers/test-redis.js';

let ws: TestWorkspace;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await ws.cleanup();
});

const payload = { connectionId: 'northwind', object: 'account', trigger: 'manual' } as const;

describe('dead-letter queue', () => {
  it('given a job that fails every attempt with a CRM error, then after the last attempt the DLQ keeps payload, error name, message and CRM code', async () => {
    ws = await testWorkspace();
    const ingest = new JobQueue(ingestQueue, ws.connection);
    const deadLetters = new DeadLetterQueue(ws.connection);
    let attempts = 0;
    const worker = createQueueWorker({
      definition: ingestQueue,
      processor: () => {
        attempts += 1;
        return Promise.reject(
          new Error('write failed', {
            cause: new FakeCrmRefusal('Amount: value not of required type', 'FIELD_INTEGRITY_EXCEPTION', 400),
          }),
        );
      },
      connection: ws.connection,
      deadLetters,
      logger: silentLogger,
    });
    closers.push(() => ingest.close(), () => deadLetters.close(), () => worker.close());

    const raw = new Queue(ingestQueue.name, ws.connection);
    closers.push(() => raw.close());
    const job = await raw.add('poll', payload, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });

    const entry = await waitFor(async () => (await deadLetters.list())[0], { what: 'dead letter' });
    expect(attempts).toBe(3);
    expect(entry).toMatchObject({
      queue: 'ingest',
      jobId: job.id,
      jobName: 'poll',
      payload,
      attemptsMade: 3,
      error: { name: 'Error', message: 'write failed', crmCode: 'FIELD_INTEGRITY_EXCEPTION', httpStatus: 400 },
    });
    expect(Date.parse(entry.failedAt)).not.toBeNaN();
    expect(await deadLetters.count()).toBe(1);
    // Earlier attempts are retries, not dead letters: exactly one entry for the job.
    await waitFor(async () => (await raw.getJob(job.id ?? ''))?.finishedOn, { what: 'job marked failed' });
    expect(await raw.getFailedCount()).toBe(1);
    expect(await deadLetters.count()).toBe(1);
  });

  it('given a parked job, when replayed after the cause is fixed, then it runs again and leaves the DLQ; a second replay finds nothing', async () => {
    ws = await testWorkspace();
    const deadLetters = new DeadLetterQueue(ws.connection);
    let fixed = false;
    const seen: unknown[] = [];
    const worker = createQueueWorker({
      definition: ingestQueue,
      processor: (data) => {
        if (!fixed) return Promise.reject(new FakeCrmRefusal('bad mapping', 'INVALID_FIELD', 400));
        seen.push(data);
        return Promise.resolve('done');
      },
      connection: ws.connection,
      deadLetters,
      logger: silentLogger,
    });
    const raw = new Queue(ingestQueue.name, ws.connection);
    closers.push(() => deadLetters.close(), () => worker.close(), () => raw.close());
    await raw.add('poll', payload, { attempts: 1 });
    const entry = await waitFor(async () => (await deadLetters.list())[0], { what: 'dead letter' });

    fixed = true;
    const result = await replayDeadLetter(deadLetters, entry.id, ws.connection);
    expect(result).toMatchObject({ entryId: entry.id, queue: 'ingest', jobId: `replay--${entry.id}` });
    await waitFor(() => Promise.resolve(seen.length > 0), { what: 'replayed job processed' });
    expect(seen).toEqual([payload]);
    expect(await deadLetters.count()).toBe(0);
    await expect(replayDeadLetter(deadLetters, entry.id, ws.connection)).rejects.toBeInstanceOf(
      DeadLetterNotFoundError,
    );
  });

  it('given a parked payload that is invalid under the current schema, when replayed, then it is refused and the entry stays', async () => {
    ws = await testWorkspace();
    const deadLetters = new DeadLetterQueue(ws.connection);
    const raw = new Queue(ingestQueue.name, ws.connection);
    closers.push(() => deadLetters.close(), () => raw.close());
    const fakeJob = await raw.add('poll', { connectionId: 'vendor' });
    const id = await deadLetters.record(fakeJob, new Error('bad'));
    await expect(replayDeadLetter(deadLetters, id, ws.connection)).rejects.toThrow(/invalid payload.*object/);
    expect(await deadLetters.get(id)).toBeDefined();
    // Recording the same failure twice keeps one entry (a crash between recording and failing the job).
    await deadLetters.record(fakeJob, new Error('bad'));
    expect(await deadLetters.count()).toBe(1);
  });
});
