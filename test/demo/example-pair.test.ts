import { describe, expect, it } from 'vitest';
import { examplePair } from '../../src/demo/example-pair.js';
import type { OverlapPair, OverlapSide } from '../../src/engine/overlaps/overlap-report.js';

const side = (name: string, owner: string | null): OverlapSide => ({ canonicalId: `acc_${name}`, crmId: name, name, owner, ownerName: owner, ownerEmail: null, populations: [] });
const pair = (vendor: string, vendorOwner: string | null, partnerOwner: string | null, territory: string | null): OverlapPair => ({
  vendor: side(vendor, vendorOwner),
  partner: side(`${vendor} Ltd`, partnerOwner),
  score: 1,
  reason: 'same domain',
  territory,
});

describe('examplePair', () => {
  it('given pairs in any order, then the one with both contacts and a territory is shown, the first by vendor name among equals', () => {
    const pairs = [
      pair('Zeta', 'zoe@vendor.example', 'zack@partner.example', 'emea'),
      pair('Alpha', 'ann@vendor.example', null, 'amer'),
      pair('Mid', 'max@vendor.example', 'mo@partner.example', 'apac'),
      pair('Beta', null, null, null),
    ];
    expect(examplePair(pairs)?.vendor.name).toBe('Mid');
    expect(examplePair([...pairs].reverse())?.vendor.name).toBe('Mid');
  });

  it('given no complete pair, then the most complete; given none, then none', () => {
    expect(examplePair([pair('Beta', null, null, null), pair('Alpha', 'ann@vendor.example', null, null), pair('Gamma', null, null, 'amer')])?.vendor.name).toBe('Alpha');
    expect(examplePair([])).toBeUndefined();
  });
});
