import { describe, expect, it } from 'vitest';
import { sameValue, stableJson } from '../../src/state/stable-json.js';

/**
 * The text stable JSON has always had (stored values and content hashes depend on it): object keys in
 * code-unit order, undefined members left out, undefined array items as null, the rest as JSON.stringify.
 */
function referenceText(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(referenceText).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${referenceText(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A small seeded generator, so a failing value can be found again. */
function randomValues(seed: number, count: number): unknown[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const keys = ['amount', 'currency', 'a', 'B', 'z', 'é', '10', '9', '0', '01', 'name', 'ü-key', '"quoted"'];
  const value = (depth: number): unknown => {
    const pick = Math.floor(next() * (depth > 2 ? 6 : 8));
    if (pick === 0) return null;
    if (pick === 1) return undefined;
    if (pick === 2) return Math.round(next() * 1e6) / 100;
    if (pick === 3) return next() < 0.5;
    if (pick === 4) return `text ${String(Math.floor(next() * 100))} "q" \\ \n ✓`;
    if (pick === 5) return '';
    if (pick === 6) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    const record: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i -= 1) record[keys[Math.floor(next() * keys.length)] ?? 'k'] = value(depth + 1);
    return record;
  };
  return Array.from({ length: count }, () => value(0));
}

describe('stable JSON', () => {
  it('given a nested value with keys out of order and undefined members, then keys come sorted and undefined members are left out', () => {
    const value = { b: 1, a: { d: [1, undefined, { z: 'é "x"', y: null }], c: 'x', gone: undefined }, u: undefined };
    expect(stableJson(value)).toBe('{"a":{"c":"x","d":[1,null,{"y":null,"z":"é \\"x\\""}]},"b":1}');
    expect(stableJson({ currency: 'USD', amount: 1 })).toBe(stableJson({ amount: 1, currency: 'USD' }));
  });

  it('given integer-like keys, at any depth, then they sort as text, as stored values always had them', () => {
    expect(stableJson({ a: 3, '9': 1, '10': 2 })).toBe('{"10":2,"9":1,"a":3}');
    expect(stableJson({ name: 'x', list: [{ '2': 'b', '10': 'a' }] })).toBe('{"list":[{"10":"a","2":"b"}],"name":"x"}');
  });

  it('given a member named __proto__ (as JSON.parse makes one), then it is written as a member like any other', () => {
    expect(stableJson(JSON.parse('{"b":2,"__proto__":{"z":1,"a":null}}'))).toBe('{"__proto__":{"a":null,"z":1},"b":2}');
  });

  it('given 2,000 generated values, then each gives exactly the reference text', () => {
    for (const value of randomValues(7, 2_000)) expect(stableJson(value)).toBe(referenceText(value));
  });

  it('given plain values, then they are JSON, undefined and null both null; sameValue compares by this text', () => {
    expect([stableJson('a'), stableJson(2.5), stableJson(true), stableJson(null), stableJson(undefined)]).toEqual(['"a"', '2.5', 'true', 'null', 'null']);
    expect(sameValue({ amount: 1, currency: 'USD' }, { currency: 'USD', amount: 1 })).toBe(true);
    expect(sameValue({ amount: 1 }, { amount: 2 })).toBe(false);
  });
});
