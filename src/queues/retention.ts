import type { DefaultJobOptions, KeepJobs } from 'bullmq';

/**
 * How long finished jobs stay in Redis. Completed jobs are only for the dashboard's recent history;
 * failed ones stay longer for investigation (their payloads are also kept in the dead-letter queue).
 */
export const KEEP_COMPLETED: KeepJobs = { age: 24 * 3600, count: 1_000 };
export const KEEP_FAILED: KeepJobs = { age: 14 * 24 * 3600, count: 10_000 };

/** Cap on each queue's event stream (BullMQ trims it approximately to this length). */
export const EVENT_STREAM_MAX_LEN = 10_000;

/** Retries back off exponentially from one second: 1 s, 2 s, 4 s, 8 s between five attempts. */
export function defaultJobOptions(attempts: number): DefaultJobOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}
