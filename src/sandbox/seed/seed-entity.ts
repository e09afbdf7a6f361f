import { seededRandom } from '../seeded-random.js';
import { countryAt, type SeedCountry } from './seed-places.js';
import { NAME_PREFIXES, NAME_ROOTS, NAME_TAILS, SEED_INDUSTRIES } from './seed-words.js';

/** A real-world company of the seed universe, before any org spells it its own way. */
export interface SeedEntity {
  index: number;
  /** The name without a legal form, e.g. `Harbor Logistics Group`. */
  baseName: string;
  /** The registrable domain, e.g. `harborlogisticsgroup.co.uk`. */
  domain: string;
  country: SeedCountry;
  state: string | undefined;
  city: string;
  industry: string;
  employees: number;
  annualRevenue: number;
}

const P = NAME_PREFIXES.length;
const R = NAME_ROOTS.length;
const T = NAME_TAILS.length;
/** Names of one prefix, root and tail; entities past this many get a second prefix word. */
const BLOCK = P * R * T;
/** A multiplier coprime with BLOCK: spreads consecutive entities over unrelated names. */
const SPREAD = 1_000_003;

/** Mixes two integers into a 32-bit seed (so every entity of every universe has its own stream). */
export function mixSeed(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

const pick = <T>(list: readonly T[], point: number): T => list[Math.min(list.length - 1, Math.floor(point * list.length))] as T;

/** The universe's entity number `index`: the same universe and index always give the same company. */
export function seedEntity(universe: number, index: number): SeedEntity {
  const block = Math.floor(index / BLOCK);
  const within = (((index % BLOCK) * SPREAD) % BLOCK + universe * 7_919) % BLOCK;
  const prefix = NAME_PREFIXES[within % P] ?? 'Acme';
  const root = NAME_ROOTS[Math.floor(within / P) % R] ?? 'Systems';
  const tail = NAME_TAILS[Math.floor(within / (P * R)) % T] ?? '';
  // Past the first block, a second prefix word (from the block number) keeps names unique.
  const extra = block === 0 ? '' : `${NAME_PREFIXES[(block - 1) % P] ?? ''}${block > P ? ` ${NAME_PREFIXES[Math.floor((block - 1) / P) % P] ?? ''}` : ''} `;
  const baseName = `${extra}${prefix} ${root}${tail ? ` ${tail}` : ''}`;
  const random = seededRandom(mixSeed(universe, index));
  const country = countryAt(random());
  const [state, city] = pick(country.places, random());
  const employees = Math.max(5, Math.round(Math.exp(random() * 9.5) * 3));
  return {
    index,
    baseName,
    domain: `${baseName.toLowerCase().replace(/[^a-z0-9]/g, '')}.${country.tld}`,
    country,
    state,
    city,
    industry: pick(SEED_INDUSTRIES, random()),
    employees,
    annualRevenue: Math.round(employees * (80_000 + random() * 220_000)),
  };
}
