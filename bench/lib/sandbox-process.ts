// One sandbox CRM of the engine benchmarks in a process of its own, as real CRMs are remote: serving
// requests never takes the benchmarked process's CPU, and one CRM's work never holds up the other's answers.
// `BENCH_SANDBOX_ROLE` says which: the vendor Salesforce, or the HubSpots (the partner the engine writes to and
// the empty ones the two bare syncs write to). Started by remote-sandboxes.ts; driven over IPC.
import { startHubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { loadSeedOrg } from '../../src/sandbox/salesforce/load-seed-org.js';
import { startSalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox.js';
import type { SandboxReply, SandboxRequest, SandboxSetup } from './sandbox-protocol.js';
import { syntheticOrg } from './synthetic-org.js';

const setup = JSON.parse(process.env.BENCH_SANDBOX_SETUP ?? '{}') as SandboxSetup;
const role = process.env.BENCH_SANDBOX_ROLE;
const send = (reply: SandboxReply): void => {
  process.send?.(reply);
};

if (role === 'salesforce') {
  const vendor = await startSalesforceSandbox({ settings: { dailyApiLimit: 100_000_000 } });
  onRequest(async (message) => {
    switch (message.type) {
      case 'load':
        await loadSeedOrg(vendor.org, syntheticOrg(message.accounts));
        send({ type: 'loaded', id: message.id });
        break;
      case 'rename': {
        const ids = vendor.store.ids('Account');
        let renamed = 0;
        for (let i = 0; i < message.count; i += 1) {
          const id = ids[i * message.every];
          if (id === undefined) break;
          vendor.store.update('Account', id, { Name: `Renamed ${String(i)}` });
          renamed += 1;
        }
        send({ type: 'renamed', id: message.id, renamed });
        break;
      }
      case 'close':
        await vendor.close();
        process.disconnect();
        break;
      default:
        throw new Error(`the Salesforce sandbox process was asked for ${message.type}`);
    }
  });
  send({ type: 'ready', id: 0, role, vendor: { url: vendor.url, credentials: vendor.credentials } });
} else if (role === 'hubspot') {
  const perTen = setup.hubspotPerTenSeconds;
  const partner = await startHubSpotSandbox({ settings: { rateLimits: { perTenSeconds: perTen, searchPerSecond: 10_000, daily: 100_000_000, retryAfterHeader: false } } });
  const bare = await startHubSpotSandbox();
  const bareBulk = await startHubSpotSandbox();
  onRequest(async (message) => {
    switch (message.type) {
      case 'companies':
        send({ type: 'companies', id: message.id, partner: partner.portal.stores.companies.size, bare: bare.portal.stores.companies.size, bareBulk: bareBulk.portal.stores.companies.size });
        break;
      case 'close':
        await Promise.all([partner.close(), bare.close(), bareBulk.close()]);
        process.disconnect();
        break;
      default:
        throw new Error(`the HubSpot sandbox process was asked for ${message.type}`);
    }
  });
  send({ type: 'ready', id: 0, role, partner: { url: partner.url, accessToken: partner.accessToken }, bare: { url: bare.url, accessToken: bare.accessToken }, bareBulk: { url: bareBulk.url, accessToken: bareBulk.accessToken } });
} else {
  throw new Error(`BENCH_SANDBOX_ROLE is ${String(role)}: expected salesforce or hubspot`);
}

function onRequest(handle: (message: SandboxRequest) => Promise<void>): void {
  process.on('message', (message: SandboxRequest) => {
    void handle(message);
  });
}
