// The sandbox CRMs of the engine benchmarks in a process of their own, as real CRMs are remote: serving
// requests never takes the benchmarked process's CPU. Started by remote-sandboxes.ts; driven over IPC.
import { loadSeedOrg } from '../../src/sandbox/salesforce/load-seed-org.js';
import { startHubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { startSalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox.js';
import type { SandboxReply, SandboxRequest, SandboxSetup } from './sandbox-protocol.js';
import { syntheticOrg } from './synthetic-org.js';

const setup = JSON.parse(process.env.BENCH_SANDBOX_SETUP ?? '{}') as SandboxSetup;
const send = (reply: SandboxReply): void => {
  process.send?.(reply);
};

const perTen = setup.hubspotPerTenSeconds;
const vendor = await startSalesforceSandbox({ settings: { dailyApiLimit: 100_000_000 } });
const partner = await startHubSpotSandbox({ settings: { rateLimits: { perTenSeconds: perTen, searchPerSecond: 10_000, daily: 100_000_000, retryAfterHeader: false } } });
const bare = await startHubSpotSandbox();

process.on('message', (message: SandboxRequest) => {
  void (async () => {
    switch (message.type) {
      case 'load':
        await loadSeedOrg(vendor.org, syntheticOrg(message.accounts));
        send({ type: 'loaded', id: message.id });
        break;
      case 'companies':
        send({ type: 'companies', id: message.id, partner: partner.portal.stores.companies.size, bare: bare.portal.stores.companies.size });
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
        await Promise.all([vendor.close(), partner.close(), bare.close()]);
        process.disconnect();
        break;
    }
  })();
});

send({ type: 'ready', id: 0, vendor: { url: vendor.url, credentials: vendor.credentials }, partner: { url: partner.url, accessToken: partner.accessToken }, bare: { url: bare.url, accessToken: bare.accessToken } });
