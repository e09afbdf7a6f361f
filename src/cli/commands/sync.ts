import type { Command } from 'commander';
import type { SyncOptions } from '../actions/sync.js';
import { WORKSPACE_OPTION_HELP } from '../workspace-option.js';

export function addSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('run one sync pass of a connection now; with --dry-run print what would change and write nothing')
    .requiredOption('--connection <id>', '"vendor" or a partner id')
    .option('--object <object>', 'account | opportunity | contact | user | partner (default: account and opportunity)')
    .option('--dry-run', 'print each change (record, field, before → after) and write nothing')
    .option('--limit <n>', 'dry run: records to read at most', '1000')
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .option('--mappings <dir>', 'field mappings folder', 'mappings')
    .action(async (options: SyncOptions) => {
      const { sync } = await import('../actions/sync.js');
      await sync(options);
    });
}
