import { describe, expect, it } from 'vitest';
import { formatMatrix } from '../../../src/engine/overlaps/format-matrix.js';

describe('formatMatrix', () => {
  it('given the same matrix built in two orders, then both read the same: totals left out, largest cells first, ties by name', () => {
    const one = { all: { all: 9, customers: 4 }, prospects: { all: 6, prospects: 3, customers: 3 }, customers: { all: 3, customers: 1, prospects: 2 } };
    const other = { customers: { prospects: 2, all: 3, customers: 1 }, prospects: { customers: 3, prospects: 3, all: 6 }, all: { customers: 4, all: 9 } };
    const expected = 'prospects×customers 3, prospects×prospects 3, customers×prospects 2, customers×customers 1';
    expect(formatMatrix(one)).toBe(expected);
    expect(formatMatrix(other)).toBe(expected);
  });

  it('given no population pairs, then it says so', () => {
    expect(formatMatrix({ all: { all: 4 } })).toBe('no population pairs');
  });
});
