import type { Command } from 'commander';
import type { DlqOptions } from '../actions/dlq.js';
import { UsageError } from '../usage-error.js';
import { WORKSPACE_OPTION_HELP } from '../workspace-option.js';

export function addDlqCommands(program: Command): void {
  const dlq = program.command('dlq').description('inspect and replay jobs that failed for good');

  dlq
    .command('list')
    .description('list dead-letter entries, newest first')
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .option('--limit <n>', 'how many entries to show', '50')
    .option('--json', 'print JSON lines')
    .action(async (options: DlqOptions & { limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit "${options.limit}": expected a whole number ≥ 1`);
      const { listDeadLetters } = await import('../actions/dlq.js');
      await listDeadLetters(options, limit);
    });

  dlq
    .command('show')
    .description('show one entry: payload, error and CRM code')
    .argument('<id>', 'entry id from `cosell dlq list`')
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .action(async (id: string, options: DlqOptions) => {
      const { showDeadLetter } = await import('../actions/dlq.js');
      await showDeadLetter(id, options);
    });

  dlq
    .command('replay')
    .description('send entries back to their queue (the payload is validated first)')
    .argument('<ids...>', 'entry ids from `cosell dlq list`')
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .action(async (ids: string[], options: DlqOptions) => {
      const { replayDeadLetters } = await import('../actions/dlq.js');
      await replayDeadLetters(ids, options);
    });
}
