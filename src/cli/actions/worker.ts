import { loadWorkspace } from '../../config/load-workspace.js';
import { loadMappings } from '../../mappings/load-mappings.js';
import { onTerminationSignal } from '../../runtime/graceful-shutdown.js';
import { createProcessLogger } from '../../runtime/process-logger.js';
import { PRODUCT_QUEUES, productProcessors } from '../../runtime/product-processors.js';
import { startWorkers } from '../../runtime/worker-process.js';
import { UsageError } from '../usage-error.js';
import { workspaceFile } from '../workspace-option.js';

export interface WorkerOptions {
  config?: string;
  mappings: string;
  queues?: string;
  shutdownTimeout: string;
}

/** `cosell worker`: serves the queues asked for until a stop signal, then shuts down within the deadline. */
export async function runWorkers(options: WorkerOptions, deadlineMs: number): Promise<void> {
  const workspace = await loadWorkspace(workspaceFile(options.config));
  const { logger } = createProcessLogger(workspace);

  const available: readonly string[] = PRODUCT_QUEUES;
  const wanted = options.queues?.split(',').map((q) => q.trim()) ?? [...available];
  const unknown = wanted.filter((q) => !available.includes(q));
  if (unknown.length > 0) {
    throw new UsageError(
      `--queues: no processor for ${unknown.join(', ')}; this version processes: ${available.join(', ') || 'none'}`,
    );
  }
  // Before connecting: invalid mappings stop start-up with nothing written to Redis (not even the state version).
  const mappings = await loadMappings(options.mappings);
  const starting = startWorkers({
    workspace,
    processors: productProcessors(workspace, { mappings, queues: wanted, logger }),
    logger,
    shutdownDeadlineMs: deadlineMs,
  });
  // Listen for stop signals before anything starts, so a signal during start-up still shuts down cleanly.
  onTerminationSignal(async () => (await starting).stop(), logger);
  await starting;
}
