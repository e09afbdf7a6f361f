import { DelayedError, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { z } from 'zod';
import { jobLogger, type Logger } from '../logging/logger.js';
import type { DeadLetterQueue } from './dead-letter-queue.js';
import { InvalidJobPayloadError } from './invalid-job-payload-error.js';
import { isDeferral } from './job-deferral.js';
import type { QueueConnection } from './job-queue.js';
import type { QueueDefinition } from './queue-definition.js';
import { KEEP_COMPLETED, KEEP_FAILED } from './retention.js';
import { validatePayload } from './validate-payload.js';

export interface JobContext {
  job: Job;
  logger: Logger;
  /** Aborted when the process is shutting down past its deadline: stop at the next safe point. */
  signal: AbortSignal;
}

export type JobProcessor<Schema extends z.ZodType, Result = unknown> = (
  payload: z.output<Schema>,
  context: JobContext,
) => Promise<Result>;

export interface QueueWorkerOptions<Schema extends z.ZodType, Result> {
  definition: QueueDefinition<Schema>;
  processor: JobProcessor<Schema, Result>;
  connection: QueueConnection;
  deadLetters: DeadLetterQueue;
  logger: Logger;
  concurrency?: number;
}

/**
 * How often the queue is checked for jobs whose worker died (SIGKILL, a lost machine). Such a job goes back to
 * waiting at the first check after its lock (BullMQ's 30 s, renewed every 15 s while its process runs) has
 * lapsed, so within about 35 s of the death instead of BullMQ's default 60. The lock itself is left at 30 s: a
 * shorter one could lapse while a busy process still runs the job, which would then run twice. A check is one
 * short Lua call per queue, run once per interval whatever the number of workers.
 */
export const STALLED_CHECK_MS = 5_000;

/** Raised inside a processor when shutdown released its job back to the queue. */
class ReleasedForShutdown extends Error {
  override readonly name = 'ReleasedForShutdown';
}

/**
 * A BullMQ worker for one queue definition. Around the processor it: validates the payload (an invalid
 * one fails at once, without retries); binds a child logger; defers the job without spending an attempt
 * when the error asks for it (rate limits, budgets); parks the job in the dead-letter queue before its
 * last failure is recorded (so a crash in between cannot lose it); and, when shutdown cancels the job,
 * returns it to the waiting list instead of failing it.
 */
export function createQueueWorker<Schema extends z.ZodType, Result>(
  options: QueueWorkerOptions<Schema, Result>,
): Worker {
  const { definition, processor, deadLetters, logger } = options;

  const run = async (job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<Result> => {
    const payload: unknown = job.data;
    // The job's child logger is built on first use: most jobs that succeed never log.
    let log: Logger | undefined;
    const logFor = (): Logger =>
      (log ??= jobLogger(logger, {
        queue: definition.name,
        jobId: job.id,
        ...pickString(payload, 'connectionId', 'connection'),
        ...pickString(payload, 'object', 'object'),
      }));
    const abort = signal ?? new AbortController().signal;
    try {
      const valid = validateForProcessing(definition, payload);
      const context: JobContext = {
        job,
        signal: abort,
        get logger() {
          return logFor();
        },
      };
      return await raceAbort(processor(valid, context), abort);
    } catch (error) {
      if (isDeferral(error)) {
        await job.moveToDelayed(Date.now() + error.deferMs, token);
        const details = { err: error, deferMs: error.deferMs };
        if (error.routine === true) logFor().debug(details, 'job waits its turn without spending an attempt');
        else logFor().warn(details, 'job deferred without spending an attempt');
        throw new DelayedError();
      }
      if (error instanceof ReleasedForShutdown) {
        await job.moveToWait(token);
        logFor().info('shutdown deadline reached: job returned to the waiting list');
        throw new WaitingError();
      }
      const failure = error instanceof Error ? error : new Error(String(error));
      const lastAttempt =
        failure instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) {
        const entryId = await deadLetters.record(job, failure);
        logFor().error({ err: failure, deadLetter: entryId }, 'job failed for good; parked in the dead-letter queue');
      } else {
        logFor().warn({ err: failure, attempt: job.attemptsMade + 1 }, 'job attempt failed; it will be retried');
      }
      throw failure;
    }
  };

  return new Worker(definition.name, run, {
    connection: options.connection.connection,
    prefix: options.connection.prefix,
    concurrency: options.concurrency ?? 1,
    stalledInterval: STALLED_CHECK_MS,
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  });
}

function validateForProcessing<Schema extends z.ZodType>(
  definition: QueueDefinition<Schema>,
  payload: unknown,
): z.output<Schema> {
  try {
    return validatePayload(definition, payload, 'process');
  } catch (error) {
    // Retrying cannot fix a malformed payload: mark it unrecoverable, keeping the reason.
    if (error instanceof InvalidJobPayloadError) {
      const unrecoverable = new UnrecoverableError(error.message);
      unrecoverable.name = error.name;
      throw unrecoverable;
    }
    throw error;
  }
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new ReleasedForShutdown());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(new ReleasedForShutdown());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function pickString(source: unknown, key: string, as: string): Record<string, string> {
  const value: unknown = typeof source === 'object' && source !== null ? Reflect.get(source, key) : undefined;
  return typeof value === 'string' ? { [as]: value } : {};
}
