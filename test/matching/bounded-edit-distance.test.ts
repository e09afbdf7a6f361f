import { describe, expect, it } from 'vitest';
import { boundedEditDistance } from '../../src/matching/bounded-edit-distance.js';
import { SeededRandom } from '../../src/matching/evaluation/seeded-random.js';

/** The textbook optimal string alignment distance, for checking the fast one. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

describe('bounded edit distance', () => {
  it.each([
    ['zentrix', 'zentrix', 0],
    ['zentrix', 'zentirx', 1],
    ['zentrix', 'zentix', 1],
    ['zentrix', 'zenttrix', 1],
    ['zentrix', 'zentrax', 1],
    ['acme', 'emca', 3],
    ['', 'abc', 3],
  ])('given %o and %o, then the distance is %o', (a, b, expected) => {
    expect(boundedEditDistance(a, b, 5)).toBe(expected);
  });

  it('given a distance beyond the bound, then it answers bound + 1', () => {
    expect(boundedEditDistance('zentrixlogistics', 'globexdental', 2)).toBe(3);
  });

  it('given many random pairs, then it agrees with the textbook distance within the bound', () => {
    const random = new SeededRandom(7);
    const letters = ['a', 'b', 'c', 'd', 'e'];
    for (let trial = 0; trial < 5_000; trial++) {
      const a = Array.from({ length: random.int(12) }, () => random.pick(letters)).join('');
      const b = a.split('');
      for (let edit = random.int(4); edit > 0; edit--) {
        const at = random.int(b.length + 1);
        const kind = random.int(4);
        if (kind === 0) b.splice(at, 0, random.pick(letters));
        else if (kind === 1) b.splice(at, 1);
        else if (kind === 2 && at < b.length) b[at] = random.pick(letters);
        else if (at + 1 < b.length) b.splice(at, 2, b[at + 1] ?? '', b[at] ?? '');
      }
      const max = random.int(4);
      const expected = Math.min(referenceDistance(a, b.join('')), max + 1);
      expect(boundedEditDistance(a, b.join(''), max)).toBe(expected);
    }
  });
});
