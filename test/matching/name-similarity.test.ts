import { describe, expect, it } from 'vitest';
import { nameSimilarity } from '../../src/matching/name-similarity.js';
import { prepareAccount } from '../../src/matching/prepared-account.js';

const name = (text: string) => prepareAccount({ id: text, name: text });

describe('name similarity', () => {
  it.each([
    ['Acme, Inc.', 'ACME INC', 1],
    ['Blue Harbor Logistics', 'BlueHarbor Logistics GmbH', 1],
    ['Smith & Baker', 'Smith and Baker', 1],
    ['Acme Intl Tech', 'Acme International Technologies', 1],
    ['Müller Bau', 'Muller Bau', 1],
    ['Harbor Blue Logistics', 'Blue Harbor Logistics', 0.97],
  ])('given %o and %o, then the similarity is %o', (a, b, expected) => {
    expect(nameSimilarity(name(a), name(b))).toBeCloseTo(expected, 5);
  });

  it('given one typo in a long name, then it is close; the same typo in a short name is not', () => {
    expect(nameSimilarity(name('Zentrix Logistics'), name('Zentirx Logistics'))).toBeCloseTo(1 - 1 / 16, 5);
    expect(nameSimilarity(name('Acme'), name('Acne'))).toBeCloseTo(0.75, 5);
  });

  it('given names differing in the first letter, then they score lower than the same edit further on', () => {
    const first = nameSimilarity(name('Galridyne'), name('Calridyne'));
    const later = nameSimilarity(name('Galridyne'), name('Galrodyne'));
    expect(first).toBeLessThan(later);
  });

  it('given names differing in a short word or a number, then they are different names', () => {
    expect(nameSimilarity(name('ABC Consulting'), name('ABD Consulting'))).toBe(0);
    expect(nameSimilarity(name('Studio 54 Media'), name('Studio 45 Media'))).toBe(0);
  });

  it('given different companies sharing a word, then the similarity is low', () => {
    expect(nameSimilarity(name('Delta Air Lines'), name('Delta Dental'))).toBeLessThan(0.7);
  });

  it('given a floor, then pairs below it give 0', () => {
    expect(nameSimilarity(name('Zentrix Logistics'), name('Zentirx Logistics'), 0.95)).toBe(0);
  });
});
