import type { Command } from 'commander';
import type { LinkOptions } from '../actions/link.js';
import { WORKSPACE_OPTION_HELP } from '../workspace-option.js';

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
      const { link } = await import('../actions/link.js');
      await link(options);
    });
}
