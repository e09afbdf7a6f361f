// Messages between an engine benchmark and its sandbox process (sandbox-process.ts).
import type { SalesforceSandboxCredentials } from '../../src/sandbox/salesforce/salesforce-sandbox.js';

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
  | { type: 'ready'; id: 0; vendor: { url: string; credentials: SalesforceSandboxCredentials }; partner: HubSpotEndpoint; bare: HubSpotEndpoint }
  | { type: 'loaded'; id: number }
  | { type: 'companies'; id: number; partner: number; bare: number }
  | { type: 'renamed'; id: number; renamed: number };
