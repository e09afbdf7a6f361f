// What an engine process of the benchmarks (engine-process.ts) is started with.
import type { SalesforceSandboxCredentials } from '../../src/sandbox/salesforce/salesforce-sandbox.js';
import type { HubSpotEndpoint } from './sandbox-protocol.js';

export interface EngineProcessSetup {
  workspaceId: string;
  /** The queues this process serves. */
  queues: string[];
  vendor: { url: string; credentials: SalesforceSandboxCredentials };
  partner: HubSpotEndpoint;
  hubspotPerTenSeconds: number;
  bulkThreshold: number;
}
