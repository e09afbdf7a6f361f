import { compareLocation, type LocationComparison } from './compare-location.js';
import { domainLabel } from './domain-key.js';
import { MATCH_WEIGHTS as W } from './match-weights.js';
import { nameSimilarity } from './name-similarity.js';
import type { PreparedAccount } from './prepared-account.js';
import { describeLocation, locationAdjustment } from './weigh-location.js';

/** A pair's score (0..1, three decimals) and the evidence behind it in a few words. */
export interface PairScore {
  score: number;
  reason: string;
}

/** Below this name similarity a same-domain reason says the names differ. */
const NAMES_DIFFER_BELOW = 0.8;

/** A vendor and a partner account on the same registrable domain. */
export function scoreSameDomain(vendor: PreparedAccount, partner: PreparedAccount, domain: string): PairScore {
  const similarity = nameSimilarity(vendor, partner);
  const { country } = compareLocation(vendor, partner);
  const notes = [`same domain ${domain}`];
  let score = W.sameDomain + W.sameDomainName * similarity;
  if (similarity < NAMES_DIFFER_BELOW) notes.push(`names differ '${vendor.name}' / '${partner.name}'`);
  if (country === 'same') score += W.sameDomainSameCountry;
  if (country === 'different') {
    score += W.sameDomainOtherCountry;
    notes.push(`country ${vendor.country ?? ''} ≠ ${partner.country ?? ''}`);
  }
  return { score: round(Math.min(1, score)), reason: notes.join(', ') };
}

/** The company domains of a pair compared by name: each side's key, once shared platforms are set aside. */
export interface DomainsCompared {
  vendor: string | undefined;
  partner: string | undefined;
}

/** What a name comparison found, enough to score it now and to explain it if it becomes a match. */
export interface NameEvidence {
  score: number;
  similarity: number;
  location: LocationComparison;
  domains: DomainsCompared;
}

/**
 * A vendor and a partner account compared by name (`similarity` from nameSimilarity), with their places and
 * legal forms as supporting or contradicting evidence, and their company domains against the match when they
 * differ. Only numbers: the reason is written by `explainNameEvidence` for the pairs that match.
 */
export function weighNameEvidence(vendor: PreparedAccount, partner: PreparedAccount, similarity: number, domains: DomainsCompared): NameEvidence {
  const location = compareLocation(vendor, partner);
  let score = W.nameOnly - W.nameOnlySlope * (1 - similarity) + locationAdjustment(location);
  if (domains.vendor !== undefined && domains.partner !== undefined) {
    score += domainLabel(domains.vendor) === domainLabel(domains.partner) ? W.relatedDomain : W.otherDomain;
  }
  return { score: round(Math.max(0, Math.min(W.nameOnlyCeiling, score))), similarity, location, domains };
}

/** "name 'acme' = 'acme' (1.00), same country DE, same city berlin" */
export function explainNameEvidence(vendor: PreparedAccount, partner: PreparedAccount, evidence: NameEvidence): string {
  const { similarity, domains } = evidence;
  const notes = [`name '${vendor.name}' ${similarity === 1 ? '=' : '≈'} '${partner.name}' (${similarity.toFixed(2)})`];
  notes.push(...describeLocation(vendor, partner, evidence.location));
  if (domains.vendor !== undefined && domains.partner !== undefined) {
    const related = domainLabel(domains.vendor) === domainLabel(domains.partner);
    notes.push(`${related ? 'related' : 'different'} domains ${domains.vendor} / ${domains.partner}`);
  }
  return notes.join(', ');
}

/** Both steps at once, for a single pair. */
export function scoreByName(vendor: PreparedAccount, partner: PreparedAccount, similarity: number, domains: DomainsCompared): PairScore {
  const evidence = weighNameEvidence(vendor, partner, similarity, domains);
  return { score: evidence.score, reason: explainNameEvidence(vendor, partner, evidence) };
}

/**
 * The best score a name match of this partner account could reach with an identical name, from what the
 * account itself carries: a country (or a hint of one), a region, a city. Below the threshold, a name search
 * is not worth starting.
 */
export function bestNameScore(partner: PreparedAccount): number {
  const hinted = partner.regionCountry !== undefined || partner.legalForm !== undefined || partner.domainCountry !== undefined;
  const country = partner.country !== undefined ? W.sameCountry : hinted ? W.likelySameCountry : W.countryMissing;
  return W.nameOnly + country + (partner.region === undefined ? 0 : W.sameRegion) + (partner.city === undefined ? 0 : W.sameCity);
}

/**
 * The lowest name similarity that could still reach `threshold` when the rest of the evidence is at best worth
 * `bestScore`; candidates below it are not worth comparing in full.
 */
export function minimumNameSimilarity(threshold: number, bestScore = W.nameOnly + W.sameRegion + W.sameCity): number {
  return Math.max(0.5, 1 - (bestScore - threshold) / W.nameOnlySlope);
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
