import type { Command } from 'commander';
import { loadWorkspace } from '../../config/load-workspace.js';
import { linkOpportunities } from '../../engine/link-opportunities.js';
import { openEngine } from '../../engine/open-engine.js';
import { writeNow } from '../../engine/passes-now.js';
import { createProcessLogger } from '../../runtime/process-logger.js';
import { UsageError } from '../usage-error.js';
import { WORKSPACE_OPTION_HELP, workspaceFile } from '../workspace-option.js';

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
      const workspace = await loadWorkspace(workspaceFile(options.config));
      if (!workspace.partners.some((p) => p.id === options.partner)) {
        throw new UsageError(`--partner "${options.partner}": expected one of ${workspace.partners.map((p) => p.id).join(', ') || '(no partners)'}`);
      }
      const { logger } = createProcessLogger({ ...workspace, logging: { level: 'warn' } });
      const engine = await openEngine(workspace, options.mappings, logger);
      try {
        const jobId = `cli-link-${String(Date.now())}`;
        const { canonicalId } = await linkOpportunities(engine.runtime, { partnerId: options.partner, vendorCrmId: options.vendorOpportunity, partnerCrmId: options.partnerOpportunity, jobId }, () => Promise.resolve());
        const writes = await writeNow(engine.runtime, [{ connectionId: 'vendor', object: 'opportunity' }, { connectionId: options.partner, object: 'opportunity' }], jobId);
        console.log(`linked vendor ${options.vendorOpportunity} ⇄ ${options.partner} ${options.partnerOpportunity} as ${canonicalId}`);
        for (const w of writes) console.log(`  → ${w.connectionId}: wrote ${String(w.written)}, unchanged ${String(w.unchanged)}, failed ${String(w.failed)}`);
      } finally {
        await engine.close();
      }
    });
}
