import type { Command } from 'commander';
import type { OverlapsOptions } from '../actions/overlaps.js';
import { WORKSPACE_OPTION_HELP } from '../workspace-option.js';

export function addOverlapsCommand(program: Command): void {
  program
    .command('overlaps')
    .description("account mapping now: which vendor accounts a partner also has, by population, from the synced accounts (an admin's view: every pair, whatever the partner may see)")
    .requiredOption('--partner <id>', 'the partner id')
    .option('--accounts', 'list the matched accounts (vendor ⇄ partner, score, reason, owners)')
    .option('--json', 'print the whole report as JSON')
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .option('--mappings <dir>', 'field mappings folder', 'mappings')
    .action(async (options: OverlapsOptions) => {
      const { overlaps } = await import('../actions/overlaps.js');
      await overlaps(options);
    });
}
