import type { Worker } from 'bullmq';
import type { Logger } from '../logging/logger.js';

export interface ShutdownOptions {
  workers: readonly Worker[];
  /** Closed after the workers: queues, Redis connections, servers. */
  closeAfter?: readonly (() => Promise<unknown>)[];
  /** How long active jobs may run on before they are returned to the waiting list. */
  deadlineMs: number;
  logger: Logger;
}

/**
 * Stops a worker process without losing or stranding jobs: workers stop taking new jobs at once; active
 * jobs may finish until the deadline; past it they are cancelled, and the queue worker returns them to
 * the waiting list (no attempt spent). Nothing is left in `active`.
 */
export async function shutDown({ workers, closeAfter = [], deadlineMs, logger }: ShutdownOptions): Promise<void> {
  logger.info({ deadlineMs }, 'shutting down: taking no new jobs, letting active jobs finish');
  const deadline = setTimeout(() => {
    logger.warn('shutdown deadline reached: releasing active jobs back to the queue');
    for (const worker of workers) worker.cancelAllJobs('shutdown deadline');
  }, deadlineMs);
  try {
    await Promise.all(workers.map((worker) => worker.close()));
  } finally {
    clearTimeout(deadline);
  }
  for (const close of closeAfter) {
    try {
      await close();
    } catch (error) {
      logger.warn({ err: error }, 'error while closing a resource during shutdown');
    }
  }
  logger.info('shutdown complete');
}

/**
 * Runs `onSignal` on the first SIGTERM or SIGINT. A second signal while shutting down exits at once
 * (exit code 130): the operator asked twice, and jobs still active will be recovered as stalled.
 */
export function onTerminationSignal(onSignal: (signal: NodeJS.Signals) => Promise<void>, logger: Logger): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now; active jobs will be recovered as stalled');
      process.exit(130);
    }
    stopping = true;
    onSignal(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
