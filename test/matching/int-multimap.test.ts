import { describe, expect, it } from 'vitest';
import { IntMultimap } from '../../src/matching/int-multimap.js';

const valuesOf = (map: IntMultimap, key: number, limit = 100): number[] => {
  const values: number[] = [];
  map.forEachOfKeys(Int32Array.of(key), 1, limit, (value) => values.push(value));
  return values.sort((a, b) => a - b);
};

describe('int multimap', () => {
  it('given values added under keys, then each key gives back its own values, also after growing and compacting', () => {
    const map = new IntMultimap(16);
    for (let i = 0; i < 5_000; i++) map.add(i % 97, i);
    expect(valuesOf(map, 5)).toHaveLength(52);
    map.compact();
    expect(valuesOf(map, 5)).toEqual(Array.from({ length: 52 }, (_, k) => 5 + 97 * k).filter((v) => v < 5_000));
    expect(valuesOf(map, 1_000)).toEqual([]);
    expect(map.size).toBe(5_000);
  });

  it('given a key with more values than the limit, then none of them are visited', () => {
    const map = new IntMultimap();
    for (let i = 0; i < 10; i++) map.add(42, i);
    expect(valuesOf(map, 42, 9)).toEqual([]);
    expect(valuesOf(map, 42, 10)).toHaveLength(10);
  });

  it('given entries deleted, then they are gone and their room is reused', () => {
    const map = new IntMultimap(16);
    map.add(1, 10);
    map.add(1, 11);
    expect(map.delete(1, 10)).toBe(true);
    expect(map.delete(1, 10)).toBe(false);
    map.add(2, 20);
    expect(valuesOf(map, 1)).toEqual([11]);
    expect(valuesOf(map, 2)).toEqual([20]);
    expect(map.size).toBe(2);
  });
});
