import { describe, expect, it } from 'vitest';
import { countryOfDomain, countryOfRegion, normalizeCity, normalizeCountry, normalizeRegion } from '../../src/matching/normalize-location.js';

describe('location normalisation', () => {
  it.each([
    ['DE', 'DE'], ['Deutschland', 'DE'], ['deu', 'DE'], ['Germany', 'DE'],
    ['U.S.', 'US'], ['USA', 'US'], ['United States of America', 'US'],
    ['UK', 'GB'], ['England', 'GB'], ['España', 'ES'], ['Narnia', 'narnia'], ['  ', undefined],
  ])('given the country %o, then it reads as %o', (input, expected) => {
    expect(normalizeCountry(input)).toBe(expected);
  });

  it.each([
    ['California', 'CA'], ['ca', 'CA'], ['Calif.', 'CA'], ['Bayern', 'BY'], ['Baden-Württemberg', 'BW'], ['NSW', 'NSW'],
  ])('given the region %o, then it reads as %o', (input, expected) => {
    expect(normalizeRegion(input)).toBe(expected);
  });

  it('given city spellings with and without accents, then they read alike', () => {
    expect(normalizeCity('São Paulo')).toBe(normalizeCity('Sao Paulo'));
    expect(normalizeCity('München')).toBe('munchen');
  });

  it('given a region name only one country has, then it tells the country; a code does not', () => {
    expect(countryOfRegion('Alberta')).toBe('CA');
    expect(countryOfRegion('Western Australia')).toBe('AU');
    expect(countryOfRegion('WA')).toBeUndefined();
  });

  it('given country suffixes, then they tell the country; suffixes used as generic ones do not', () => {
    expect(countryOfDomain('acme.co.uk')).toBe('GB');
    expect(countryOfDomain('acme.de')).toBe('DE');
    expect(countryOfDomain('acme.com.au')).toBe('AU');
    expect(countryOfDomain('acme.io')).toBeUndefined();
    expect(countryOfDomain('acme.co')).toBeUndefined();
    expect(countryOfDomain('acme.com')).toBeUndefined();
  });
});
