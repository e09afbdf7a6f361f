import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ResolvedWorkspace } from '../config/load-workspace.js';
import type { Logger } from '../logging/logger.js';
import { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import type { QueueConnection } from '../queues/job-queue.js';
import { checkEvictionPolicy } from '../redis/eviction-policy-check.js';
import { workspaceKeyPrefix } from '../redis/key-prefix.js';
import { createRedisConnection } from '../redis/redis-connection-factory.js';
import { claimStateVersionOrDisconnect } from '../state/state-version.js';
import { shutDown } from './graceful-shutdown.js';
import type { ProcessorRegistration } from './processor-registration.js';

/** What a worker process hosts, built once its Redis connection is up (processors may need it). */
export interface HostedProcessors {
  processors: readonly ProcessorRegistration[];
  /** Runs after the workers are ready (e.g. reconciling schedules). */
  afterStart?: () => Promise<void>;
  /** Closed after the workers stop, before Redis. */
  close?: () => Promise<void>;
}

export interface WorkerProcessOptions {
  workspace: Pick<ResolvedWorkspace, 'workspace' | 'redis'>;
  /** A function gets the connection for the processors' own state (`redis`) and the queues' (`connection`). */
  processors: readonly ProcessorRegistration[] | ((context: { redis: Redis; connection: QueueConnection }) => Promise<HostedProcessors>);
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
  const { workspace, logger } = options;
  const redis: Redis = createRedisConnection(
    { url: workspace.redis.url, password: workspace.redis.password },
    'worker',
    logger,
  );
  await redis.ping();
  await checkEvictionPolicy(redis, logger);

  const connection: QueueConnection = { connection: redis, prefix: workspaceKeyPrefix(workspace.workspace.id) };
  await claimStateVersionOrDisconnect(redis, connection.prefix, logger);
  // The processors' own state gets a connection of its own (role `engine`): BullMQ defines its ~60 scripts on
  // the connection it is given, and ioredis copies every script defined on a connection into each pipeline or
  // transaction made from it (measured: 65–75 µs per pipeline with BullMQ's scripts, 9 µs without; the engine
  // makes a few per write batch).
  const host = options.processors;
  let state: Redis | undefined;
  let hosted: HostedProcessors;
  if (typeof host === 'function') {
    state = createRedisConnection({ url: workspace.redis.url, password: workspace.redis.password }, 'engine', logger);
    try {
      hosted = await host({ redis: state, connection });
    } catch (error) {
      state.disconnect();
      throw error;
    }
  } else {
    hosted = { processors: host };
  }
  const processors = hosted.processors;
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
  await hosted.afterStart?.();

  return {
    workers,
    connection,
    stop: () =>
      shutDown({
        workers,
        deadlineMs: options.shutdownDeadlineMs,
        logger,
        closeAfter: [() => deadLetters.close(), async () => hosted.close?.(), async () => state?.quit(), () => redis.quit()],
      }),
  };
}
