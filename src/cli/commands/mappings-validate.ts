import type { Command } from 'commander';
import type { MappingsValidateOptions } from '../actions/mappings-validate.js';
import { WORKSPACE_OPTION_HELP } from '../workspace-option.js';

export function addMappingsCommands(program: Command): void {
  const mappings = program.command('mappings').description('check field mapping files');
  mappings
    .command('validate')
    .description('validate mapping files offline (shape, canonical fields, directions, precedence, transforms); with --live also against each connection\'s metadata')
    .argument('[dir]', 'mappings folder: <crm>/<object>.yaml and partners/<id>/<crm>/<object>.yaml', 'mappings')
    .option('--live', 'also check every connection of the workspace: fields exist, are writable, types fit, picklist values allowed, external id unique')
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .action(async (dir: string, options: MappingsValidateOptions) => {
      const { validateMappings } = await import('../actions/mappings-validate.js');
      await validateMappings(dir, options);
    });
}
