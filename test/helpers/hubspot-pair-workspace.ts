import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';

/**
 * Writes a workspace file for a vendor and one partner ("northwind"), both sandbox HubSpot portals, their tokens
 * read from VENDOR_TOKEN and PARTNER_TOKEN; `sharing` is the partner's policy as YAML.
 */
export async function hubspotPairWorkspace(vendor: HubSpotSandbox, partner: HubSpotSandbox, options: { id: string; name: string; vendorName?: string; sharing: string; logLevel?: string }): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'cosell-pair-')), 'cosell.yaml');
  await writeFile(file, [
    'version: 1',
    `workspace: { id: ${options.id}, name: ${options.name} }`,
    'vendor:',
    `  name: ${options.vendorName ?? 'Acme'}`,
    `  connection: { kind: hubspot, baseUrl: "${vendor.url}", auth: { type: private-app, token: { env: VENDOR_TOKEN } } }`,
    'partners:',
    '  - id: northwind',
    '    name: Northwind',
    '    persona: reseller',
    '    tier: gold',
    '    region: emea',
    `    connection: { kind: hubspot, baseUrl: "${partner.url}", auth: { type: private-app, token: { env: PARTNER_TOKEN } } }`,
    `    sharing: ${options.sharing}`,
    ...(options.logLevel === undefined ? [] : [`logging: { level: ${options.logLevel} }`]),
  ].join('\n'));
  return file;
}
