import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ResolvedWorkspace } from '../config/load-workspace.js';
import type { Logger } from '../logging/logger.js';
import { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import type { QueueConnection } from '../queues/job-queue.js';
import { checkEvictionPolicy } from '../redis/eviction-policy-check.js';
import { workspaceKeyPrefix } from '../redis/key-prefix.js';
import { createRedisConnection } from '../redis/redis-connection-factory.js';
import { shutDown } from './graceful-shutdown.js';
import type { ProcessorRegistration } from './processor-registration.js';

export interface WorkerProcessOptions {
  workspace: Pick<ResolvedWorkspace, 'workspace' | 'redis'>;
  processors: readonly ProcessorRegistration[];
  logger: Logger;
  shutdownDeadlineMs: number;
}

export interface RunningWorkers {
  workers: readonly Worker[];
  connection: QueueConnection;
  stop(): Promise<void>;
}

/**
 * Starts one BullMQ worker per registered queue on one shared blocking-capable Redis connection, after
 * checking that Redis answers and keeps keys (`noeviction`). `stop()` is the graceful shutdown.
 */
export async function startWorkers(options: WorkerProcessOptions): Promise<RunningWorkers> {
  const { workspace, processors, logger } = options;
  const redis: Redis = createRedisConnection(
    { url: workspace.redis.url, password: workspace.redis.password },
    'worker',
    logger,
  );
  await redis.ping();
  await checkEvictionPolicy(redis, logger);

  const connection: QueueConnection = { connection: redis, prefix: workspaceKeyPrefix(workspace.workspace.id) };
  const deadLetters = new DeadLetterQueue(connection);
  const workers = processors.map((registration) => registration.start({ connection, deadLetters, logger }));
  for (const worker of workers) {
    worker.on('error', (error) => {
      logger.error({ err: error, queue: worker.name }, 'worker error');
    });
  }
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  logger.info(
    { queues: processors.map((p) => p.queue), prefix: connection.prefix },
    'worker started',
  );

  return {
    workers,
    connection,
    stop: () =>
      shutDown({
        workers,
        deadlineMs: options.shutdownDeadlineMs,
        logger,
        closeAfter: [() => deadLetters.close(), () => redis.quit()],
      }),
  };
}
