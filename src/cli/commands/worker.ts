import { Option, type Command } from 'commander';
import { parseDuration } from '../../config/duration.js';
import { loadWorkspace } from '../../config/load-workspace.js';
import { onTerminationSignal } from '../../runtime/graceful-shutdown.js';
import { createProcessLogger } from '../../runtime/process-logger.js';
import { PRODUCT_QUEUES, productProcessors } from '../../runtime/product-processors.js';
import { startWorkers } from '../../runtime/worker-process.js';
import { UsageError } from '../usage-error.js';
import { WORKSPACE_OPTION_HELP, workspaceFile } from '../workspace-option.js';

interface WorkerOptions {
  config?: string;
  mappings: string;
  queues?: string;
  shutdownTimeout: string;
}

export function addWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run queue workers until SIGTERM/SIGINT (then finish or release active jobs and exit 0)')
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .option('--mappings <dir>', 'field mappings folder', 'mappings')
    .option('--queues <names>', 'comma-separated queues to serve (default: all that have processors)')
    .addOption(
      new Option('--shutdown-timeout <duration>', 'how long active jobs may finish after a stop signal').default(
        '30s',
      ),
    )
    .action(async (options: WorkerOptions) => {
      const deadlineMs = parseDuration(options.shutdownTimeout);
      if (deadlineMs === undefined) {
        throw new UsageError(`--shutdown-timeout "${options.shutdownTimeout}": expected a duration like 30s or 2m`);
      }
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
      const starting = startWorkers({
        workspace,
        processors: productProcessors(workspace, { mappingsDir: options.mappings, queues: wanted, logger }),
        logger,
        shutdownDeadlineMs: deadlineMs,
      });
      // Listen for stop signals before anything starts, so a signal during start-up still shuts down cleanly.
      onTerminationSignal(async () => (await starting).stop(), logger);
      await starting;
    });
}
