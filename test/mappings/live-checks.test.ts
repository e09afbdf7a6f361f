import { afterEach, describe, expect, it } from 'vitest';
import { createHubSpotConnector } from '../../connectors/hubspot/hubspot-connector.js';
import { Secret } from '../../src/config/secret.js';
import type { CompiledMapping } from '../../src/mappings/compiled-mapping.js';
import { checkConnectionLive } from '../../src/mappings/live-checks.js';
import { loadMappings } from '../../src/mappings/load-mappings.js';
import { valueMap } from '../../src/mappings/transforms/value-map-transform.js';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { silentLogger } from '../helpers/test-redis.js';
import { setup } from '../connectors/salesforce/salesforce-fixture.js';
import { testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let hubspot: HubSpotSandbox | undefined;
let ws: TestWorkspace | undefined;
afterEach(async () => {
  await hubspot?.close();
  await ws?.cleanup();
  hubspot = undefined;
  ws = undefined;
});

describe('mappings validate --live', () => {
  it('given the shipped Salesforce mappings and the sandbox org, then every mapping fits', async () => {
    const { connector } = await setup();
    const set = await loadMappings('mappings');
    const problems = await checkConnectionLive('vendor', connector, set.base().filter((m) => m.crm === 'salesforce'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('given the shipped HubSpot mappings and the sandbox portal, then every mapping fits', async () => {
    ws = await testWorkspace();
    hubspot = await startHubSpotSandbox();
    const connector = createHubSpotConnector({ connectionId: 'northwind', settings: { kind: 'hubspot', baseUrl: hubspot.url, auth: { type: 'private-app', token: new Secret(hubspot.accessToken, 'T') }, limits: { dailyShare: 1, requestsPerTenSeconds: 1_000, searchRequestsPerSecond: 100 } }, redis: ws.redis, prefix: ws.prefix, logger: silentLogger });
    const set = await loadMappings('mappings');
    const problems = await checkConnectionLive('northwind', connector, set.base().filter((m) => m.crm === 'hubspot' && m.object !== 'owners'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('given a mapping with a misspelt field, a read-only target, a wrong type, a stage the picklist lacks and no external id, then each is reported with its field', async () => {
    const { connector } = await setup();
    const mapping: CompiledMapping = {
      crm: 'salesforce',
      object: 'Opportunity',
      canonical: 'opportunity',
      externalId: 'Name',
      crmFieldsToRead: [],
      sources: ['broken.yaml'],
      fields: [
        { canonical: 'name', crm: 'Nmae', direction: 'both', precedence: 'source-of-truth', transforms: [] },
        { canonical: 'closed', crm: 'IsClosed', direction: 'to-crm', precedence: undefined, transforms: [] },
        { canonical: 'amount', crm: 'Amount', direction: 'to-crm', precedence: undefined, transforms: [] },
        { canonical: 'productLine', crm: 'Product_Line__c', direction: 'to-crm', precedence: undefined, transforms: [valueMap({ map: { Compute: 'compute', Quantum: 'quantum' } })] },
      ],
    };
    const problems = await checkConnectionLive('vendor', connector, [mapping]);
    expect(problems.map((p) => [p.where, p.severity])).toEqual([
      ['Opportunity.Nmae', 'error'],
      ['Opportunity.IsClosed', 'error'],
      ['Opportunity.IsClosed', 'error'],
      ['Opportunity.Amount', 'error'],
      ['Opportunity.Product_Line__c', 'error'],
      ['Opportunity.Name', 'error'],
    ]);
    expect(problems[4]?.found).toContain('"Quantum"');
    expect(problems[4]?.source).toBe('broken.yaml');
  });
});
