import { DeadLetterNotFoundError } from './dead-letter-not-found-error.js';
import type { DeadLetterQueue } from './dead-letter-queue.js';
import { JobQueue, type QueueConnection } from './job-queue.js';
import { findQueueDefinition } from './queue-catalog.js';

export interface ReplayResult {
  entryId: string;
  queue: string;
  jobId: string;
}

/**
 * Sends a parked job back to its queue. The payload is validated against the queue's current schema
 * first (a replay of a payload that is still invalid fails here and the entry stays). The new job's id
 * is derived from the entry, so replaying twice enqueues once; the entry is removed after the enqueue.
 */
export async function replayDeadLetter(
  deadLetters: DeadLetterQueue,
  entryId: string,
  connection: QueueConnection,
): Promise<ReplayResult> {
  const entry = await deadLetters.get(entryId);
  if (!entry) throw new DeadLetterNotFoundError(entryId);
  const definition = findQueueDefinition(entry.queue);
  if (!definition) {
    throw new Error(`dead-letter entry "${entryId}" belongs to queue "${entry.queue}", which this version has no more`);
  }
  const target = new JobQueue(definition, connection);
  try {
    const jobId = await target.addUnknown(entry.jobName, entry.payload, { jobId: `replay--${entryId}` });
    await deadLetters.discard(entryId);
    return { entryId, queue: entry.queue, jobId };
  } finally {
    await target.close();
  }
}
