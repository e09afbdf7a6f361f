import type { AccountRecord } from './account-record.js';
import { domainKey } from './domain-key.js';
import { NAME_FILLER_WORDS, NAME_WORD_VARIANTS } from './name-word-variants.js';
import { firstTellingLegalForm } from './legal-form-countries.js';
import { companyNameWords } from './normalize-company-name.js';
import { countryOfDomain, countryOfRegion, normalizeCity, normalizeCountry, normalizeRegion } from './normalize-location.js';

/** An account reduced to what matching compares; computed once per account. */
export interface PreparedAccount {
  readonly id: string;
  /** Normalised name words joined by spaces ("zentrix logistics"); shown in reasons. */
  readonly name: string;
  /** The name without spaces ("zentrixlogistics"), so spacing variants compare equal. */
  readonly compact: string;
  /** The registrable domain that names the company, when the record has one (see domain-key.ts). */
  readonly domain: string | undefined;
  /** ISO 3166-1 alpha-2 when known ("DE"), otherwise folded text. */
  readonly country: string | undefined;
  /** Where a record without a country is, by a region name only one country has ("Alberta" → CA). */
  readonly regionCountry: string | undefined;
  /** Where a record without a country may be, by its domain's country suffix (acme.co.uk → GB); weak. */
  readonly domainCountry: string | undefined;
  readonly region: string | undefined;
  readonly city: string | undefined;
  /** The dropped legal form that tells a country, one key for its spellings ("gmbh", "inc"); "ltd" and the like are not kept. */
  readonly legalForm: string | undefined;
}

export function prepareAccount(record: AccountRecord): PreparedAccount {
  const { words: nameParts, legalForms } = companyNameWords(record.name);
  const words = identifyingWords(nameParts);
  const key = domainKey(record);
  const domain = key.kind === 'corporate' ? key.domain : undefined;
  const country = normalizeCountry(record.country);
  return {
    id: record.id,
    name: words.join(' '),
    compact: words.join(''),
    domain,
    country,
    regionCountry: country === undefined ? countryOfRegion(record.state) : undefined,
    domainCountry: country === undefined ? countryOfDomain(domain) : undefined,
    region: normalizeRegion(record.state),
    city: normalizeCity(record.city),
    legalForm: firstTellingLegalForm(legalForms),
  };
}

/** A normalised name's words, abbreviations spelled one way, fillers ("and") dropped unless nothing else is left. */
function identifyingWords(words: readonly string[]): string[] {
  const kept: string[] = [];
  for (const word of words) {
    if (!NAME_FILLER_WORDS.has(word)) kept.push(NAME_WORD_VARIANTS.get(word) ?? word);
  }
  return kept.length > 0 ? kept : [...words];
}
