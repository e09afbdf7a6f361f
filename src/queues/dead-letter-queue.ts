import { Queue, type Job } from 'bullmq';
import { z } from 'zod';
import { crmErrorDetails } from './crm-error-details.js';
import type { QueueConnection } from './job-queue.js';
import { EVENT_STREAM_MAX_LEN } from './retention.js';

export const DEAD_LETTER_QUEUE = 'dead-letter';

/** What the dead-letter queue keeps of a job that failed for good: enough to understand and replay it. */
export const DeadLetter = z.object({
  queue: z.string(),
  jobId: z.string(),
  jobName: z.string(),
  payload: z.unknown(),
  error: z.object({
    name: z.string(),
    message: z.string(),
    crmCode: z.string().optional(),
    httpStatus: z.number().optional(),
  }),
  attemptsMade: z.number(),
  enqueuedAt: z.string(),
  failedAt: z.string(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

export interface DeadLetterEntry extends DeadLetter {
  id: string;
}

/**
 * Failed jobs, parked. A BullMQ queue that no worker ever consumes: entries stay until an admin replays
 * or discards them, and the dashboard shows them like any queue.
 */
export class DeadLetterQueue {
  readonly queue: Queue;

  constructor({ connection, prefix }: QueueConnection) {
    this.queue = new Queue(DEAD_LETTER_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
      streams: { events: { maxLen: EVENT_STREAM_MAX_LEN } },
    });
  }

  /**
   * Parks a failed job. The entry id is derived from the job (queue, id, creation time), so recording
   * the same failure twice (a crash between recording and BullMQ marking it failed) keeps one entry.
   */
  async record(job: Job, error: Error): Promise<string> {
    const entryId = deadLetterId(job);
    const letter: DeadLetter = {
      queue: job.queueName,
      jobId: job.id ?? '',
      jobName: job.name,
      payload: job.data,
      error: { name: error.name, message: error.message, ...crmErrorDetails(error) },
      attemptsMade: job.attemptsMade + 1,
      enqueuedAt: new Date(job.timestamp).toISOString(),
      failedAt: new Date().toISOString(),
    };
    await this.queue.add(job.queueName, letter, { jobId: entryId });
    return entryId;
  }

  /**
   * Parks one record that failed inside an otherwise successful batch job. `replay` is the payload that
   * retries just this record on `queue`; the entry id is derived from it and the failure, so recording
   * the same failure twice keeps one entry.
   */
  async recordItem(item: {
    queue: string;
    jobId: string;
    jobName: string;
    replay: unknown;
    key: string;
    error: DeadLetter['error'];
    attemptsMade: number;
    enqueuedAt: string;
  }): Promise<string> {
    const entryId = `${item.queue}--${item.key}`.replace(/:/g, '-');
    const letter: DeadLetter = {
      queue: item.queue,
      jobId: item.jobId,
      jobName: item.jobName,
      payload: item.replay,
      error: item.error,
      attemptsMade: item.attemptsMade,
      enqueuedAt: item.enqueuedAt,
      failedAt: new Date().toISOString(),
    };
    await this.queue.add(item.queue, letter, { jobId: entryId });
    return entryId;
  }

  async list(start = 0, end = 49): Promise<DeadLetterEntry[]> {
    const jobs = await this.queue.getJobs(['waiting', 'prioritized', 'delayed'], start, end, true);
    return jobs.flatMap((job) => toEntry(job));
  }

  async get(id: string): Promise<DeadLetterEntry | undefined> {
    const job = await this.queue.getJob(id);
    return job ? toEntry(job)[0] : undefined;
  }

  async count(): Promise<number> {
    return this.queue.getJobCountByTypes('waiting', 'prioritized', 'delayed');
  }

  async discard(id: string): Promise<boolean> {
    const job = await this.queue.getJob(id);
    if (!job) return false;
    await job.remove();
    return true;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

export function deadLetterId(job: Job): string {
  return `${job.queueName}--${job.id ?? 'unknown'}--${job.timestamp}`;
}

function toEntry(job: Job | undefined): DeadLetterEntry[] {
  if (!job?.id) return [];
  const parsed = DeadLetter.safeParse(job.data);
  return parsed.success ? [{ ...parsed.data, id: job.id }] : [];
}
