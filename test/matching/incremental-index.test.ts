import { describe, expect, it } from 'vitest';
import { AccountIndex } from '../../src/matching/account-index.js';

describe('incremental account index', () => {
  const partner = { id: 'p1', name: 'Zentrix Logistics', website: 'https://zentrix.com/about', country: 'US' };

  it('given an account added after others, then the next match finds it', () => {
    const index = new AccountIndex();
    index.add({ id: 'v1', name: 'Globex', website: 'globex.com' });
    expect(index.match(partner)).toEqual([]);
    index.add({ id: 'v2', name: 'Zentrix Logistics LLC', website: 'zentrix.com' });
    expect(index.match(partner).map((m) => m.vendorId)).toEqual(['v2']);
    expect(index.size).toBe(2);
  });

  it('given an account removed, then it is matched no more, by domain or by name', () => {
    const index = new AccountIndex();
    index.add({ id: 'v1', name: 'Zentrix Logistics', website: 'zentrix.com', country: 'US' });
    expect(index.remove('v1')).toBe(true);
    expect(index.remove('v1')).toBe(false);
    expect(index.match(partner)).toEqual([]);
    expect(index.match({ id: 'p2', name: 'Zentrix Logistics', country: 'US' })).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('given an account updated with a new domain and name, then it matches by the new ones only', () => {
    const index = new AccountIndex();
    index.add({ id: 'v1', name: 'Initech', website: 'initech.com', country: 'US' });
    expect(index.update({ id: 'v1', name: 'Zentrix Logistics', website: 'zentrix.com', country: 'US' })).toBe(true);
    expect(index.match(partner).map((m) => m.vendorId)).toEqual(['v1']);
    expect(index.match({ id: 'p2', name: 'Initech', website: 'initech.com', country: 'US' })).toEqual([]);
    expect(index.get('v1')?.name).toBe('zentrix logistics');
  });

  it('given many adds, removes and re-adds, then matching agrees with a fresh index of the same accounts', () => {
    const incremental = new AccountIndex();
    const names = Array.from({ length: 300 }, (_, i) => `Company Number ${String(i)} Holdings`);
    names.forEach((name, i) => incremental.add({ id: `v${String(i)}`, name, country: 'US', website: `c${String(i)}.com` }));
    for (let i = 0; i < 300; i += 3) incremental.remove(`v${String(i)}`);
    for (let i = 0; i < 300; i += 6) incremental.add({ id: `v${String(i)}`, name: names[i] ?? '', country: 'US' });
    incremental.compact();
    const fresh = new AccountIndex();
    names.forEach((name, i) => {
      if (i % 3 !== 0) fresh.add({ id: `v${String(i)}`, name, country: 'US', website: `c${String(i)}.com` });
      else if (i % 6 === 0) fresh.add({ id: `v${String(i)}`, name, country: 'US' });
    });
    for (let i = 0; i < 300; i++) {
      const query = { id: `p${String(i)}`, name: names[i] ?? '', country: 'US', city: 'Austin' };
      expect(incremental.match(query)).toEqual(fresh.match(query));
    }
  });
});
