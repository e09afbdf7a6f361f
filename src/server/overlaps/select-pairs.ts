import { ALL_POPULATION, type PairFilter } from './overlap-query.js';

/** What filtering needs of a pair, whoever's view of it (the vendor's populations may be withheld). */
export interface PairPopulations {
  vendor: { populations?: string[] };
  partner: { populations: string[] };
}

export interface PairPage<P> {
  pairs: P[];
  /** How many pairs pass the filters, over all pages. */
  matching: number;
  /** Where the next page starts; undefined on the last page. */
  nextOffset: number | undefined;
}

const wanted = (population: string | undefined, members: readonly string[] | undefined): boolean =>
  population === undefined || population === ALL_POPULATION || (members ?? []).includes(population);

/** The pairs in both populations asked for, `limit` of them from `offset`, in the report's order. */
export function selectPairs<P extends PairPopulations>(pairs: readonly P[], filter: PairFilter, offset: number, limit: number): PairPage<P> {
  const matching = pairs.filter((pair) => wanted(filter.population, pair.vendor.populations) && wanted(filter.partnerPopulation, pair.partner.populations));
  const end = offset + limit;
  return { pairs: matching.slice(offset, end), matching: matching.length, nextOffset: end < matching.length ? end : undefined };
}
