import { describe, expect, it } from 'vitest';
import { SharingPolicy } from '../../../src/config/partner-schema.js';
import { OVERLAP_SOURCE } from '../../../src/engine/overlaps/overlap-fields.js';
import { accountValues } from '../../../src/engine/workspace-rules.js';
import type { CanonicalRecord, SourceSnapshot } from '../../../src/state/canonical-store.js';

const partner = (id: string, sharing: unknown) => ({ id, sharing: SharingPolicy.parse(sharing) });
const partners = [
  partner('reseller', { share: 'all', fields: ['name', 'website'] }),
  partner('globex', { share: 'overlaps', fields: ['relationship'] }),
  partner('counter', { share: 'counts' }),
  partner('silent', { share: 'nothing' }),
];
const source = (values: Record<string, unknown>): SourceSnapshot => ({ crmId: 'x', modifiedAt: '2026-11-29T00:00:00.000Z', values, changedAt: {} });
const record = (sources: Record<string, Record<string, unknown>>): CanonicalRecord => ({ id: 'acc_1', sources: new Map(Object.entries(sources).map(([k, v]) => [k, source(v)])) });

const vendorAccount = record({ vendor: { name: 'Acme', industry: 'Software' }, [OVERLAP_SOURCE]: { cosellOverlap: true, cosellPartners: 'Globex' } });
const globexAccount = record({ globex: { name: 'ACME GmbH' }, [OVERLAP_SOURCE]: { cosellOverlap: true, vendorRelationship: 'customer', vendorOwner: null } });

describe('what an account may carry to each connection', () => {
  it("given a vendor account, then only a partner sharing `all` receives it, with its allowlist; the vendor gets account mapping's fields only", () => {
    expect(accountValues(partners, vendorAccount, 'reseller')).toEqual({ values: { name: 'Acme', industry: 'Software' }, allowed: new Set(['name', 'website']) });
    for (const id of ['globex', 'counter', 'silent', 'nobody']) expect(accountValues(partners, vendorAccount, id)).toBeUndefined();
    expect(accountValues(partners, vendorAccount, 'vendor')).toEqual({ values: { cosellOverlap: true, cosellPartners: 'Globex' }, allowed: new Set(['cosellOverlap', 'cosellPartners', 'partnerOwner']) });
  });

  it("given a partner's own matched account, then only that partner receives the vendor's side, and no one else anything of it", () => {
    expect(accountValues(partners, globexAccount, 'globex')).toEqual({ values: { cosellOverlap: true, vendorRelationship: 'customer', vendorOwner: null }, allowed: new Set(['cosellOverlap', 'vendorRelationship', 'vendorOwner']) });
    for (const id of ['reseller', 'counter', 'silent', 'vendor']) expect(accountValues(partners, globexAccount, id)).toBeUndefined();
  });

  it('given a partner sharing counts with a matched account of its own, then nothing is written to it', () => {
    const counted = record({ counter: { name: 'ACME' }, [OVERLAP_SOURCE]: { cosellOverlap: true } });
    expect(accountValues(partners, counted, 'counter')).toBeUndefined();
  });

  it('given cleared values on a partner account, then they go to that partner whatever its sharing now, and values that are not cleared do not', () => {
    const cleared = { cosellOverlap: false, vendorRelationship: null, vendorOwner: null };
    for (const id of ['counter', 'silent', 'globex']) {
      const own = record({ [id]: { name: 'ACME' }, [OVERLAP_SOURCE]: cleared });
      expect(accountValues(partners, own, id)).toEqual({ values: cleared, allowed: new Set(['cosellOverlap', 'vendorRelationship', 'vendorOwner']) });
      for (const other of ['reseller', 'vendor', ...['counter', 'silent', 'globex'].filter((p) => p !== id)]) expect(accountValues(partners, own, other)).toBeUndefined();
    }
    const stillSet = record({ silent: { name: 'ACME' }, [OVERLAP_SOURCE]: { cosellOverlap: true, vendorRelationship: null, vendorOwner: null } });
    expect(accountValues(partners, stillSet, 'silent')).toBeUndefined();
  });

  it("given a copy in a partner's CRM holding vendor values its allowlist no longer names, then those are taken back, and values the partner's users put there stay", () => {
    const copy = record({ vendor: { name: 'Acme', website: 'acme.example', industry: 'Software', city: 'Lyon' }, reseller: { name: 'Acme', website: 'acme.example', industry: 'Software', city: 'Paris' } });
    const outgoing = accountValues([partner('reseller', { share: 'all', fields: ['name'] })], copy, 'reseller');
    expect(outgoing).toEqual({ values: { name: 'Acme', website: null, industry: null, city: 'Lyon' }, allowed: new Set(['name', 'website', 'industry']) });
    // The vendor's record itself is left as it was.
    expect(copy.sources.get('vendor')?.values.website).toBe('acme.example');
    // Nothing to take back: the vendor's values as they are, not a copy of them.
    const inLine = record({ vendor: { name: 'Acme', website: 'acme.example' }, reseller: { name: 'Acme', website: '' } });
    expect(accountValues([partner('reseller', { share: 'all', fields: ['name'] })], inLine, 'reseller')?.values).toBe(inLine.sources.get('vendor')?.values);
  });
});
