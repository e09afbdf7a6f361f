// A synthetic vendor org for benchmarks: simple, predictable accounts, streamed (never all in memory).
import type { SeedCompany, SeedOrg, SeedUser } from '../../src/sandbox/seed/seed-types.js';

export function syntheticOrg(count: number): SeedOrg {
  const users: SeedUser[] = Array.from({ length: 20 }, (_, i) => ({
    key: `u-${i}`,
    firstName: `Rep${i}`,
    lastName: 'Seller',
    email: `rep${i}@vendor.example`,
    region: ['amer', 'emea', 'apac'][i % 3] ?? 'amer',
    title: 'Account Executive',
  }));
  return {
    spec: { seed: 1, kind: 'vendor', companies: count },
    users: () => users,
    *companies(): Generator<SeedCompany> {
      for (let i = 0; i < count; i += 1) {
        yield {
          key: `c-${i}`,
          entity: `e-${i}`,
          name: `Company ${i} Holdings`,
          website: `https://www.company${i}.example/`,
          industry: 'Technology',
          country: 'United States',
          state: 'CA',
          city: 'San Francisco',
          employees: 100 + (i % 5000),
          annualRevenue: 1_000_000 + i,
          relationship: i % 3 === 0 ? 'customer' : 'prospect',
          ownerKey: `u-${i % 20}`,
          createdAt: new Date(Date.UTC(2023, 0, 1) + i * 1000),
        };
      }
    },
    opportunities: () => [],
    partners: () => [],
  };
}
