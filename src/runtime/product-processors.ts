import type { ResolvedWorkspace } from '../config/load-workspace.js';
import { engineProcessors } from '../engine/engine-processors.js';
import { createEngineRuntime } from '../engine/engine-runtime.js';
import { productConnectorFactory } from '../engine/product-connector-factory.js';
import { reconcileSchedules } from '../engine/schedule-reconciler.js';
import type { Logger } from '../logging/logger.js';
import type { MappingSet } from '../mappings/mapping-set.js';
import { JobQueue } from '../queues/job-queue.js';
import { ingestQueue } from '../queues/queue-catalog.js';
import type { HostedProcessors, WorkerProcessOptions } from './worker-process.js';

/** The queues `cosell worker` serves: the sync engine's, and account mapping's. */
export const PRODUCT_QUEUES = ['ingest', 'write-back', 'match'] as const;

/**
 * What `cosell worker` hosts: the sync engine's and account mapping's processors for the chosen queues, with
 * the mappings its caller loaded (before connecting: invalid mappings stop start-up with nothing written to
 * Redis) and, once the workers run, the polling schedules reconciled and one account-mapping run queued.
 */
export function productProcessors(
  workspace: ResolvedWorkspace,
  options: { mappings: MappingSet; queues: readonly string[]; logger: Logger },
): Extract<WorkerProcessOptions['processors'], (...args: never[]) => unknown> {
  return ({ redis, connection }): Promise<HostedProcessors> => {
    const runtime = createEngineRuntime({ workspace, mappings: options.mappings, connectorFactory: productConnectorFactory, redis, connection, logger: options.logger });
    const ingest = new JobQueue(ingestQueue, connection);
    return Promise.resolve({
      processors: engineProcessors(runtime).filter((p) => options.queues.includes(p.queue)),
      afterStart: async () => {
        await reconcileSchedules({ queue: ingest, schedules: workspace.schedules, redis, prefix: connection.prefix, logger: options.logger });
        // A sharing policy changed while no worker ran reaches the CRMs now, not at the next account change.
        if (options.queues.includes('match')) await runtime.accountMapping.queue.add('match', { trigger: 'schedule' }, { deduplication: { id: 'match--start', ttl: 10_000 } });
      },
      close: async () => {
        await ingest.close();
        await runtime.close();
      },
    });
  };
}
