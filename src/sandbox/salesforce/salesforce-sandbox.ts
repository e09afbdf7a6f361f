import type { FastifyBaseLogger } from 'fastify';
import type { FaultSettings } from '../fault-settings.js';
import { buildSandboxServer } from './http/sandbox-server.js';
import { SandboxClock } from './sandbox-clock.js';
import { SandboxOrg, type LoggedRequest } from './sandbox-org.js';
import { SandboxRecords } from './sandbox-records.js';
import { DEFAULT_SETTINGS, applySettings, type SandboxSettings, type SettingsPatch } from './sandbox-settings.js';
import type { SchemaRegistry } from './schema/schema-registry.js';

export interface SalesforceSandboxCredentials {
  /** The integration user's username. */
  username: string;
  password: string;
  /** Appended to the password on username-password logins. */
  securityToken: string;
  /** The connected app's consumer key and secret. */
  clientId: string;
  clientSecret: string;
  /** A refresh token of the connected app for the integration user (valid until revoked). */
  refreshToken: string;
}

export interface SalesforceSandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Varies ids and default credentials, so a vendor and a partner sandbox differ. Default 1. */
  orgSeed?: number;
  credentials?: Partial<Omit<SalesforceSandboxCredentials, 'refreshToken'>>;
  /** A clock the caller controls (freeze, advance); default a running clock. */
  clock?: SandboxClock;
  /** Faults, session lifetime, daily API limit, open cursors per user. */
  settings?: SettingsPatch;
  /** Request logs go here when given (pino); silent otherwise. */
  logger?: FastifyBaseLogger;
}

export interface SalesforceSandbox {
  /** `http://127.0.0.1:<port>`: jsforce's loginUrl, and the instance URL tokens name. */
  readonly url: string;
  readonly credentials: SalesforceSandboxCredentials;
  readonly orgId: string;
  readonly integrationUserId: string;
  readonly clock: SandboxClock;
  readonly schema: SchemaRegistry;
  /** The org's records, written and read without HTTP (tests, demo, seed loading, merges). */
  readonly store: SandboxRecords;
  /** The org itself, for the seed loader and other in-process tools. */
  readonly org: SandboxOrg;
  settings(): SandboxSettings;
  configure(patch: SettingsPatch): SandboxSettings;
  setFaults(faults: Partial<FaultSettings>): void;
  setSessionTtl(ms: number): void;
  setDailyApiLimit(limit: number): void;
  apiUsage(): { used: number; max: number };
  resetApiUsage(): void;
  /** The latest API requests the sandbox answered (method, URL, status), oldest first. */
  requests(): readonly LoggedRequest[];
  clearRequests(): void;
  /** Ends every session now: the next API call answers 401 INVALID_SESSION_ID. */
  expireSessions(): void;
  /** Another refresh token of the connected app for the integration user. */
  issueRefreshToken(): string;
  close(): Promise<void>;
}

/**
 * Starts an emulated Salesforce org over real HTTP on loopback: jsforce talks to it as to a real org
 * (`new jsforce.Connection({ loginUrl: sandbox.url })`). See BEHAVIOR.md for what differs from the real API.
 */
export async function startSalesforceSandbox(options: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  const seed = options.orgSeed ?? 1;
  const clock = options.clock ?? new SandboxClock();
  const credentials = {
    username: options.credentials?.username ?? `integration@org${seed}.sandbox.example`,
    password: options.credentials?.password ?? `sandbox-password-${seed}`,
    securityToken: options.credentials?.securityToken ?? `SandboxToken${seed}`,
    clientId: options.credentials?.clientId ?? `3MVG9SandboxConnectedApp${seed}`,
    clientSecret: options.credentials?.clientSecret ?? `SandboxConsumerSecret${seed}`,
  };
  const org = new SandboxOrg({ orgSeed: seed, clock, settings: applySettings(DEFAULT_SETTINGS, options.settings ?? {}), credentials });
  let url = '';
  const app = await buildSandboxServer(org, options.logger ? { baseUrl: () => url, logger: options.logger } : { baseUrl: () => url });
  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  url = address;
  const refreshToken = org.sessions.issueRefreshToken(org.integrationUserId, credentials.clientId);
  return {
    url,
    credentials: { ...credentials, refreshToken },
    orgId: org.orgId,
    integrationUserId: org.integrationUserId,
    clock,
    schema: org.schema,
    store: new SandboxRecords(org),
    org,
    settings: () => org.settings,
    configure: (patch) => org.updateSettings(patch),
    setFaults: (faults) => void org.updateSettings({ faults }),
    setSessionTtl: (ms) => void org.updateSettings({ sessionTtlMs: ms }),
    setDailyApiLimit: (limit) => void org.updateSettings({ dailyApiLimit: limit }),
    apiUsage: () => ({ used: org.usage.used(), max: org.settings.dailyApiLimit }),
    resetApiUsage: () => {
      org.usage.reset();
    },
    requests: () => org.requests(),
    clearRequests: () => {
      org.clearRequests();
    },
    expireSessions: () => {
      org.sessions.expireAll();
    },
    issueRefreshToken: () => org.sessions.issueRefreshToken(org.integrationUserId, credentials.clientId),
    close: () => app.close(),
  };
}
