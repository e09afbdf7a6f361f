import { pino } from 'pino';
import { onTerminationSignal } from '../../runtime/graceful-shutdown.js';
import { startHubSpotSandbox } from '../../sandbox/hubspot/hubspot-sandbox.js';
import { loadSeedPortal } from '../../sandbox/hubspot/load-seed-portal.js';
import { loadSeedOrg } from '../../sandbox/salesforce/load-seed-org.js';
import { startSalesforceSandbox } from '../../sandbox/salesforce/salesforce-sandbox.js';
import { generateSeedOrg } from '../../sandbox/seed/generate-seed-org.js';
import type { SeedOrgSpec } from '../../sandbox/seed/seed-types.js';
import { wholeNumber } from '../option-parsers.js';

export interface SandboxOptions {
  crm: string;
  kind: string;
  companies: string;
  seed: string;
  salesforcePort: string;
  hubspotPort: string;
  host: string;
}

/** `cosell sandbox`: starts the sandboxes asked for, seeds them, prints how to reach them; they stay up until a stop signal. */
export async function startSandboxes(options: SandboxOptions, spec: SeedOrgSpec): Promise<void> {
  const closers: (() => Promise<void>)[] = [];
  onTerminationSignal(async () => {
    for (const close of closers) await close();
  }, pino({ level: 'warn' }));
  if (options.crm !== 'hubspot') {
    const sandbox = await startSalesforceSandbox({ host: options.host, port: wholeNumber('--salesforce-port', options.salesforcePort, 0, 65_535) });
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
    const sandbox = await startHubSpotSandbox({ host: options.host, port: wholeNumber('--hubspot-port', options.hubspotPort, 0, 65_535) });
    closers.push(() => sandbox.close());
    const loaded = await loadSeedPortal(sandbox, generateSeedOrg(spec));
    console.log(`HubSpot sandbox: ${sandbox.url}  (portal ${String(sandbox.portal.portalId)}: ${String(loaded.companies)} companies, ${String(loaded.deals)} deals, ${String(loaded.owners)} owners)`);
    console.log(`  baseUrl:        ${sandbox.url}`);
    console.log(`  access token:   ${sandbox.accessToken}   (private app, never expires)`);
    console.log(`  OAuth app:      client id ${sandbox.auth.app.clientId}, client secret ${sandbox.auth.app.clientSecret}, refresh token ${sandbox.auth.issueRefreshToken()}`);
    console.log(`  record view:    ${sandbox.url}/sandbox`);
  }
  console.log('Ready. Ctrl-C stops the sandboxes (their data lives in memory only).');
}
