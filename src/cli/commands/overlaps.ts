import type { Command } from 'commander';
import { computeOverlaps, saveOverlapReport } from '../../engine/overlaps/compute-overlaps.js';
import { withPartnerEngine } from '../partner-engine.js';
import { WORKSPACE_OPTION_HELP } from '../workspace-option.js';

interface OverlapsOptions {
  partner: string;
  accounts?: boolean;
  json?: boolean;
  config?: string;
  mappings: string;
}

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
      await withPartnerEngine(options, async (runtime, workspace) => {
        const report = await computeOverlaps(workspace, runtime.stores, options.partner);
        await saveOverlapReport(runtime, report);
        if (options.json) {
          console.log(JSON.stringify(report, null, 2));
          return;
        }
        console.log(`${options.partner}: ${String(report.pairs.length)} overlapping accounts (vendor ${String(report.vendorAccounts)}, partner ${String(report.partnerAccounts)} accounts synced)`);
        const partnerColumns = [...new Set(Object.values(report.matrix).flatMap((row) => Object.keys(row)))];
        console.log(`  ${'vendor \\ partner'.padEnd(18)}${partnerColumns.map((c) => c.padStart(18)).join('')}`);
        for (const [vendorPopulation, row] of Object.entries(report.matrix)) {
          console.log(`  ${vendorPopulation.padEnd(18)}${partnerColumns.map((c) => String(row[c] ?? 0).padStart(18)).join('')}`);
        }
        if (options.accounts) {
          for (const pair of report.pairs) {
            console.log(`  ${pair.vendor.name} [${pair.vendor.crmId}, ${pair.vendor.owner ?? 'no owner'}] ⇄ ${pair.partner.name} [${pair.partner.crmId}, ${pair.partner.owner ?? 'no owner'}]  ${pair.score.toFixed(3)}  ${pair.reason}`);
          }
        }
      });
    });
}
