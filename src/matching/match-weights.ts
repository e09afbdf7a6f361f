/**
 * How much each piece of evidence moves a pair's score (0..1). Data, not code, so tuning is one place; the
 * figures were set against the labelled evaluation set (src/matching/evaluation) for precision first.
 */
export const MATCH_WEIGHTS = {
  /** Same registrable domain: the strongest evidence there is. */
  sameDomain: 0.9,
  /** …plus this times the name similarity (a domain shared by differently named records is a little less sure). */
  sameDomainName: 0.08,
  sameDomainSameCountry: 0.02,
  sameDomainOtherCountry: -0.05,

  /** Name only: identical names before any location evidence. */
  nameOnly: 0.92,
  /** Each 0.01 of name similarity lost costs this many 0.01s of score. */
  nameOnlySlope: 0.7,
  sameCountry: 0,
  /** One side has no country: the name stands alone. */
  countryMissing: -0.08,
  otherCountry: -0.4,
  /** Countries agree or differ only by what one side's region name or domain suffix suggests. */
  likelySameCountry: -0.02,
  likelyOtherCountry: -0.2,
  sameRegion: 0.03,
  otherRegion: -0.08,
  sameCity: 0.03,
  otherCity: -0.08,
  /** Legal forms of different countries' law (GmbH and LLC): two legal entities, whatever the name. */
  otherLegalForm: -0.3,
  /** Two legal forms of one country's law (SA and SL): most likely two entities, though exports do mix them up. */
  anotherLegalForm: -0.05,
  /** Both have a company domain and they differ: most likely two companies that share a name. */
  otherDomain: -0.4,
  /** …unless the domains differ only in their suffix (acme.com, acme.de): one company's regional sites. */
  relatedDomain: -0.04,
  /** Name-only scores stay below this, under a same-domain match of the same names. */
  nameOnlyCeiling: 0.97,
} as const;

/** Matching settings a caller may change; see match-options.ts for their checks. */
export const DEFAULT_THRESHOLD = 0.85;
/** A name-only best candidate must beat a different company's score by this much, or the match is ambiguous. */
export const AMBIGUITY_MARGIN = 0.03;
