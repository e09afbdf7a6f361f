import { startHubSpotSandbox, type HubSpotSandbox } from '../sandbox/hubspot/hubspot-sandbox.js';
import { startSalesforceSandbox, type SalesforceSandbox } from '../sandbox/salesforce/salesforce-sandbox.js';
import { seedDemoOrgs, type DemoSeedSummary } from './seed-demo-orgs.js';

export interface DemoSandboxes {
  /** The vendor's Salesforce org (Acme Cloud). */
  vendor: SalesforceSandbox;
  /** Partner Northwind Consulting's HubSpot account. */
  northwind: HubSpotSandbox;
  /** Partner Globex Software's Salesforce org. */
  globex: SalesforceSandbox;
  seeded: DemoSeedSummary;
  close(): Promise<void>;
}

export interface DemoSandboxOptions {
  /** Companies in the vendor org; each partner has a share of them plus its own. */
  companies: number;
  seed: number;
}

/** The three sandbox CRMs of the demo, with seeded, overlapping data. */
export async function startDemoSandboxes(options: DemoSandboxOptions): Promise<DemoSandboxes> {
  const started: { close(): Promise<void> }[] = [];
  try {
    const vendor = await startSalesforceSandbox({ orgSeed: 1 });
    started.push(vendor);
    const northwind = await startHubSpotSandbox({ portalId: 4_411_201 });
    started.push(northwind);
    const globex = await startSalesforceSandbox({ orgSeed: 2 });
    started.push(globex);
    const seeded = await seedDemoOrgs({ vendor, northwind, globex }, options);
    return {
      vendor,
      northwind,
      globex,
      seeded,
      close: async () => {
        await Promise.all(started.map((sandbox) => sandbox.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((sandbox) => sandbox.close().catch(() => undefined)));
    throw error;
  }
}
