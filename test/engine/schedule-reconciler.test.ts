import { afterEach, describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/config/schedule-schema.js';
import { reconcileSchedules } from '../../src/engine/schedule-reconciler.js';
import { JobQueue } from '../../src/queues/job-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { silentLogger, testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let ws: TestWorkspace;
let queue: JobQueue<typeof ingestQueue.payload>;
afterEach(async () => {
  await queue.close();
  await ws.cleanup();
});

const schedules: Schedule[] = [
  { connection: 'vendor', objects: ['account', 'opportunity'], every: '5m' },
  { connection: 'northwind', objects: ['account'], cron: '0 */2 * * *', timezone: 'Europe/Berlin' },
];

async function setup(): Promise<void> {
  ws = await testWorkspace();
  queue = new JobQueue(ingestQueue, ws.connection);
}

const reconcile = (list: readonly Schedule[]): ReturnType<typeof reconcileSchedules> =>
  reconcileSchedules({ queue, schedules: list, redis: ws.redis, prefix: ws.prefix, logger: silentLogger });

describe('polling schedule reconciliation', () => {
  it('given the workspace schedules, then one scheduler per connection and object exists, with the right timing and payload', async () => {
    await setup();
    const result = await reconcile(schedules);
    expect(result.created.sort()).toEqual(['poll--northwind--account', 'poll--vendor--account', 'poll--vendor--opportunity']);
    const stored = await queue.queue.getJobSchedulers(0, -1);
    const northwind = stored.find((s) => s.key === 'poll--northwind--account');
    expect(northwind).toMatchObject({ pattern: '0 */2 * * *', tz: 'Europe/Berlin' });
    expect(stored.find((s) => s.key === 'poll--vendor--account')?.every).toBe(300_000);
    expect(northwind?.template?.data).toEqual({ connectionId: 'northwind', object: 'account', trigger: 'schedule' });
  });

  it('given a restart with the same schedules, then nothing is recreated (timers keep their rhythm)', async () => {
    await setup();
    await reconcile(schedules);
    const again = await reconcile(schedules);
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toHaveLength(3);
    expect(await queue.queue.getJobSchedulersCount()).toBe(3);
  });

  it('given changed schedules, then changed ones are updated and dropped ones removed', async () => {
    await setup();
    await reconcile(schedules);
    const result = await reconcile([{ connection: 'vendor', objects: ['account'], every: '1m' }]);
    expect(result.updated).toEqual(['poll--vendor--account']);
    expect(result.removed.sort()).toEqual(['poll--northwind--account', 'poll--vendor--opportunity']);
    const stored = await queue.queue.getJobSchedulers(0, -1);
    expect(stored.map((s) => `${s.key}:${String(s.every)}`)).toEqual(['poll--vendor--account:60000']);
  });

  it('given several instances starting at once, then one reconciles, the others skip, and no scheduler is duplicated', async () => {
    await setup();
    const results = await Promise.all([reconcile(schedules), reconcile(schedules), reconcile(schedules)]);
    expect(results.filter((r) => r.status === 'reconciled')).toHaveLength(1);
    expect(await queue.queue.getJobSchedulersCount()).toBe(3);
  });
});
