import { describe, expect, it } from 'vitest';
import { domainKey } from '../../src/matching/domain-key.js';
import { generateEvaluationSet } from '../../src/matching/evaluation/generate-evaluation-set.js';
import { scorePredictions } from '../../src/matching/evaluation/score-predictions.js';

describe('evaluation set generator', () => {
  const set = generateEvaluationSet({ size: 2_000, seed: 11 });
  const all = [...set.vendors, ...set.partners];

  it('given the same seed, then the same set comes out; another seed gives another', () => {
    expect(generateEvaluationSet({ size: 2_000, seed: 11 })).toEqual(set);
    expect(generateEvaluationSet({ size: 2_000, seed: 12 }).vendors[0]).not.toEqual(set.vendors[0]);
  });

  it('given a size, then each side has about that many accounts and about half the partner companies are shared', () => {
    expect(set.vendors.length).toBeGreaterThanOrEqual(2_000);
    expect(set.vendors.length).toBeLessThan(2_100);
    expect(set.truth.length).toBeGreaterThan(900);
    expect(set.truth.length).toBeLessThan(1_150);
  });

  it.each([
    ['URLs with a scheme', (w: string) => /^https?:\/\//.test(w)],
    ['paths or queries', (w: string) => /\.[a-z]+\/.+/.test(w)],
    ['country domains', (w: string) => /\.(co\.uk|com\.au|de|fr)(\/|$)/.test(w)],
    ['social pages', (w: string) => /linkedin\.com\/company\/|facebook\.com\//.test(w)],
    ['hosting tenants', (w: string) => /\.(myshopify\.com|wixsite\.com|github\.io|netlify\.app)/.test(w)],
  ])('given the noise real exports have, then some websites are %s', (_kind, test) => {
    expect(all.some((a) => a.website !== undefined && test(a.website))).toBe(true);
  });

  it('given the noise real exports have, then names vary in case, accents and legal forms and some lack a domain', () => {
    expect(all.some((a) => a.name === a.name.toUpperCase() && /[A-Z]{4}/.test(a.name))).toBe(true);
    expect(all.some((a) => /[éüöñçå]/i.test(a.name))).toBe(true);
    expect(all.some((a) => /\b(GmbH|Inc\.|Pty Ltd|S\.A\.|B\.V\.)/.test(a.name))).toBe(true);
    expect(all.some((a) => a.email?.endsWith('@gmail.com'))).toBe(true);
    const withoutKey = all.filter((a) => domainKey(a).kind === 'unusable').length;
    expect(withoutKey / all.length).toBeGreaterThan(0.15);
  });

  it('given true pairs, then scoring them against themselves is perfect and against nothing is zero recall', () => {
    expect(scorePredictions(set.truth, set.truth)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(scorePredictions([], set.truth)).toMatchObject({ recall: 0, f1: 0 });
  });
});
