import { ADJECTIVES, BRAND_ENDINGS, BRAND_MIDDLES, BRAND_ONSETS, HOSTING_PLATFORMS, INDUSTRIES, NOUNS, SURNAMES } from './company-words.js';
import { COUNTRY_PROFILES, type CountryProfile } from './country-profiles.js';
import { asciiFold } from './text-noise.js';
import type { SeededRandom } from './seeded-random.js';

/** One real-world company of the evaluation set; vendor and partner records are noisy renderings of it. */
export interface Company {
  key: number;
  /** The name without its legal form, as the company writes it: "Zentrix Logistics", "Müller & Fontaine". */
  name: string;
  /** Spellings of its legal form ("Inc.", "Inc", "Incorporated"). */
  legalForm: readonly string[];
  country: CountryProfile;
  region: readonly [string, string] | undefined;
  city: string;
  /** Its website's registrable domain, or its tenant host on a hosting platform (zentrix.myshopify.com). */
  domain: string;
  /** A regional site some records carry instead (zentrix.de beside zentrix.com). */
  regionalDomain: string | undefined;
  /** How its pages on social networks are named ("zentrix-logistics"). */
  slug: string;
}

/** How often a company takes an earlier company's name in another country or region (a namesake). */
const NAMESAKE_RATE = 0.04;
const HOSTED_RATE = 0.03;
const REGIONAL_SITE_RATE = 0.04;
const REGIONAL_SUFFIXES = ['co.uk', 'de', 'fr', 'com.au', 'ca', 'eu', 'nl', 'es'];

/** `count` companies with names unique within a country, except namesakes, and domains unique everywhere. */
export function generateCompanies(count: number, random: SeededRandom): Company[] {
  const companies: Company[] = [];
  // "country|name" → where companies of that name live in that country
  const places = new Map<string, { region: string | undefined; city: string }[]>();
  const domains = new Set<string>();
  const countryWeights = COUNTRY_PROFILES.map((profile) => [profile, profile.weight] as const);
  while (companies.length < count) {
    const earlier = companies.length > 0 && random.chance(NAMESAKE_RATE) ? random.pick(companies) : undefined;
    const country = earlier && random.chance(0.2) ? earlier.country : random.weighted(countryWeights);
    const name = earlier?.name ?? companyName(random, country);
    const region = country.regions.length > 0 ? random.pick(country.regions) : undefined;
    const city = random.pick(country.cities);
    const key = `${country.code}|${name.toLowerCase()}`;
    const sameName = places.get(key) ?? [];
    // Only a deliberate namesake shares a name within a country, and then it lives in another region and city,
    // or nobody could tell the two apart.
    const clash = sameName.some((place) => region === undefined || place.region === region[0] || place.city === city);
    if (sameName.length > 0 && (!earlier || clash)) continue;
    sameName.push({ region: region?.[0], city });
    places.set(key, sameName);
    const slug = slugOf(name, random);
    const domain = companyDomain(name, country, random, domains);
    const regionalDomain = !isHosted(domain) && random.chance(REGIONAL_SITE_RATE) ? regionalSite(domain, random, domains) : undefined;
    const legalForm = random.pick(country.legalForms);
    companies.push({ key: companies.length, name, legalForm, country, region, city, domain, regionalDomain, slug });
  }
  return companies;
}

/** A name by one of the patterns real company names follow. */
function companyName(random: SeededRandom, country: CountryProfile): string {
  const pattern = random.weighted([
    ['brand', 15], ['brand industry', 35], ['brand two industries', 5], ['adjective noun', 20],
    ['surnames', 15], ['initials', 5], ['city industry', 5],
  ] as const);
  const industry = (): string => random.pick(INDUSTRIES);
  switch (pattern) {
    case 'brand': return brandWord(random);
    case 'brand industry': return `${brandWord(random)} ${industry()}`;
    case 'brand two industries': return `${brandWord(random)} ${industry()} ${industry()}`;
    case 'adjective noun': return `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}${random.chance(0.7) ? ` ${industry()}` : ''}`;
    case 'surnames': {
      const first = random.pick(SURNAMES);
      const second = random.chance(0.5) ? ` & ${random.pick(SURNAMES)}` : '';
      return `${first}${second}${random.chance(0.6) ? ` ${industry()}` : ''}`;
    }
    case 'initials': {
      const letters = Array.from({ length: 2 + random.int(2) }, () => String.fromCharCode(65 + random.int(26))).join('');
      return `${letters} ${industry()}`;
    }
    case 'city industry': return `${random.pick(country.cities)} ${industry()}`;
  }
}

function brandWord(random: SeededRandom): string {
  const word = random.pick(BRAND_ONSETS) + random.pick(BRAND_MIDDLES) + random.pick(BRAND_ENDINGS);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function slugOf(name: string, random: SeededRandom): string {
  const words = asciiWords(name);
  return random.chance(0.5) ? words.join('-') : words.join('');
}

function asciiWords(name: string): string[] {
  return asciiFold(name).toLowerCase().replace(/&/g, ' ').split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/** A domain no other company has: the name's words joined or hyphenated, or its first word, under a suffix of its country. */
function companyDomain(name: string, country: CountryProfile, random: SeededRandom, taken: Set<string>): string {
  const words = asciiWords(name);
  const joined = words.join('');
  const labels = [joined, words.join('-'), ...(words.length > 1 && (words[0]?.length ?? 0) >= 4 ? [words[0] ?? joined] : [])];
  random.shuffle(labels);
  if (random.chance(HOSTED_RATE)) {
    const host = `${labels[0] ?? joined}.${random.pick(HOSTING_PLATFORMS)}`;
    if (!taken.has(host)) return claim(taken, host);
  }
  const suffix = random.pick(country.suffixes);
  for (const label of labels) {
    if (!taken.has(`${label}.${suffix}`)) return claim(taken, `${label}.${suffix}`);
  }
  for (const extra of ['group', 'hq', 'global', 'online', 'co']) {
    if (!taken.has(`${joined}${extra}.${suffix}`)) return claim(taken, `${joined}${extra}.${suffix}`);
  }
  for (let n = 2; ; n++) if (!taken.has(`${joined}${String(n)}.${suffix}`)) return claim(taken, `${joined}${String(n)}.${suffix}`);
}

function regionalSite(domain: string, random: SeededRandom, taken: Set<string>): string | undefined {
  const label = domain.slice(0, domain.indexOf('.'));
  const regional = `${label}.${random.pick(REGIONAL_SUFFIXES)}`;
  return taken.has(regional) ? undefined : claim(taken, regional);
}

export function isHosted(domain: string): boolean {
  return HOSTING_PLATFORMS.some((platform) => domain.endsWith(`.${platform}`));
}

function claim(taken: Set<string>, domain: string): string {
  taken.add(domain);
  return domain;
}
