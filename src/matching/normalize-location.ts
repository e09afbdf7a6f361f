import { COUNTRY_NAMES } from './country-names.js';
import { toWords } from './normalize-company-name.js';
import { GENERIC_COUNTRY_SUFFIXES, REGION_NAMES } from './region-names.js';

const COUNTRY_BY_NAME = invert(COUNTRY_NAMES);
const REGION_BY_NAME = new Map<string, string>();
/** A full region name found in one country only ("alberta" → CA); "washington" is a US state and a city. */
const COUNTRY_BY_REGION_NAME = new Map<string, string | null>();
for (const [country, regions] of Object.entries(REGION_NAMES)) {
  for (const [code, names] of Object.entries(regions)) {
    REGION_BY_NAME.set(code.toLowerCase(), code);
    for (const name of names) {
      REGION_BY_NAME.set(name, code);
      const known = COUNTRY_BY_REGION_NAME.get(name);
      COUNTRY_BY_REGION_NAME.set(name, known === undefined || known === country ? country : null);
    }
  }
}

/** "Deutschland", "DEU", "de" → "DE"; an unknown name stays as folded text so equal spellings still agree. */
export const normalizeCountry = remembered((value: string): string | undefined => {
  const folded = foldText(value);
  if (folded === undefined) return undefined;
  return COUNTRY_BY_NAME.get(folded) ?? (/^[a-z]{2}$/.test(folded) ? folded.toUpperCase() : folded);
});

/** "California", "Calif.", "ca" → "CA"; "Bayern" → "BY"; an unknown name stays as folded text. */
export const normalizeRegion = remembered((value: string): string | undefined => {
  const folded = foldText(value);
  if (folded === undefined) return undefined;
  return REGION_BY_NAME.get(folded) ?? (/^[a-z]{2,3}$/.test(folded) ? folded.toUpperCase() : folded);
});

/** "São Paulo" → "sao paulo"; city names are compared as folded text. */
export const normalizeCity = remembered(foldText);

/** The country of a region name only one country has ("Alberta" → CA); "Washington" is US, "WA" tells nothing. */
export const countryOfRegion = remembered((region: string): string | undefined => {
  const folded = foldText(region);
  return (folded === undefined ? undefined : COUNTRY_BY_REGION_NAME.get(folded)) ?? undefined;
});

/** Remembered results, forgotten all at once when this many are kept. */
const REMEMBERED_VALUES = 50_000;

/**
 * A normalisation that remembers its answers: an export writes the same few hundred countries, regions and
 * cities a million times over.
 */
function remembered(normalize: (value: string) => string | undefined): (value: string | undefined) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (value) => {
    if (value === undefined) return undefined;
    if (known.has(value)) return known.get(value);
    if (known.size >= REMEMBERED_VALUES) known.clear();
    const normalized = normalize(value);
    known.set(value, normalized);
    return normalized;
  };
}

/** The country a domain's suffix names (acme.co.uk → GB, acme.de → DE); .co, .io and the like name none. */
export function countryOfDomain(domain: string | undefined): string | undefined {
  if (domain === undefined) return undefined;
  const suffix = domain.slice(domain.lastIndexOf('.') + 1);
  if (suffix.length !== 2 || GENERIC_COUNTRY_SUFFIXES.has(suffix)) return undefined;
  const code = suffix === 'uk' ? 'GB' : suffix.toUpperCase();
  return code in COUNTRY_NAMES ? code : undefined;
}

function foldText(value: string): string | undefined {
  const folded = toWords(value).join(' ');
  return folded === '' ? undefined : folded;
}

function invert(namesByCode: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  const byName = new Map<string, string>();
  for (const [code, names] of Object.entries(namesByCode)) {
    byName.set(code.toLowerCase(), code);
    for (const name of names) byName.set(name, code);
  }
  return byName;
}
