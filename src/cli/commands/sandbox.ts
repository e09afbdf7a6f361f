import type { Command } from 'commander';
import type { SandboxOptions } from '../actions/sandbox.js';
import { wholeNumber } from '../option-parsers.js';
import { UsageError } from '../usage-error.js';

export function addSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('run sandbox CRMs standalone with seeded data, print their URLs and credentials, and stay up until Ctrl-C')
    .option('--crm <crm>', 'salesforce | hubspot | both', 'both')
    .option('--kind <kind>', 'seed a vendor org (with partner records) or a partner org', 'vendor')
    .option('--companies <n>', 'companies to seed (0 for an empty org)', '1000')
    .option('--seed <n>', 'seed of the generated data', '7')
    .option('--salesforce-port <port>', 'port of the Salesforce sandbox (0: any free port)', '0')
    .option('--hubspot-port <port>', 'port of the HubSpot sandbox (0: any free port)', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (options: SandboxOptions) => {
      if (!['salesforce', 'hubspot', 'both'].includes(options.crm)) throw new UsageError(`--crm "${options.crm}": expected salesforce, hubspot or both`);
      if (options.kind !== 'vendor' && options.kind !== 'partner') throw new UsageError(`--kind "${options.kind}": expected vendor or partner`);
      const companies = wholeNumber('--companies', options.companies, 0, 1_000_000);
      const seed = wholeNumber('--seed', options.seed, 0, 2 ** 31 - 1);
      const spec = { seed, kind: options.kind, companies, opportunitiesPerCompany: 1.2, ...(options.kind === 'vendor' ? { partners: 12 } : {}) } as const;
      const { startSandboxes } = await import('../actions/sandbox.js');
      await startSandboxes(options, spec);
    });
}
