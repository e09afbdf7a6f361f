import { describe, expect, it } from 'vitest';
import { AccountIndex } from '../../src/matching/account-index.js';
import { generateEvaluationSet } from '../../src/matching/evaluation/generate-evaluation-set.js';
import { sharedDomains } from '../../src/matching/match-accounts.js';
import { prepareAccount } from '../../src/matching/prepared-account.js';

describe('a replica of the account index (for a second matching thread)', () => {
  const set = generateEvaluationSet({ size: 3_000, seed: 11 });
  const vendors = set.vendors.map(prepareAccount);
  // A few vendor rows again under ids seen before, with other names and domains: they replace the earlier ones.
  const repeats = vendors.slice(0, 40).map((vendor, i) => prepareAccount({ id: vendor.id, name: `Renamed Holdings ${String(i)}`, website: `renamed${String(i)}-holdings.com` }));
  const partners = set.partners.map(prepareAccount);
  const shared = sharedDomains(partners);

  function originalAndReplica(): { original: AccountIndex; replica: AccountIndex } {
    const original = new AccountIndex();
    const replica = AccountIndex.replica();
    for (const batch of [vendors.slice(0, 1_500), [...vendors.slice(1_500), ...repeats]]) {
      const slots = new Int32Array(batch.length);
      original.addBatch(batch, slots);
      replica.place(batch, slots);
    }
    original.compact();
    replica.useSharedNames(original.shareNames());
    return { original, replica };
  }

  it('given the accounts placed in the original slots and its shared names, then it matches every partner account exactly as the original', () => {
    const { original, replica } = originalAndReplica();
    const fromOriginal = partners.map((partner) => original.matchPrepared(partner, shared));
    const fromReplica = partners.map((partner) => replica.matchPrepared(partner, shared));
    expect(fromReplica).toEqual(fromOriginal);
    expect(fromOriginal.flat().length).toBeGreaterThan(1_000);
    // The repeated ids matched as their later rows: the renamed company, on its new domain.
    expect(replica.matchPrepared(prepareAccount({ id: 'p', name: 'Renamed Holdings 3', website: 'renamed3-holdings.com' }))).toMatchObject([{ vendorId: vendors[3]?.id }]);
  });

  it('given an index that shared its names, then it still matches the same, from shared memory', () => {
    const plain = new AccountIndex();
    for (const vendor of [...vendors, ...repeats]) plain.addPrepared(vendor);
    const { original } = originalAndReplica();
    expect(partners.map((partner) => original.matchPrepared(partner, shared))).toEqual(partners.map((partner) => plain.matchPrepared(partner, shared)));
    expect(original.size).toBe(plain.size);
  });

  it('given a replica, then it refuses to be changed like an original, and to match before it has its names', () => {
    const replica = AccountIndex.replica();
    expect(() => replica.matchPrepared(partners[0] ?? prepareAccount({ id: 'p', name: 'Acme' }))).toThrow('this replica has no names yet');
    expect(() => replica.addPrepared(prepareAccount({ id: 'v', name: 'Acme' }))).toThrow('takes its accounts by place()');
    expect(() => replica.remove('v')).toThrow('takes its accounts by place()');
    expect(() => { new AccountIndex().place([], new Int32Array(0)); }).toThrow('place() is for replicas');
  });
});
