import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { parseDuration } from '../config/duration.js';
import type { Schedule } from '../config/schedule-schema.js';
import type { Logger } from '../logging/logger.js';
import type { JobQueue } from '../queues/job-queue.js';
import type { ingestQueue } from '../queues/queue-catalog.js';
import { validatePayload } from '../queues/validate-payload.js';
import { stateKey } from '../redis/key-prefix.js';

const SCHEDULER_PREFIX = 'poll--';
const LOCK_MS = 30_000;

/** KEYS[1] lock   ARGV[1] owner. Releases the lock only if still owned. Returns 1 or 0. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface ReconcileResult {
  status: 'reconciled' | 'skipped';
  created: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
}

interface DesiredScheduler {
  id: string;
  connectionId: string;
  object: Schedule['objects'][number];
  every?: number;
  pattern?: string;
  tz?: string;
}

export function schedulerId(connectionId: string, object: string): string {
  return `${SCHEDULER_PREFIX}${connectionId}--${object}`;
}

/**
 * Makes the ingest queue's job schedulers match the workspace's `schedules`: one scheduler per connection
 * and object, created, changed or removed as needed and left alone when unchanged (so restarts keep their
 * timing). One process reconciles at a time (a Redis lock); others skip, so several instances never
 * duplicate or fight over schedules.
 */
export async function reconcileSchedules(options: {
  queue: JobQueue<typeof ingestQueue.payload>;
  schedules: readonly Schedule[];
  redis: Redis;
  prefix: string;
  logger: Logger;
}): Promise<ReconcileResult> {
  const { queue, redis, logger } = options;
  const result: ReconcileResult = { status: 'skipped', created: [], updated: [], removed: [], unchanged: [] };
  const lock = stateKey(options.prefix, 'lock', 'schedules');
  const owner = randomUUID();
  if ((await redis.set(lock, owner, 'PX', LOCK_MS, 'NX')) !== 'OK') {
    logger.info('another process is reconciling the polling schedules; skipping');
    return result;
  }
  try {
    const desired = new Map(desiredSchedulers(options.schedules).map((d) => [d.id, d]));
    const existing = (await queue.queue.getJobSchedulers(0, -1)).filter((s) => s.key.startsWith(SCHEDULER_PREFIX));
    for (const scheduler of existing) {
      if (desired.has(scheduler.key)) continue;
      await queue.queue.removeJobScheduler(scheduler.key);
      result.removed.push(scheduler.key);
    }
    for (const wanted of desired.values()) {
      const current = existing.find((s) => s.key === wanted.id);
      const same = current?.every === wanted.every && current?.pattern === wanted.pattern && current?.tz === wanted.tz;
      if (current && same) {
        result.unchanged.push(wanted.id);
        continue;
      }
      const data = validatePayload(queue.definition, { connectionId: wanted.connectionId, object: wanted.object, trigger: 'schedule' }, 'enqueue');
      await queue.queue.upsertJobScheduler(
        wanted.id,
        wanted.every === undefined ? { pattern: wanted.pattern, ...(wanted.tz ? { tz: wanted.tz } : {}) } : { every: wanted.every },
        { name: 'poll', data },
      );
      (current ? result.updated : result.created).push(wanted.id);
    }
    result.status = 'reconciled';
    logger.info(
      { created: result.created.length, updated: result.updated.length, removed: result.removed.length, unchanged: result.unchanged.length },
      'polling schedules reconciled',
    );
    return result;
  } finally {
    await redis.eval(RELEASE, 1, lock, owner);
  }
}

function desiredSchedulers(schedules: readonly Schedule[]): DesiredScheduler[] {
  return schedules.flatMap((schedule) =>
    schedule.objects.map((object) => ({
      id: schedulerId(schedule.connection, object),
      connectionId: schedule.connection,
      object,
      ...(schedule.every === undefined ? {} : { every: parseDuration(schedule.every) }),
      ...(schedule.cron === undefined ? {} : { pattern: schedule.cron }),
      ...(schedule.timezone === undefined ? {} : { tz: schedule.timezone }),
    })),
  );
}
