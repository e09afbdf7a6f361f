import { afterEach } from 'vitest';
import { createSalesforceConnector } from '../../../connectors/salesforce/salesforce-connector.js';
import type { ChangePage } from '../../../connectors/shared/crm-connector.js';
import type { SalesforceConnection } from '../../../src/config/connection-schema.js';
import type { Resolved } from '../../../src/config/resolve-secrets.js';
import { Secret } from '../../../src/config/secret.js';
import { startSalesforceSandbox, type SalesforceSandbox, type SalesforceSandboxOptions } from '../../../src/sandbox/salesforce/salesforce-sandbox.js';
import { silentLogger, testWorkspace, type TestWorkspace } from '../../helpers/test-redis.js';

const workspaces: TestWorkspace[] = [];
const sandboxes: SalesforceSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
  await Promise.all(workspaces.splice(0).map((w) => w.cleanup()));
});

export type SalesforceSettings = Resolved<SalesforceConnection>;
export type AuthKind = 'password-soap' | 'password-oauth' | 'refresh-token' | 'client-credentials';

export function settingsFor(sb: SalesforceSandbox, auth: AuthKind = 'password-oauth', overrides: Partial<SalesforceSettings> = {}): SalesforceSettings {
  const c = sb.credentials;
  const secret = (value: string): Secret => new Secret(value, 'TEST');
  const authSettings: SalesforceSettings['auth'] =
    auth === 'password-soap'
      ? { type: 'username-password', username: c.username, password: secret(c.password), securityToken: secret(c.securityToken) }
      : auth === 'password-oauth'
        ? { type: 'username-password', username: c.username, password: secret(c.password), securityToken: secret(c.securityToken), clientId: c.clientId, clientSecret: secret(c.clientSecret) }
        : auth === 'refresh-token'
          ? { type: 'refresh-token', clientId: c.clientId, clientSecret: secret(c.clientSecret), refreshToken: secret(sb.issueRefreshToken()) }
          : { type: 'client-credentials', clientId: c.clientId, clientSecret: secret(c.clientSecret) };
  return { kind: 'salesforce', loginUrl: sb.url, apiVersion: '62.0', auth: authSettings, limits: { dailyShare: 0.9 }, bulkThreshold: 1_000_000, ...overrides };
}

export interface Setup {
  sb: SalesforceSandbox;
  ws: TestWorkspace;
  connector: ReturnType<typeof createSalesforceConnector>;
  /** Another worker process's connector for the same connection (same Redis state). */
  another: () => ReturnType<typeof createSalesforceConnector>;
}

export async function setup(options: { auth?: AuthKind; settings?: Partial<SalesforceSettings>; sandbox?: SalesforceSandboxOptions } = {}): Promise<Setup> {
  const ws = await testWorkspace();
  workspaces.push(ws);
  const sb = await startSalesforceSandbox(options.sandbox);
  sandboxes.push(sb);
  const settings = settingsFor(sb, options.auth, options.settings);
  const make = (): ReturnType<typeof createSalesforceConnector> => createSalesforceConnector({ connectionId: 'vendor', settings, redis: ws.redis, prefix: ws.prefix, logger: silentLogger });
  return { sb, ws, connector: make(), another: make };
}

/** Accounts created directly in the org's store (as reps would), named `Account <n>`. */
export function seedAccounts(sb: SalesforceSandbox, count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => sb.store.create('Account', { Name: `Account ${String(from + i)}` }));
}

export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

export const idsOf = (pages: readonly ChangePage[]): string[] => pages.flatMap((p) => p.records.map((r) => r.id));
