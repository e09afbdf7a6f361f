import type { AccountRecord } from '../account-record.js';
import { ABBREVIATIONS, FREE_MAIL_DOMAINS, MAILBOXES, SOCIAL_PAGES } from './company-words.js';
import { isHosted, type Company } from './generate-companies.js';
import type { SeededRandom } from './seeded-random.js';
import { asciiFold, hasNonAscii, transliterate, withTypo } from './text-noise.js';

/** How often each kind of noise appears in a record, as seen in real CRM exports. */
export const NOISE_RATES = {
  abbreviation: 0.25,
  typo: 0.04,
  joinedWords: 0.02,
  legalForm: 0.6,
  commaBeforeLegalForm: 0.15,
  theArticle: 0.02,
  accentsDropped: 0.4,
  upperCase: 0.07,
  lowerCase: 0.02,
  regionalSite: 0.3,
  countryMissing: 0.1,
  countryAsCode: 0.55,
  regionPresent: 0.7,
  cityPresent: 0.65,
  cityAccentsDropped: 0.3,
} as const;

/** Where a record's web presence comes from; weights are shares of records. */
const WEBSITE_KINDS = [['company', 68], ['social page', 6], ['none', 26]] as const;
const EMAIL_KINDS = [['company', 30], ['free mail', 8], ['none', 62]] as const;

/**
 * One CRM record of `company`, with the noise real exports have. `keepDomain` forces the company's website,
 * for duplicates that the matcher is expected to tie on the domain.
 */
export function renderAccount(company: Company, id: string, random: SeededRandom, keepDomain = false): AccountRecord {
  const { website, email } = renderWebPresence(company, random, keepDomain);
  return {
    id,
    name: renderName(company, random),
    website,
    email,
    country: random.chance(NOISE_RATES.countryMissing) ? undefined : renderCountry(company, random),
    state: company.region && random.chance(NOISE_RATES.regionPresent) ? random.pick(company.region) : undefined,
    city: random.chance(NOISE_RATES.cityPresent) ? renderCity(company.city, random) : undefined,
  };
}

function renderName(company: Company, random: SeededRandom): string {
  let words = company.name.split(' ').map((word) => {
    const short = ABBREVIATIONS[word];
    if (short && random.chance(NOISE_RATES.abbreviation)) return random.pick(short);
    if (word === '&' && random.chance(0.4)) return 'and';
    return word;
  });
  if (random.chance(NOISE_RATES.typo)) words = withTypo(words, random);
  if (words.length >= 2 && random.chance(NOISE_RATES.joinedWords)) {
    const at = random.int(words.length - 1);
    if (words[at] !== '&' && words[at + 1] !== '&') words.splice(at, 2, `${words[at] ?? ''}${words[at + 1] ?? ''}`);
  }
  let name = words.join(' ');
  if (random.chance(NOISE_RATES.legalForm)) {
    const form = random.pick(company.legalForm);
    name = form.startsWith(',') ? `${name}${form}` : `${name}${random.chance(NOISE_RATES.commaBeforeLegalForm) ? ',' : ''} ${form}`;
  }
  if (random.chance(NOISE_RATES.theArticle)) name = `The ${name}`;
  if (hasNonAscii(name) && random.chance(NOISE_RATES.accentsDropped)) name = random.chance(0.5) ? asciiFold(name) : transliterate(name);
  if (random.chance(NOISE_RATES.upperCase)) name = name.toUpperCase();
  else if (random.chance(NOISE_RATES.lowerCase)) name = name.toLowerCase();
  return name;
}

function renderWebPresence(company: Company, random: SeededRandom, keepDomain: boolean): { website?: string; email?: string } {
  const domain = company.regionalDomain && random.chance(NOISE_RATES.regionalSite) ? company.regionalDomain : company.domain;
  const kind = keepDomain ? 'company' : random.weighted(WEBSITE_KINDS);
  const website = kind === 'company' ? urlOf(domain, random) : kind === 'social page' ? random.pick(SOCIAL_PAGES).replace('{slug}', company.slug) : undefined;
  const emailKind = random.weighted(EMAIL_KINDS);
  // A shop on a hosting platform has no mailbox of its own domain.
  const companyMail = emailKind === 'company' && !isHosted(domain);
  const email = companyMail
    ? `${random.pick(MAILBOXES)}@${random.chance(0.15) ? 'mail.' : ''}${domain}`
    : emailKind === 'none' ? undefined : `${company.slug.replace(/-/g, '.')}${random.chance(0.3) ? String(random.int(100)) : ''}@${random.pick(FREE_MAIL_DOMAINS)}`;
  return { ...(website === undefined ? {} : { website }), ...(email === undefined ? {} : { email }) };
}

/** The ways people paste a website: bare, with www or a scheme, a page path, tracking query, a subdomain, capitals. */
function urlOf(domain: string, random: SeededRandom): string {
  const hosted = isHosted(domain);
  const form = random.weighted([
    ['bare', 30], ['www', 20], ['https www', 20], ['http', 8], ['path', 8], ['query', 4], ['upper', 3], ['subdomain', 5], ['slash', 2],
  ] as const);
  const www = hosted ? '' : 'www.';
  switch (form) {
    case 'bare': return domain;
    case 'www': return `${www}${domain}`;
    case 'https www': return `https://${www}${domain}/`;
    case 'http': return `http://${domain}`;
    case 'path': return `https://${www}${domain}/${random.pick(['about-us', 'en/contact', 'collections/all', 'home'])}`;
    case 'query': return `https://${www}${domain}/?utm_source=crm&utm_medium=export`;
    case 'upper': return `${www}${domain}`.toUpperCase();
    case 'subdomain': return hosted ? `https://${domain}/shop` : `https://${random.pick(['shop', 'eu', 'en', 'store', 'app'])}.${domain}`;
    case 'slash': return `${domain}/`;
  }
}

function renderCountry(company: Company, random: SeededRandom): string {
  const [code = company.country.code, ...others] = company.country.spellings;
  return others.length === 0 || random.chance(NOISE_RATES.countryAsCode) ? code : random.pick(others);
}

function renderCity(city: string, random: SeededRandom): string {
  return hasNonAscii(city) && random.chance(NOISE_RATES.cityAccentsDropped) ? asciiFold(city) : city;
}
