import type { Command } from 'commander';
import { pino } from 'pino';
import { onTerminationSignal } from '../../runtime/graceful-shutdown.js';
import { startHubSpotSandbox } from '../../sandbox/hubspot/hubspot-sandbox.js';
import { loadSeedPortal } from '../../sandbox/hubspot/load-seed-portal.js';
import { loadSeedOrg } from '../../sandbox/salesforce/load-seed-org.js';
import { startSalesforceSandbox } from '../../sandbox/salesforce/salesforce-sandbox.js';
import { generateSeedOrg } from '../../sandbox/seed/generate-seed-org.js';
import { UsageError } from '../usage-error.js';

interface SandboxOptions {
  crm: string;
  kind: string;
  companies: string;
  seed: string;
  salesforcePort: string;
  hubspotPort: string;
  host: string;
}

function whole(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${option} "${text}": expected a whole number from ${String(min)} to ${max.toLocaleString('en-US')}`);
  return value;
}

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
      const companies = whole('--companies', options.companies, 0, 1_000_000);
      const seed = whole('--seed', options.seed, 0, 2 ** 31 - 1);
      const spec = { seed, kind: options.kind, companies, opportunitiesPerCompany: 1.2, ...(options.kind === 'vendor' ? { partners: 12 } : {}) } as const;
      const closers: (() => Promise<void>)[] = [];
      onTerminationSignal(async () => {
        for (const close of closers) await close();
      }, pino({ level: 'warn' }));
      if (options.crm !== 'hubspot') {
        const sandbox = await startSalesforceSandbox({ host: options.host, port: whole('--salesforce-port', options.salesforcePort, 0, 65_535) });
        closers.push(() => sandbox.close());
        const loaded = await loadSeedOrg(sandbox.org, generateSeedOrg(spec));
        const c = sandbox.credentials;
        console.log(`Salesforce sandbox: ${sandbox.url}  (${String(loaded.accounts)} accounts, ${String(loaded.opportunities)} opportunities, ${String(loaded.partners)} partner records)`);
        console.log(`  loginUrl:       ${sandbox.url}`);
        console.log(`  username:       ${c.username}`);
        console.log(`  password:       ${c.password}`);
        console.log(`  security token: ${c.securityToken}`);
        console.log(`  client id:      ${c.clientId}`);
        console.log(`  client secret:  ${c.clientSecret}`);
        console.log(`  refresh token:  ${c.refreshToken}`);
        console.log(`  record view:    ${sandbox.url}/sandbox`);
      }
      if (options.crm !== 'salesforce') {
        const sandbox = await startHubSpotSandbox({ host: options.host, port: whole('--hubspot-port', options.hubspotPort, 0, 65_535) });
        closers.push(() => sandbox.close());
        const loaded = await loadSeedPortal(sandbox, generateSeedOrg(spec));
        console.log(`HubSpot sandbox: ${sandbox.url}  (portal ${String(sandbox.portal.portalId)}: ${String(loaded.companies)} companies, ${String(loaded.deals)} deals, ${String(loaded.owners)} owners)`);
        console.log(`  baseUrl:        ${sandbox.url}`);
        console.log(`  access token:   ${sandbox.accessToken}   (private app, never expires)`);
        console.log(`  OAuth app:      client id ${sandbox.auth.app.clientId}, client secret ${sandbox.auth.app.clientSecret}, refresh token ${sandbox.auth.issueRefreshToken()}`);
        console.log(`  record view:    ${sandbox.url}/sandbox`);
      }
      console.log('Ready. Ctrl-C stops the sandboxes (their data lives in memory only).');
    });
}
