import { Queue, type Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadLetterQueue } from '../../src/queues/dead-letter-queue.js';
import { InvalidJobPayloadError } from '../../src/queues/invalid-job-payload-error.js';
import { JobQueue } from '../../src/queues/job-queue.js';
import { PayloadTooLargeError } from '../../src/queues/payload-too-large-error.js';
import { ingestQueue, writeBackQueue } from '../../src/queues/queue-catalog.js';
import { createQueueWorker } from '../../src/queues/queue-worker.js';
import { silentLogger, testWorkspace, waitFor, type TestWorkspace } from '../helpers/test-redis.js';

let ws: TestWorkspace;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await ws.cleanup();
});

async function setup(): Promise<{ ingest: JobQueue<typeof ingestQueue.payload>; raw: Queue }> {
  ws = await testWorkspace();
  const ingest = new JobQueue(ingestQueue, ws.connection);
  const raw = new Queue(ingestQueue.name, ws.connection);
  closers.push(() => ingest.close(), () => raw.close());
  return { ingest, raw };
}

describe('job payload validation', () => {
  it('given a valid payload, when enqueued, then the job carries exactly the parsed payload', async () => {
    const { ingest, raw } = await setup();
    const id = await ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'schedule' });
    const job = await raw.getJob(id);
    expect(job?.data).toEqual({ connectionId: 'vendor', object: 'account', trigger: 'schedule' });
    expect(job?.opts.attempts).toBe(5);
    expect(job?.opts.removeOnComplete).toEqual({ age: 86400, count: 1000 });
  });

  it.each([
    ['a missing field', { connectionId: 'vendor', object: 'account' }, 'trigger'],
    ['an unknown object', { connectionId: 'vendor', object: 'deal', trigger: 'manual' }, 'object'],
    ['an extra field (a whole record)', { connectionId: 'vendor', object: 'account', trigger: 'manual', record: { Name: 'x' } }, 'record'],
    ['a connection id that is not an id', { connectionId: 'Vendor Org', object: 'account', trigger: 'manual' }, 'connectionId'],
    ['an empty id list', { connectionId: 'vendor', object: 'account', trigger: 'webhook', recordIds: [] }, 'recordIds'],
  ])('given %s, when enqueued, then it is refused naming the field and nothing is written', async (_case, payload, field) => {
    const { ingest, raw } = await setup();
    const error = await ingest.addUnknown('poll', payload).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidJobPayloadError);
    expect((error as InvalidJobPayloadError).message).toContain(field);
    expect((error as InvalidJobPayloadError).message).toContain('nothing was enqueued');
    expect(await raw.count()).toBe(0);
  });

  it('given a payload over the size limit, when enqueued, then it is refused as too large', async () => {
    ws = await testWorkspace();
    const writeBack = new JobQueue(writeBackQueue, ws.connection);
    closers.push(() => writeBack.close());
    const canonicalIds = Array.from({ length: 500 }, (_, i) => `canonical-account-${String(i).padStart(40, '0')}`);
    const error = await writeBack
      .add('write', { connectionId: 'northwind', object: 'account', canonicalIds })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).message).toMatch(/over the 16384-byte limit.*record ids, not records/);
    expect(await writeBack.queue.count()).toBe(0);
  });

  it('given an invalid payload that bypassed the producer, when processed, then it goes to the dead-letter queue at once, unretried', async () => {
    const { raw } = await setup();
    const deadLetters = new DeadLetterQueue(ws.connection);
    let processed = 0;
    const worker: Worker = createQueueWorker({
      definition: ingestQueue,
      processor: () => {
        processed += 1;
        return Promise.resolve();
      },
      connection: ws.connection,
      deadLetters,
      logger: silentLogger,
    });
    closers.push(() => deadLetters.close(), () => worker.close());
    const job = await raw.add('poll', { connectionId: 'vendor', object: 'invoice' }, { attempts: 5 });

    const [entry] = await waitFor(async () => {
      const entries = await deadLetters.list();
      return entries.length > 0 ? entries : undefined;
    }, { what: 'dead-letter entry' });
    expect(processed).toBe(0);
    expect(entry).toMatchObject({
      queue: 'ingest',
      jobId: job.id,
      payload: { connectionId: 'vendor', object: 'invoice' },
      attemptsMade: 1,
      error: { name: 'InvalidJobPayloadError' },
    });
    expect(entry?.error.message).toContain('object');
    const failed = await waitFor(async () => (await raw.getJob(job.id ?? ''))?.failedReason, { what: 'failure' });
    expect(failed).toContain('invalid payload');
    expect((await raw.getJob(job.id ?? ''))?.attemptsMade).toBe(1);
  });
});
