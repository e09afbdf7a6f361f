import { Option, type Command } from 'commander';
import { parseDuration } from '../../config/duration.js';
import type { WorkerOptions } from '../actions/worker.js';
import { UsageError } from '../usage-error.js';
import { WORKSPACE_OPTION_HELP } from '../workspace-option.js';

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
      const { runWorkers } = await import('../actions/worker.js');
      await runWorkers(options, deadlineMs);
    });
}
