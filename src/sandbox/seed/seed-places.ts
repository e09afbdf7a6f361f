/** Countries the seed generators place companies in: their web domain, currency, legal forms and places. */
export interface SeedCountry {
  name: string;
  /** Top-level domain(s) companies there use (a registrable suffix, e.g. `co.uk`). */
  tld: string;
  currency: string;
  /** Legal forms as written after a company name, most common first. */
  legalForms: readonly string[];
  /** [state or region, city] pairs; state undefined where addresses have none. */
  places: readonly (readonly [string | undefined, string])[];
  region: 'amer' | 'emea' | 'apac';
  /** Relative share of companies. */
  weight: number;
}

export const SEED_COUNTRIES: readonly SeedCountry[] = [
  { name: 'United States', tld: 'com', currency: 'USD', legalForms: ['Inc.', 'LLC', 'Corp.', 'Inc', 'Co.'], places: [['CA', 'San Francisco'], ['NY', 'New York'], ['TX', 'Austin'], ['WA', 'Seattle'], ['IL', 'Chicago'], ['MA', 'Boston'], ['GA', 'Atlanta'], ['CO', 'Denver']], region: 'amer', weight: 40 },
  { name: 'Canada', tld: 'ca', currency: 'CAD', legalForms: ['Inc.', 'Ltd.', 'Corp.'], places: [['ON', 'Toronto'], ['BC', 'Vancouver'], ['QC', 'Montréal']], region: 'amer', weight: 5 },
  { name: 'United Kingdom', tld: 'co.uk', currency: 'GBP', legalForms: ['Ltd', 'Limited', 'plc', 'LLP'], places: [[undefined, 'London'], [undefined, 'Manchester'], [undefined, 'Edinburgh'], [undefined, 'Bristol']], region: 'emea', weight: 12 },
  { name: 'Germany', tld: 'de', currency: 'EUR', legalForms: ['GmbH', 'AG', 'GmbH & Co. KG', 'SE'], places: [['BY', 'München'], ['BE', 'Berlin'], ['HH', 'Hamburg'], ['NW', 'Köln']], region: 'emea', weight: 10 },
  { name: 'France', tld: 'fr', currency: 'EUR', legalForms: ['SAS', 'S.A.', 'SARL'], places: [[undefined, 'Paris'], [undefined, 'Lyon'], [undefined, 'Toulouse']], region: 'emea', weight: 7 },
  { name: 'Netherlands', tld: 'nl', currency: 'EUR', legalForms: ['B.V.', 'BV', 'N.V.'], places: [[undefined, 'Amsterdam'], [undefined, 'Rotterdam'], [undefined, 'Utrecht']], region: 'emea', weight: 4 },
  { name: 'Spain', tld: 'es', currency: 'EUR', legalForms: ['S.L.', 'S.A.'], places: [[undefined, 'Madrid'], [undefined, 'Barcelona'], [undefined, 'València']], region: 'emea', weight: 4 },
  { name: 'Switzerland', tld: 'ch', currency: 'CHF', legalForms: ['AG', 'SA', 'GmbH'], places: [[undefined, 'Zürich'], [undefined, 'Genève']], region: 'emea', weight: 3 },
  { name: 'Australia', tld: 'com.au', currency: 'AUD', legalForms: ['Pty Ltd', 'Pty. Ltd.', 'Limited'], places: [['NSW', 'Sydney'], ['VIC', 'Melbourne'], ['QLD', 'Brisbane']], region: 'apac', weight: 6 },
  { name: 'Japan', tld: 'co.jp', currency: 'JPY', legalForms: ['K.K.', 'Co., Ltd.'], places: [[undefined, 'Tokyo'], [undefined, 'Osaka']], region: 'apac', weight: 4 },
  { name: 'Singapore', tld: 'com.sg', currency: 'USD', legalForms: ['Pte. Ltd.', 'Pte Ltd'], places: [[undefined, 'Singapore']], region: 'apac', weight: 3 },
  { name: 'Brazil', tld: 'com.br', currency: 'USD', legalForms: ['Ltda.', 'S.A.'], places: [['SP', 'São Paulo'], ['RJ', 'Rio de Janeiro']], region: 'amer', weight: 2 },
];

const TOTAL_WEIGHT = SEED_COUNTRIES.reduce((sum, country) => sum + country.weight, 0);

/** The country at a point in [0, 1) of the weighted list. */
export function countryAt(point: number): SeedCountry {
  let left = point * TOTAL_WEIGHT;
  for (const country of SEED_COUNTRIES) {
    left -= country.weight;
    if (left < 0) return country;
  }
  return SEED_COUNTRIES[0] as SeedCountry;
}
