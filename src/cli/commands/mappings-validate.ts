import type { Command } from 'commander';
import { loadMappings } from '../../mappings/load-mappings.js';

export function addMappingsCommands(program: Command): void {
  const mappings = program.command('mappings').description('check field mapping files');
  mappings
    .command('validate')
    .description('validate mapping files offline: shape, canonical fields, directions, precedence, transforms')
    .argument('[dir]', 'mappings folder: <crm>/<object>.yaml and partners/<id>/<crm>/<object>.yaml', 'mappings')
    .action(async (dir: string) => {
      const set = await loadMappings(dir);
      const base = set.base();
      console.log(`${dir}: ${base.length} mappings valid.`);
      for (const mapping of base) {
        const writes = mapping.fields.filter((f) => f.direction === 'to-crm' || f.direction === 'both').length;
        console.log(
          `  ${mapping.crm}/${mapping.object} ⇄ ${mapping.canonical}: ${mapping.fields.length} fields (${writes} written)` +
            (mapping.externalId ? `, upserts by ${mapping.externalId}` : ', read only'),
        );
      }
      for (const { partnerId, mapping } of set.overridden()) {
        console.log(`  partner ${partnerId}: ${mapping.crm}/${mapping.object} overridden (${mapping.sources.at(-1) ?? ''})`);
      }
    });
}
