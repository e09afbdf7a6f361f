import { describe, expect, it } from 'vitest';
import { AccountIndex } from '../../src/matching/account-index.js';
import type { AccountRecord } from '../../src/matching/account-record.js';

function indexOf(vendors: AccountRecord[], threshold?: number): AccountIndex {
  const index = new AccountIndex(threshold === undefined ? {} : { threshold });
  for (const vendor of vendors) index.add(vendor);
  return index;
}

const matchedIds = (index: AccountIndex, partner: AccountRecord): string[] => index.match(partner).map((m) => m.vendorId);

describe('matching by registrable domain', () => {
  it.each([
    'https://www.acme.co.uk/en/about?utm_source=crm',
    'http://ACME.CO.UK',
    'shop.acme.co.uk',
    'acme.co.uk/',
  ])('given the vendor at acme.co.uk and a partner website %o, then they match on the domain', (website) => {
    const index = indexOf([{ id: 'v1', name: 'Acme Ltd', website: 'www.acme.co.uk' }]);
    const [match] = index.match({ id: 'p1', name: 'ACME LIMITED', website });
    expect(match).toMatchObject({ vendorId: 'v1', partnerId: 'p1', reason: 'same domain acme.co.uk' });
    expect(match?.score).toBeGreaterThanOrEqual(0.95);
  });

  it('given a partner e-mail at a subdomain of the vendor domain, then they match on the domain', () => {
    const index = indexOf([{ id: 'v1', name: 'Acme', domain: 'acme.com.au' }]);
    expect(matchedIds(index, { id: 'p1', name: 'Acme Pty Ltd', email: 'jane@mail.acme.com.au' })).toEqual(['v1']);
  });

  it('given two shops on one hosting platform, then different tenants do not match', () => {
    const index = indexOf([{ id: 'v1', name: 'Alpha Candles', website: 'https://alpha.myshopify.com' }]);
    expect(index.match({ id: 'p1', name: 'Beta Soaps', website: 'beta.myshopify.com' })).toEqual([]);
    expect(matchedIds(index, { id: 'p2', name: 'Alpha Candles', website: 'alpha.myshopify.com/collections/all' })).toEqual(['v1']);
  });

  it('given free-mail addresses and social pages, then they are never a key', () => {
    const index = indexOf([
      { id: 'v1', name: 'Alpha Candles', email: 'alpha@gmail.com' },
      { id: 'v2', name: 'Beta Soaps', website: 'https://www.linkedin.com/company/beta' },
    ]);
    expect(index.match({ id: 'p1', name: 'Gamma Tools', email: 'gamma@gmail.com' })).toEqual([]);
    expect(index.match({ id: 'p2', name: 'Delta Paints', website: 'linkedin.com/company/delta' })).toEqual([]);
  });

  it('given the same company twice in the vendor CRM on one domain, then the partner matches both (a tie)', () => {
    const index = indexOf([
      { id: 'v1', name: 'Acme Corp', website: 'acme.com', country: 'US' },
      { id: 'v2', name: 'Acme Corporation', website: 'https://acme.com', country: 'US' },
    ]);
    expect(matchedIds(index, { id: 'p1', name: 'Acme', website: 'www.acme.com' }).sort()).toEqual(['v1', 'v2']);
  });
});

describe('matching by name', () => {
  it('given no domain on one side and the same name and country, then they match by name with the evidence', () => {
    const index = indexOf([{ id: 'v1', name: 'Zentrix Logistik GmbH', country: 'Deutschland', city: 'München', website: 'zentrix.de' }]);
    const [match] = index.match({ id: 'p1', name: 'ZENTRIX LOGISTIK', country: 'DE', city: 'Munchen' });
    expect(match?.vendorId).toBe('v1');
    expect(match?.reason).toBe("name 'zentrix logistik' = 'zentrix logistik' (1.00), same country DE, same city munchen");
    expect(match?.score).toBeGreaterThanOrEqual(0.9);
  });

  it('given the same name in another country, then the country contradicts the match', () => {
    const index = indexOf([{ id: 'v1', name: 'Blue Harbor Consulting', country: 'US', state: 'CA' }]);
    expect(index.match({ id: 'p1', name: 'Blue Harbor Consulting Ltd', country: 'United Kingdom' })).toEqual([]);
  });

  it('given the same name with two different company domains, then the domains contradict the match', () => {
    const index = indexOf([{ id: 'v1', name: 'Summit Partners', website: 'summitpartners.com', country: 'US' }]);
    expect(index.match({ id: 'p1', name: 'Summit Partners', website: 'summit-advisors.com', country: 'US' })).toEqual([]);
  });

  it('given the same name on a regional site of the same brand, then they match, the domains noted', () => {
    const index = indexOf([{ id: 'v1', name: 'Zentrix Logistics', website: 'zentrix.com', country: 'US', city: 'Austin' }]);
    const [match] = index.match({ id: 'p1', name: 'Zentrix Logistics Inc.', website: 'zentrix.de', country: 'US', city: 'Austin' });
    expect(match?.vendorId).toBe('v1');
    expect(match?.reason).toContain('related domains zentrix.com / zentrix.de');
  });

  it('given legal forms of different countries, then the match is refused', () => {
    const index = indexOf([{ id: 'v1', name: 'Orbis GmbH', city: 'Berlin' }]);
    expect(index.match({ id: 'p1', name: 'Orbis LLC', city: 'Berlin' })).toEqual([]);
  });

  it('given a name without any supporting evidence, then it is not enough on its own', () => {
    const index = indexOf([{ id: 'v1', name: 'Blue Harbor Consulting' }]);
    expect(index.match({ id: 'p1', name: 'Blue Harbor Consulting' })).toEqual([]);
  });

  it('given a typo in a long name and the same country and city, then they match by name', () => {
    const index = indexOf([{ id: 'v1', name: 'Zentrix Logistics Solutions', country: 'US', city: 'Austin' }]);
    const [match] = index.match({ id: 'p1', name: 'Zentrix Logistcs Solutions', country: 'USA', city: 'Austin' });
    expect(match?.vendorId).toBe('v1');
    expect(match?.reason).toMatch(/^name 'zentrix logistics solutions' ≈ 'zentrix logistcs solutions' \(0\.96\)/);
  });

  it('given two companies of the same name the partner cannot be told apart from, then neither is matched', () => {
    const index = indexOf([
      { id: 'v1', name: 'Harbor Tech', country: 'US', state: 'CA', website: 'harbortech.com' },
      { id: 'v2', name: 'Harbor Tech', country: 'US', state: 'NY', website: 'harbor-tech.io' },
    ]);
    expect(index.match({ id: 'p1', name: 'Harbor Tech', country: 'US' })).toEqual([]);
    expect(matchedIds(index, { id: 'p2', name: 'Harbor Tech', country: 'US', state: 'New York' })).toEqual(['v2']);
  });

  it('given a partner sharing only a word with a vendor, then they do not match', () => {
    const index = indexOf([{ id: 'v1', name: 'Delta Air Lines', country: 'US', city: 'Atlanta' }]);
    expect(index.match({ id: 'p1', name: 'Delta Dental', country: 'US', city: 'Atlanta' })).toEqual([]);
  });
});

describe('threshold and platforms', () => {
  it('given a higher threshold, then weaker matches are left out', () => {
    const vendors = [{ id: 'v1', name: 'Zentrix Logistics', country: 'US' }];
    const partner = { id: 'p1', name: 'Zentrix Logistics', country: 'US' };
    expect(indexOf(vendors).match(partner)).toHaveLength(1);
    expect(indexOf(vendors, 0.95).match(partner)).toEqual([]);
  });

  it('given a threshold outside (0, 1], then the index refuses it, saying what it expected', () => {
    expect(() => new AccountIndex({ threshold: 1.5 })).toThrow('threshold: expected a number greater than 0 and at most 1; found 1.5');
  });

  it('given a domain many different vendor companies use, then it is treated as a platform, not a key', () => {
    const names = ['Alpha Candles', 'Beta Soaps', 'Gamma Tools', 'Delta Paints', 'Epsilon Toys'];
    const index = indexOf(names.map((name, i) => ({ id: `v${String(i)}`, name, website: `https://sites.example-host.com/${name}` })));
    expect(index.match({ id: 'p1', name: 'Zeta Games', website: 'example-host.com' })).toEqual([]);
  });
});
