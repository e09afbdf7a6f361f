import { afterEach, describe, expect, it } from 'vitest';
import { SharingPolicy } from '../../../src/config/partner-schema.js';
import { Territory } from '../../../src/config/territory-schema.js';
import { sharingFingerprint, SharingFingerprints } from '../../../src/engine/overlaps/sharing-fingerprint.js';
import { testWorkspace, type TestWorkspace } from '../../helpers/test-redis.js';

const partner = (sharing: unknown, extra: { name?: string; matchThreshold?: number } = {}) => ({ id: 'globex', name: extra.name ?? 'Globex Software', sharing: SharingPolicy.parse(sharing), ...(extra.matchThreshold === undefined ? {} : { matchThreshold: extra.matchThreshold }) });
const territory = (partnerRep: string, otherRep = 'Sam Ortiz') => Territory.parse({ name: 'amer', where: { country: ['US'] }, vendorRep: { name: 'Maya Chen' }, partnerReps: { globex: { name: partnerRep }, northwind: { name: otherRep } } });
const base = sharingFingerprint(partner({ share: 'overlaps', fields: ['relationship', 'ownerName'] }), [territory('Ravi Patel')]);

let ws: TestWorkspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

describe("a partner's sharing fingerprint", () => {
  it('given anything that decides what is written for the partner changed, then the fingerprint changes', () => {
    const changed = [
      sharingFingerprint(partner({ share: 'all', fields: ['relationship', 'ownerName'] }), [territory('Ravi Patel')]),
      sharingFingerprint(partner({ share: 'overlaps', fields: ['relationship'] }), [territory('Ravi Patel')]),
      sharingFingerprint(partner({ share: 'counts' }), [territory('Ravi Patel')]),
      sharingFingerprint(partner({ share: 'overlaps', fields: ['relationship', 'ownerName'] }, { name: 'Globex Inc.' }), [territory('Ravi Patel')]),
      sharingFingerprint(partner({ share: 'overlaps', fields: ['relationship', 'ownerName'] }, { matchThreshold: 0.9 }), [territory('Ravi Patel')]),
      sharingFingerprint(partner({ share: 'overlaps', fields: ['relationship', 'ownerName'] }), [territory('Ines Moreau')]),
      sharingFingerprint(partner({ share: 'overlaps', fields: ['relationship', 'ownerName'] }), []),
    ];
    expect(new Set([base, ...changed]).size).toBe(changed.length + 1);
  });

  it("given the same sharing written differently, or another partner's rep changed, then the fingerprint stays", () => {
    expect(sharingFingerprint(partner({ share: 'overlaps', fields: ['ownerName', 'relationship', 'ownerName'] }), [territory('Ravi Patel')])).toBe(base);
    expect(sharingFingerprint(partner({ share: 'overlaps', fields: ['relationship', 'ownerName'] }), [territory('Ravi Patel', 'Claire Dubois')])).toBe(base);
    // A partner sharing nothing has nothing written: only that counts.
    expect(sharingFingerprint(partner({ share: 'nothing' }, { name: 'Globex Inc.' }), [])).toBe(sharingFingerprint(partner({ share: 'nothing' }), [territory('Ravi Patel')]));
  });

  it('given fingerprints stored per part, then each part reads back its own', async () => {
    ws = await testWorkspace();
    const store = new SharingFingerprints(ws.redis, ws.prefix);
    await store.set('mapping', new Map([['globex', base]]));
    expect(await store.get('mapping', ['globex', 'northwind'])).toEqual([base, undefined]);
    expect(await store.get('copies', ['globex'])).toEqual([undefined]);
  });
});
