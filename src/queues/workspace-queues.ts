import { Queue } from 'bullmq';
import { DEAD_LETTER_QUEUE } from './dead-letter-queue.js';
import type { QueueConnection } from './job-queue.js';
import { QUEUE_CATALOG } from './queue-catalog.js';

/** Plain BullMQ handles on every queue of a workspace, dead letters last: for dashboards and metrics. */
export function openWorkspaceQueues(connection: QueueConnection): Queue[] {
  return [...QUEUE_CATALOG.map((definition) => definition.name), DEAD_LETTER_QUEUE].map(
    (name) => new Queue(name, { connection: connection.connection, prefix: connection.prefix }),
  );
}
