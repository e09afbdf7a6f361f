import { describe, expect, it } from 'vitest';
import type { SharingPolicy } from '../../../src/config/partner-schema.js';
import type { OverlapPair, OverlapReport } from '../../../src/engine/overlaps/compute-overlaps.js';
import {
  REASON_QUOTES,
  shapeForPartner,
  shapePairForPartner,
  sharedVendorPopulations,
  vendorSideFields,
} from '../../../src/server/overlaps/shape-for-partner.js';

const POPULATIONS = {
  customers: { relationship: ['customer'] },
  prospects: { relationship: ['prospect'] },
  'emea-customers': { relationship: ['customer'], country: ['DE', 'FR'] },
};

const PAIR: OverlapPair = {
  vendor: { canonicalId: 'canon-vendor-1', crmId: '001VENDORCRM1', name: 'Vendor Name GmbH', owner: 'Vera Vendor <vera@acme.example>', ownerName: 'Vera Vendor', ownerEmail: 'vera@acme.example', populations: ['customers', 'emea-customers'] },
  partner: { canonicalId: 'canon-partner-1', crmId: 'HS-PARTNER-1', name: 'Partner Spelling GmbH', owner: 'Pat Partner', ownerName: 'Pat Partner', ownerEmail: null, populations: ['prospects'] },
  score: 0.973,
  reason: "name 'vendor name' = 'partner spelling' (1.00), same country DE",
  territory: 'dach-enterprise',
};

const REPORT: OverlapReport = {
  partnerId: 'northwind',
  computedAt: '2025-01-02T03:04:05.000Z',
  vendorAccounts: 1234,
  partnerAccounts: 56,
  matrix: { all: { all: 1, prospects: 1 }, customers: { all: 1, prospects: 1 }, 'emea-customers': { all: 1, prospects: 1 } },
  pairs: [PAIR],
};

const VENDOR_ONLY = ['canon-vendor-1', '001VENDORCRM1', 'dach-enterprise', '1234'];

describe('shapeForPartner', () => {
  it('given share nothing, then nothing at all', () => {
    expect(shapeForPartner(REPORT, { share: 'nothing' }, POPULATIONS)).toEqual({ share: 'nothing' });
  });

  it('given share counts, then only the matrix and the number of overlapping accounts', () => {
    const view = shapeForPartner(REPORT, { share: 'counts' }, POPULATIONS);
    expect(view).toEqual({ share: 'counts', partnerId: 'northwind', computedAt: REPORT.computedAt, overlappingAccounts: 1, matrix: REPORT.matrix });
    const text = JSON.stringify(view);
    for (const value of [...VENDOR_ONLY, 'Vendor Name', 'Partner Spelling', 'Vera']) expect(text).not.toContain(value);
  });

  it.each<[string, SharingPolicy['share']]>([['overlaps', 'overlaps'], ['all', 'all']])(
    'given share %s with fields [name], then the pairs carry the vendor name only and the partner its own account',
    (_label, share) => {
      const view = shapeForPartner(REPORT, { share, fields: ['name'] }, POPULATIONS);
      if (view.share !== 'overlaps' && view.share !== 'all') throw new Error('expected pairs');
      expect(view.vendorFields).toEqual(['name']);
      expect(view.reasons).toBe(false);
      expect(view.pairs).toEqual([
        { partner: { crmId: 'HS-PARTNER-1', name: 'Partner Spelling GmbH', populations: ['prospects'] }, vendor: { name: 'Vendor Name GmbH' }, score: 0.973 },
      ]);
      const text = JSON.stringify(view);
      for (const value of [...VENDOR_ONLY, 'vera@', 'canon-partner-1', 'Pat Partner', 'vendorAccounts']) expect(text).not.toContain(value);
    },
  );

  it('given the input report, then shaping leaves it unchanged', () => {
    const before = structuredClone(REPORT);
    const view = shapeForPartner(REPORT, { share: 'all', fields: ['name', 'relationship'] }, POPULATIONS);
    if (view.share === 'all') view.matrix.all = {};
    expect(REPORT).toEqual(before);
  });
});

describe('shapePairForPartner, by field list', () => {
  const cases: [string[], OverlapPairVendor][] = [
    [['website'], {}],
    [['name'], { name: 'Vendor Name GmbH' }],
    [['ownerName'], { owner: 'Vera Vendor' }],
    [['ownerEmail'], { owner: 'vera@acme.example' }],
    [['ownerName', 'ownerEmail'], { owner: 'Vera Vendor <vera@acme.example>' }],
    [['relationship'], { populations: ['customers'] }],
    [['relationship', 'country'], { populations: ['customers', 'emea-customers'] }],
    [['name', 'ownerName', 'relationship'], { name: 'Vendor Name GmbH', owner: 'Vera Vendor', populations: ['customers'] }],
  ];
  it.each(cases)('given fields %j, then the vendor side is %j', (fields, vendor) => {
    const shaped = shapePairForPartner(PAIR, fields, sharedVendorPopulations(fields, POPULATIONS));
    expect(shaped.vendor).toEqual(vendor);
    if (!fields.includes('ownerEmail')) expect(JSON.stringify(shaped)).not.toContain('vera@');
    expect(JSON.stringify(shaped)).not.toContain('001VENDORCRM1');
    expect(JSON.stringify(shaped)).not.toContain('canon-vendor-1');
    expect(JSON.stringify(shaped)).not.toContain('dach-enterprise');
  });

  it('given a vendor account without owner and owner fields allowed, then owner is null', () => {
    const shaped = shapePairForPartner({ ...PAIR, vendor: { ...PAIR.vendor, owner: null, ownerName: null, ownerEmail: null } }, ['ownerEmail'], new Set());
    expect(shaped.vendor).toEqual({ owner: null });
  });

  it('given a contact with a name only and only ownerEmail released, then owner is null, never the name', () => {
    const shaped = shapePairForPartner({ ...PAIR, vendor: { ...PAIR.vendor, owner: 'Vera Vendor', ownerEmail: null } }, ['ownerEmail'], new Set());
    expect(shaped.vendor).toEqual({ owner: null });
  });

  it('given the reason quotes vendor values, then it is shared only when every quotable field is allowed', () => {
    expect(shapePairForPartner(PAIR, ['name', 'domain', 'country'], new Set()).reason).toBeUndefined();
    expect(shapePairForPartner(PAIR, [...REASON_QUOTES], new Set()).reason).toBe(PAIR.reason);
  });
});

describe('vendorSideFields and sharedVendorPopulations', () => {
  it.each<[string[], string[]]>([
    [[], []],
    [['domain', 'website', 'industry'], []],
    [['ownerEmail', 'name'], ['name', 'owner']],
    [['relationship', 'ownerName', 'name'], ['name', 'owner', 'populations']],
  ])('given fields %j, then the vendor side may carry %j', (fields, keys) => {
    expect(vendorSideFields(fields)).toEqual(keys);
  });

  it('given relationship not allowed, then no vendor population is shared, whatever else is', () => {
    expect([...sharedVendorPopulations(['country', 'name'], POPULATIONS)]).toEqual([]);
  });

  it('given relationship allowed, then populations filtering on other fields need those fields too', () => {
    expect([...sharedVendorPopulations(['relationship'], POPULATIONS)]).toEqual(['customers', 'prospects']);
    expect([...sharedVendorPopulations(['relationship', 'country'], POPULATIONS)]).toEqual(['customers', 'prospects', 'emea-customers']);
  });
});

type OverlapPairVendor = ReturnType<typeof shapePairForPartner>['vendor'];
