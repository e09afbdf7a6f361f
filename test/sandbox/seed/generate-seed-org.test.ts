import { describe, expect, it } from 'vitest';
import { generateSeedOrg } from '../../../src/sandbox/seed/generate-seed-org.js';

const first = <T>(items: Iterable<T>, n: number): T[] => {
  const out: T[] = [];
  for (const item of items) {
    if (out.length >= n) break;
    out.push(item);
  }
  return out;
};

describe('seed org generator', () => {
  it('given the same spec twice, then every record is the same, and each iterable can be walked again', () => {
    const spec = { seed: 5, kind: 'vendor' as const, companies: 300, partners: 10, opportunitiesPerCompany: 1.5 };
    const a = generateSeedOrg(spec);
    const b = generateSeedOrg(spec);
    expect(JSON.stringify([...a.companies()])).toBe(JSON.stringify([...b.companies()]));
    expect(JSON.stringify([...a.opportunities()])).toBe(JSON.stringify([...b.opportunities()]));
    expect([...a.partners()]).toEqual([...b.partners()]);
    expect([...a.companies()]).toEqual([...a.companies()]);
    expect(JSON.stringify([...generateSeedOrg({ ...spec, seed: 6 }).companies()])).not.toBe(JSON.stringify([...a.companies()]));
  });

  it('given a vendor org, then companies are distinct real-looking companies with owners among its users and opportunities of its companies', () => {
    const org = generateSeedOrg({ seed: 1, kind: 'vendor', companies: 2_000, users: 12, opportunitiesPerCompany: 1.2, partners: 8 });
    const companies = [...org.companies()];
    expect(new Set(companies.map((c) => c.entity)).size).toBe(2_000);
    const users = new Set([...org.users()].map((u) => u.key));
    expect(users.size).toBe(12);
    expect(companies.every((c) => users.has(c.ownerKey))).toBe(true);
    expect(companies.filter((c) => c.website === undefined).length / 2_000).toBeGreaterThan(0.03);
    expect(companies.some((c) => /GmbH|Ltd|Inc|Pty Ltd|S\.A\.|B\.V\./.test(c.name))).toBe(true);
    const keys = new Set(companies.map((c) => c.key));
    const opportunities = [...org.opportunities()];
    expect(opportunities.length / 2_000).toBeGreaterThan(1.1);
    expect(opportunities.length / 2_000).toBeLessThan(1.3);
    expect(opportunities.every((o) => keys.has(o.companyKey) && /^\d{4}-\d{2}-\d{2}$/.test(o.closeDate))).toBe(true);
    expect(new Set(opportunities.map((o) => o.stage)).size).toBe(6);
    expect([...org.partners()]).toHaveLength(8);
  });

  it('given a partner org with 40% overlap on one universe, then about 40% of its companies are distinct vendor companies, often spelled differently', () => {
    const vendor = new Map([...generateSeedOrg({ seed: 1, kind: 'vendor', companies: 5_000 }).companies()].map((c) => [c.entity, c]));
    const partner = [...generateSeedOrg({ seed: 2, kind: 'partner', companies: 2_000, overlap: 0.4, vendorCompanies: 5_000 }).companies()];
    const shared = partner.filter((c) => vendor.has(c.entity));
    expect(shared.length / 2_000).toBeGreaterThan(0.35);
    expect(shared.length / 2_000).toBeLessThan(0.45);
    expect(new Set(partner.map((c) => c.entity)).size).toBe(2_000);
    expect(shared.filter((c) => c.name !== vendor.get(c.entity)?.name).length).toBeGreaterThan(shared.length / 4);
    expect([...generateSeedOrg({ seed: 2, kind: 'partner', companies: 10 }).partners()]).toEqual([]);
  });

  it('given a million companies, then they stream without being kept', () => {
    let count = 0;
    const before = process.memoryUsage().heapUsed;
    for (const company of generateSeedOrg({ seed: 9, kind: 'vendor', companies: 1_000_000 }).companies()) count += company.key.length > 0 ? 1 : 0;
    expect(count).toBe(1_000_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
    expect(first(generateSeedOrg({ seed: 9, kind: 'vendor', companies: 1_000_000 }).companies(), 1)[0]?.key).toBe('c-000000');
  });

  it('given a spec it cannot make, then it says what it expected', () => {
    expect(() => generateSeedOrg({ seed: 1, kind: 'vendor', companies: -1 })).toThrow(/companies: expected a whole number ≥ 0/);
    expect(() => generateSeedOrg({ seed: 1, kind: 'partner', companies: 5, overlap: 2 })).toThrow(/overlap: expected a share from 0 to 1/);
    expect(() => generateSeedOrg({ seed: 1, kind: 'partner', companies: 5, overlap: 0.5 })).toThrow(/needs vendorCompanies/);
  });
});
