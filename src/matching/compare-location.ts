import { tellingLegalForm } from './legal-form-countries.js';
import type { PreparedAccount } from './prepared-account.js';

/**
 * Whether two accounts agree on one place field. "likely" means a side's country was not written but inferred
 * (from a region name, its legal form or its domain suffix).
 */
export type PlaceAgreement = 'same' | 'different' | 'likely same' | 'likely different' | 'unknown';

export interface LocationComparison {
  country: PlaceAgreement;
  /** Compared only within one country (state codes of different countries may collide). */
  region: PlaceAgreement;
  city: PlaceAgreement;
  /**
   * Their legal forms: the same form, two forms one country's law has both of ("likely different": sa and sl),
   * or forms of different countries' law ("different": gmbh and llc).
   */
  legalForm: PlaceAgreement;
}

type Located = Pick<PreparedAccount, 'country' | 'regionCountry' | 'domainCountry' | 'region' | 'city' | 'legalForm'>;

export function compareLocation(vendor: Located, partner: Located): LocationComparison {
  const country = countryAgreement(vendor, partner);
  const elsewhere = country === 'different' || country === 'likely different';
  return {
    country,
    region: elsewhere ? 'unknown' : agreement(vendor.region, partner.region),
    city: elsewhere ? 'unknown' : agreement(vendor.city, partner.city),
    legalForm: legalFormAgreement(vendor.legalForm, partner.legalForm),
  };
}

function countryAgreement(vendor: Located, partner: Located): PlaceAgreement {
  const written = agreement(vendor.country, partner.country);
  if (written !== 'unknown') return written;
  return overlap(possibleCountries(vendor), possibleCountries(partner), 'likely same', 'likely different');
}

/**
 * The countries an account may be in: the written one; else the one its region name tells; else those its legal
 * form allows; else the one its domain suffix suggests (the weakest: companies use foreign domains).
 */
function possibleCountries(account: Located): readonly string[] | undefined {
  const single = account.country ?? account.regionCountry;
  if (single !== undefined) return [single];
  const byLegalForm = tellingLegalForm(account.legalForm)?.countries;
  if (byLegalForm !== undefined) return byLegalForm;
  return account.domainCountry === undefined ? undefined : [account.domainCountry];
}

function legalFormAgreement(vendor: string | undefined, partner: string | undefined): PlaceAgreement {
  if (vendor === undefined || partner === undefined) return 'unknown';
  if (vendor === partner) return 'same';
  return overlap(tellingLegalForm(vendor)?.countries, tellingLegalForm(partner)?.countries, 'likely different', 'different');
}

function overlap(a: readonly string[] | undefined, b: readonly string[] | undefined, yes: PlaceAgreement, no: PlaceAgreement): PlaceAgreement {
  if (a === undefined || b === undefined) return 'unknown';
  return a.some((code) => b.includes(code)) ? yes : no;
}

function agreement(a: string | undefined, b: string | undefined): PlaceAgreement {
  if (a === undefined || b === undefined) return 'unknown';
  return a === b ? 'same' : 'different';
}
