import { computeOverlaps, saveOverlapReport } from '../../engine/overlaps/compute-overlaps.js';
import { withPartnerEngine } from '../partner-engine.js';

export interface OverlapsOptions {
  partner: string;
  accounts?: boolean;
  json?: boolean;
  config?: string;
  mappings: string;
}

/** `cosell overlaps`: computes and saves the partner's overlap report, then prints it. */
export async function overlaps(options: OverlapsOptions): Promise<void> {
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
}
