import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { DemoSandboxes } from './demo-sandboxes.js';

export interface DemoWorkspaceFiles {
  /** The workspace file, usable with every other command while the demo runs (`--config`). */
  file: string;
  /** The environment variables its secrets come from (also written to `demo.env` beside it). */
  env: Record<string, string>;
  envFile: string;
}

/**
 * Writes the demo's workspace file as a user would write one: the sandboxes' URLs, secrets as
 * `{ env: NAME }` references (their values in demo.env beside it), sharing policies and schedules.
 */
export async function writeDemoWorkspace(dir: string, sandboxes: DemoSandboxes, options: { workspaceId: string; redisUrl: string; port: number; adminPassword: string; partnerApiKeys: { northwind: string; globex: string } }): Promise<DemoWorkspaceFiles> {
  const { vendor, northwind, globex } = sandboxes;
  const env: Record<string, string> = {
    COSELL_DEMO_VENDOR_SF_PASSWORD: vendor.credentials.password,
    COSELL_DEMO_VENDOR_SF_TOKEN: vendor.credentials.securityToken,
    COSELL_DEMO_VENDOR_SF_CLIENT_SECRET: vendor.credentials.clientSecret,
    COSELL_DEMO_NORTHWIND_HUBSPOT_TOKEN: northwind.accessToken,
    COSELL_DEMO_NORTHWIND_WEBHOOK_SECRET: northwind.auth.app.clientSecret,
    COSELL_DEMO_GLOBEX_SF_CLIENT_SECRET: globex.credentials.clientSecret,
    COSELL_DEMO_GLOBEX_SF_REFRESH_TOKEN: globex.issueRefreshToken(),
    COSELL_DEMO_ADMIN_PASSWORD: options.adminPassword,
    COSELL_DEMO_NORTHWIND_API_KEY: options.partnerApiKeys.northwind,
    COSELL_DEMO_GLOBEX_API_KEY: options.partnerApiKeys.globex,
  };
  const workspace = {
    version: 1,
    workspace: { id: options.workspaceId, name: 'Acme Cloud partner program (demo on sandbox CRMs)' },
    redis: { url: options.redisUrl },
    program: { tiers: ['registered', 'silver', 'gold', 'platinum'], regions: ['amer', 'emea', 'apac'] },
    vendor: {
      name: 'Acme Cloud',
      connection: {
        kind: 'salesforce',
        loginUrl: vendor.url,
        apiVersion: '62.0',
        auth: { type: 'username-password', username: vendor.credentials.username, password: { env: 'COSELL_DEMO_VENDOR_SF_PASSWORD' }, securityToken: { env: 'COSELL_DEMO_VENDOR_SF_TOKEN' }, clientId: vendor.credentials.clientId, clientSecret: { env: 'COSELL_DEMO_VENDOR_SF_CLIENT_SECRET' } },
      },
    },
    partners: [
      {
        id: 'northwind',
        name: 'Northwind Consulting',
        persona: 'si',
        tier: 'gold',
        region: 'emea',
        connection: { kind: 'hubspot', baseUrl: northwind.url, auth: { type: 'private-app', token: { env: 'COSELL_DEMO_NORTHWIND_HUBSPOT_TOKEN' } }, webhooks: { clientSecret: { env: 'COSELL_DEMO_NORTHWIND_WEBHOOK_SECRET' } } },
        sharing: { share: 'all', fields: ['name', 'website', 'relationship'] },
        apiKey: { env: 'COSELL_DEMO_NORTHWIND_API_KEY' },
      },
      {
        id: 'globex',
        name: 'Globex Software',
        persona: 'isv',
        tier: 'platinum',
        region: 'amer',
        connection: { kind: 'salesforce', loginUrl: globex.url, apiVersion: '62.0', auth: { type: 'refresh-token', clientId: globex.credentials.clientId, clientSecret: { env: 'COSELL_DEMO_GLOBEX_SF_CLIENT_SECRET' }, refreshToken: { env: 'COSELL_DEMO_GLOBEX_SF_REFRESH_TOKEN' } } },
        sharing: { share: 'overlaps', fields: ['relationship', 'ownerName'] },
        apiKey: { env: 'COSELL_DEMO_GLOBEX_API_KEY' },
      },
    ],
    // Rep mapping: whom to call about an overlapping account when it has no owner on one side.
    territories: [
      { name: 'amer', where: { country: ['US', 'CA', 'BR'] }, vendorRep: { name: 'Maya Chen', email: 'maya.chen@acme-cloud.example' }, partnerReps: { northwind: { name: 'Sam Ortiz' }, globex: { name: 'Ravi Patel', email: 'ravi.patel@globex.example' } } },
      { name: 'emea', where: { country: ['GB', 'DE', 'FR', 'NL', 'ES', 'CH'] }, vendorRep: { name: 'Lukas Becker', email: 'lukas.becker@acme-cloud.example' }, partnerReps: { northwind: { name: 'Claire Dubois', email: 'claire.dubois@northwind-consulting.example' }, globex: { name: 'Ines Moreau' } } },
      { name: 'apac', where: { country: ['AU', 'JP', 'SG'] }, vendorRep: { name: 'Hana Sato', email: 'hana.sato@acme-cloud.example' } },
    ],
    schedules: [
      { connection: 'vendor', objects: ['account', 'opportunity', 'partner'], every: '1m' },
      { connection: 'northwind', objects: ['account'], every: '1m' },
      { connection: 'globex', objects: ['account'], every: '1m' },
    ],
    server: { host: '127.0.0.1', port: options.port, admin: { username: 'admin', password: { env: 'COSELL_DEMO_ADMIN_PASSWORD' } } },
    logging: { level: 'warn' },
  };
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'cosell.yaml');
  const envFile = join(dir, 'demo.env');
  await writeFile(file, `# Written by \`cosell demo\` for its sandbox CRMs; secrets are in demo.env beside this file.\n${stringify(workspace)}`);
  await writeFile(envFile, `${Object.entries(env).map(([name, value]) => `${name}=${value}`).join('\n')}\n`, { mode: 0o600 });
  return { file, env, envFile };
}
