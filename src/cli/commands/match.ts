import type { Command } from 'commander';
import { DEFAULT_THRESHOLD } from '../../matching/match-weights.js';
import type { MatchCommandOptions } from '../actions/match.js';
import { UsageError } from '../usage-error.js';

export function addMatchCommand(program: Command): void {
  program
    .command('match')
    .description('account mapping of two CSV exports: which vendor accounts the partner also has (see docs/matching.md)')
    .requiredOption('--vendor <file>', 'vendor accounts CSV: header row with id, name; optional website or domain, email, country, state, city')
    .requiredOption('--partner <file>', 'partner accounts CSV, same columns (any order; other columns are ignored)')
    .option('--out <file>', 'write vendor_id,partner_id,score,reason here (default: standard output)')
    .option('--threshold <score>', 'lowest score (0..1] a pair needs to be a match', String(DEFAULT_THRESHOLD))
    .action(async (options: MatchCommandOptions) => {
      const threshold = Number(options.threshold);
      if (options.threshold.trim() === '' || !Number.isFinite(threshold) || threshold <= 0 || threshold > 1) {
        throw new UsageError(`--threshold "${options.threshold}": expected a score greater than 0 and at most 1, like 0.85`);
      }
      const { matchAccounts } = await import('../actions/match.js');
      await matchAccounts(options, threshold);
    });
}
