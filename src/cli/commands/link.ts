import type { Command } from 'commander';
import { linkOpportunities } from '../../engine/link-opportunities.js';
import { writeNow } from '../../engine/passes-now.js';
import { withPartnerEngine } from '../partner-engine.js';
import { WORKSPACE_OPTION_HELP } from '../workspace-option.js';

interface LinkOptions {
  config?: string;
  mappings: string;
  partner: string;
  vendorOpportunity: string;
  partnerOpportunity: string;
}

export function addLinkCommand(program: Command): void {
  program
    .command('link')
    .description('link a partner opportunity to a vendor opportunity; their two-way fields then sync both ways')
    .requiredOption('--partner <id>', 'the partner id')
    .requiredOption('--vendor-opportunity <crm id>', 'the opportunity id in the vendor CRM')
    .requiredOption('--partner-opportunity <crm id>', "the opportunity id in the partner's CRM")
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .option('--mappings <dir>', 'field mappings folder', 'mappings')
    .action(async (options: LinkOptions) => {
      await withPartnerEngine(options, async (runtime) => {
        const jobId = `cli-link-${String(Date.now())}`;
        const { canonicalId } = await linkOpportunities(runtime, { partnerId: options.partner, vendorCrmId: options.vendorOpportunity, partnerCrmId: options.partnerOpportunity, jobId }, () => Promise.resolve());
        const writes = await writeNow(runtime, [{ connectionId: 'vendor', object: 'opportunity' }, { connectionId: options.partner, object: 'opportunity' }], jobId);
        console.log(`linked vendor ${options.vendorOpportunity} ⇄ ${options.partner} ${options.partnerOpportunity} as ${canonicalId}`);
        for (const w of writes) console.log(`  → ${w.connectionId}: wrote ${String(w.written)}, unchanged ${String(w.unchanged)}, failed ${String(w.failed)}`);
      });
    });
}
