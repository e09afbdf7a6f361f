import type { Worker } from 'bullmq';
import type { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import type { QueueConnection } from '../queues/job-queue.js';
import type { QueueDefinition } from '../queues/queue-definition.js';
import { createQueueWorker, type JobProcessor } from '../queues/queue-worker.js';

export interface WorkerDependencies {
  connection: QueueConnection;
  deadLetters: DeadLetterQueue;
  logger: Logger;
}

/** A queue and the function that processes its jobs, ready for a worker process to host. */
export interface ProcessorRegistration {
  queue: string;
  start(dependencies: WorkerDependencies): Worker;
}

export function registerProcessor<Schema extends z.ZodType>(
  definition: QueueDefinition<Schema>,
  processor: JobProcessor<Schema>,
  concurrency = 1,
): ProcessorRegistration {
  return {
    queue: definition.name,
    start: (dependencies) => createQueueWorker({ definition, processor, concurrency, ...dependencies }),
  };
}
