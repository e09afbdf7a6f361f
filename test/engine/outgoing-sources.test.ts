import { afterEach, describe, expect, it } from 'vitest';
import { SharingPolicy } from '../../src/config/partner-schema.js';
import { OVERLAP_SOURCE } from '../../src/engine/overlaps/overlap-fields.js';
import { VENDOR, WorkspaceRules } from '../../src/engine/workspace-rules.js';
import { loadMappings } from '../../src/mappings/load-mappings.js';
import { CanonicalStore } from '../../src/state/canonical-store.js';
import { testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let current: TestWorkspace | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

// Only what the rules read of a workspace: each side's CRM kind and each partner's sharing.
const workspace = {
  vendor: { connection: { kind: 'salesforce' } },
  partners: [
    { id: 'reseller', connection: { kind: 'hubspot' }, sharing: SharingPolicy.parse({ share: 'all', fields: ['name', 'website'] }) },
    { id: 'globex', connection: { kind: 'hubspot' }, sharing: SharingPolicy.parse({ share: 'overlaps', fields: ['relationship'] }) },
    { id: 'initech', connection: { kind: 'salesforce' }, sharing: SharingPolicy.parse({ share: 'all', fields: ['name'] }) },
  ],
} as unknown as ConstructorParameters<typeof WorkspaceRules>[0];

const at = (day: number): string => `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`;

describe('a write batch reads only the sources its target may receive from', () => {
  it('given records every connection describes, then for each target the values from its sources alone equal those from all sources, and no other partner\'s document is read', async () => {
    const ws = (current = await testWorkspace());
    const store = new CanonicalStore(ws.redis, ws.prefix);
    const rules = new WorkspaceRules(workspace, await loadMappings('mappings'), store);
    const snapshot = (day: number, values: Record<string, unknown>) => ({ crmId: `x${String(day)}`, modifiedAt: at(day), values });
    // A vendor account copied to two partners; a partner's own matched account; an account only one partner has.
    await store.recordSource('account', 'acc_1', VENDOR, snapshot(1, { name: 'Acme', website: 'acme.test', industry: 'Software' }));
    await store.recordSource('account', 'acc_1', 'reseller', snapshot(2, { name: 'Acme', website: 'acme.test', industry: 'Software' }));
    await store.recordSource('account', 'acc_1', 'initech', snapshot(2, { name: 'Acme' }));
    await store.recordSource('account', 'acc_1', OVERLAP_SOURCE, snapshot(3, { cosellOverlap: true, cosellPartners: 'Globex' }));
    await store.recordSource('account', 'acc_2', 'globex', snapshot(1, { name: 'ACME GmbH' }));
    await store.recordSource('account', 'acc_2', OVERLAP_SOURCE, snapshot(3, { cosellOverlap: true, vendorRelationship: 'customer', vendorOwner: null }));
    await store.recordSource('account', 'acc_3', 'initech', snapshot(1, { name: 'Initech Own' }));
    // An opportunity linked between the vendor and one partner, edited on both sides.
    await store.recordSource('opportunity', 'opp_1', VENDOR, snapshot(1, { name: 'Big deal', stage: 'proposal', amount: { amount: 10, currency: 'USD' } }));
    await store.recordSource('opportunity', 'opp_1', 'reseller', snapshot(2, { name: 'Big deal', stage: 'negotiation', amount: { amount: 12, currency: 'USD' } }));

    const kinds = { account: ['acc_1', 'acc_2', 'acc_3'], opportunity: ['opp_1'] };
    let compared = 0;
    for (const [kind, ids] of Object.entries(kinds)) {
      const everything = await store.getMany(kind, ids);
      for (const target of [VENDOR, 'reseller', 'globex', 'initech']) {
        const only = rules.sourcesFor(kind, target);
        const read = await store.getMany(kind, ids, only);
        const full = everything.map((record) => (record ? rules.valuesFor(record, kind, target) : undefined));
        expect(read.map((record) => (record ? rules.valuesFor(record, kind, target) : undefined))).toEqual(full);
        compared += full.filter((values) => values !== undefined).length;
        if (only) for (const record of read) for (const source of record?.sources.keys() ?? []) expect(only).toContain(source);
      }
    }
    // Not vacuous: vendor ← acc_1 and opp_1, reseller ← acc_1 and opp_1, globex ← acc_2, initech ← acc_1.
    expect(compared).toBe(6);
    expect(rules.sourcesFor('account', 'reseller')).not.toContain('initech');
  });
});
