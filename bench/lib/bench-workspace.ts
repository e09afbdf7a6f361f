// The workspace the engine benchmarks run: the sandbox Salesforce as the vendor, one sandbox HubSpot partner
// ("northwind") sharing every vendor account's name and website. One definition for every benchmark process.
import type { ResolvedWorkspace } from '../../src/config/load-workspace.js';
import { Secret } from '../../src/config/secret.js';
import type { EngineProcessSetup } from './engine-process-setup.js';

export type BenchWorkspace = Pick<ResolvedWorkspace, 'vendor' | 'partners'>;

export function benchWorkspace(setup: Pick<EngineProcessSetup, 'vendor' | 'partner' | 'hubspotPerTenSeconds' | 'bulkThreshold'>): BenchWorkspace {
  const { vendor, partner, hubspotPerTenSeconds: perTen } = setup;
  const c = vendor.credentials;
  return {
    vendor: {
      name: 'Vendor',
      connection: { kind: 'salesforce', loginUrl: vendor.url, apiVersion: '62.0', auth: { type: 'username-password', username: c.username, password: new Secret(c.password, 'P'), securityToken: new Secret(c.securityToken, 'T'), clientId: c.clientId, clientSecret: new Secret(c.clientSecret, 'S') }, limits: { dailyShare: 1 }, bulkThreshold: setup.bulkThreshold },
    },
    partners: [{ id: 'northwind', name: 'Northwind', persona: 'si', tier: 'gold', region: 'emea', connection: { kind: 'hubspot', baseUrl: partner.url, auth: { type: 'private-app', token: new Secret(partner.accessToken, 'T') }, limits: { dailyShare: 1, requestsPerTenSeconds: perTen, searchRequestsPerSecond: 1_000 } }, sharing: { share: 'all', fields: ['name', 'website'] } }],
  };
}
