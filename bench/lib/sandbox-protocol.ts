// Messages between an engine benchmark and its sandbox processes (sandbox-process.ts): one process per CRM,
// as the real ones are separate services (a Salesforce results page being made never holds up HubSpot's answers).
import type { SalesforceSandboxCredentials } from '../../src/sandbox/salesforce/salesforce-sandbox.js';

export type SandboxRole = 'salesforce' | 'hubspot';

export interface SandboxSetup {
  /** HubSpot's per-10-second request limit the partner sandbox enforces. */
  hubspotPerTenSeconds: number;
}

export type SandboxRequest =
  | { type: 'load'; id: number; accounts: number }
  | { type: 'companies'; id: number }
  | { type: 'rename'; id: number; count: number; every: number }
  | { type: 'close'; id: number };

export interface HubSpotEndpoint {
  url: string;
  accessToken: string;
}

export type SandboxReply =
  | { type: 'ready'; id: 0; role: 'salesforce'; vendor: { url: string; credentials: SalesforceSandboxCredentials } }
  | { type: 'ready'; id: 0; role: 'hubspot'; partner: HubSpotEndpoint; bare: HubSpotEndpoint; bareBulk: HubSpotEndpoint }
  | { type: 'loaded'; id: number }
  | { type: 'companies'; id: number; partner: number; bare: number; bareBulk: number }
  | { type: 'renamed'; id: number; renamed: number };
