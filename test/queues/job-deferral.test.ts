import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../connectors/shared/deferral-errors.js';
import { DeadLetterQueue } from '../../src/queues/dead-letter-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { createQueueWorker } from '../../src/queues/queue-worker.js';
import { CaptureStream } from '../helpers/capture-stream.js';
import { silentLogger, testWorkspace, waitFor, type TestWorkspace } from '../helpers/test-redis.js';

let ws: TestWorkspace;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await ws.cleanup();
});

describe('job deferral', () => {
  it('given a processor throttled twice by the CRM, when it runs, then the job waits as told, spends no attempt, and then completes', async () => {
    ws = await testWorkspace();
    const deadLetters = new DeadLetterQueue(ws.connection);
    const runs: number[] = [];
    const worker = createQueueWorker({
      definition: ingestQueue,
      processor: () => {
        runs.push(Date.now());
        if (runs.length <= 2) return Promise.reject(new RateLimitedError('northwind', 300, 'RATE_LIMIT'));
        return Promise.resolve('synced');
      },
      connection: ws.connection,
      deadLetters,
      logger: silentLogger,
    });
    const raw = new Queue(ingestQueue.name, ws.connection);
    closers.push(() => deadLetters.close(), () => worker.close(), () => raw.close());
    // One attempt only: a deferral that spent attempts would fail this job.
    const job = await raw.add('poll', { connectionId: 'northwind', object: 'account', trigger: 'manual' }, { attempts: 1 });

    await waitFor(async () => (await (await raw.getJob(job.id ?? ''))?.getState()) === 'completed', {
      what: 'job completed',
    });
    const done = await raw.getJob(job.id ?? '');
    expect(done?.returnvalue).toBe('synced');
    // BullMQ counts the finishing attempt; the two deferrals counted nothing.
    expect(done?.attemptsMade).toBe(1);
    expect(runs).toHaveLength(3);
    expect((runs[1] ?? 0) - (runs[0] ?? 0)).toBeGreaterThanOrEqual(290);
    expect(await deadLetters.count()).toBe(0);
  });

  it('given a deferral that only waits its turn, then it is logged at debug, and a throttled job still warns', async () => {
    ws = await testWorkspace();
    const deadLetters = new DeadLetterQueue(ws.connection);
    const lines = new CaptureStream();
    const waitingTurn = Object.assign(new Error('account writes are waiting'), { deferMs: 50, routine: true });
    let runs = 0;
    const worker = createQueueWorker({
      definition: ingestQueue,
      processor: () => {
        runs += 1;
        if (runs === 1) return Promise.reject(waitingTurn);
        if (runs === 2) return Promise.reject(new RateLimitedError('northwind', 50, 'RATE_LIMIT'));
        return Promise.resolve('synced');
      },
      connection: ws.connection,
      deadLetters,
      logger: pino({ level: 'debug' }, lines),
    });
    const raw = new Queue(ingestQueue.name, ws.connection);
    closers.push(() => deadLetters.close(), () => worker.close(), () => raw.close());
    const job = await raw.add('poll', { connectionId: 'northwind', object: 'account', trigger: 'manual' }, { attempts: 1 });
    await waitFor(async () => (await (await raw.getJob(job.id ?? ''))?.getState()) === 'completed', { what: 'job completed' });

    const deferrals = lines.lines().filter((line) => line.deferMs !== undefined).map((line) => [line.level, line.msg]);
    expect(deferrals).toEqual([
      [20, 'job waits its turn without spending an attempt'],
      [40, 'job deferred without spending an attempt'],
    ]);
  });
});
