import type { LocationComparison } from './compare-location.js';
import { MATCH_WEIGHTS as W } from './match-weights.js';
import type { PreparedAccount } from './prepared-account.js';

/** What country, region, city and legal form add to or take from a name match. */
export function locationAdjustment(location: LocationComparison): number {
  const country = {
    same: W.sameCountry,
    different: W.otherCountry,
    'likely same': W.likelySameCountry,
    'likely different': W.likelyOtherCountry,
    unknown: W.countryMissing,
  }[location.country];
  const region = location.region === 'same' ? W.sameRegion : location.region === 'different' ? W.otherRegion : 0;
  const city = location.city === 'same' ? W.sameCity : location.city === 'different' ? W.otherCity : 0;
  const legalForm = location.legalForm === 'different' ? W.otherLegalForm : location.legalForm === 'likely different' ? W.anotherLegalForm : 0;
  return country + region + city + legalForm;
}

/** The same evidence in words, vendor side first: "same country DE", "state CA ≠ NV", "legal form gmbh ≠ llc". */
export function describeLocation(vendor: PreparedAccount, partner: PreparedAccount, location: LocationComparison): string[] {
  const notes: string[] = [];
  switch (location.country) {
    case 'same': notes.push(`same country ${vendor.country ?? ''}`); break;
    case 'different': notes.push(`country ${vendor.country ?? ''} ≠ ${partner.country ?? ''}`); break;
    case 'likely same': notes.push(`likely same country (${countryEvidence(vendor)} / ${countryEvidence(partner)})`); break;
    case 'likely different': notes.push(`likely other country (${countryEvidence(vendor)} / ${countryEvidence(partner)})`); break;
    case 'unknown': notes.push(`no country on ${missingSide(vendor.country, partner.country)}`); break;
  }
  if (location.region === 'same') notes.push(`same state ${vendor.region ?? ''}`);
  if (location.region === 'different') notes.push(`state ${vendor.region ?? ''} ≠ ${partner.region ?? ''}`);
  if (location.city === 'same') notes.push(`same city ${vendor.city ?? ''}`);
  if (location.city === 'different') notes.push(`city ${vendor.city ?? ''} ≠ ${partner.city ?? ''}`);
  if (location.legalForm === 'different' || location.legalForm === 'likely different') {
    notes.push(`legal form ${vendor.legalForm ?? ''} ≠ ${partner.legalForm ?? ''}`);
  }
  return notes;
}

/** What a country guess rests on, for a reason: "DE", "BY", "gmbh", … */
function countryEvidence(account: PreparedAccount): string {
  return account.country ?? account.regionCountry ?? account.legalForm ?? account.domainCountry ?? '?';
}

function missingSide(vendor: string | undefined, partner: string | undefined): string {
  if (vendor === undefined && partner === undefined) return 'either side';
  return vendor === undefined ? 'vendor side' : 'partner side';
}
