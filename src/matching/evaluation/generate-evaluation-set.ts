import type { AccountRecord } from '../account-record.js';
import { generateCompanies, type Company } from './generate-companies.js';
import { renderAccount } from './render-account.js';
import { SeededRandom } from './seeded-random.js';

export interface EvaluationSetOptions {
  /** Companies per side; each side has about this many records (a few more, for duplicates). */
  size: number;
  /** Same seed, same set (default 1). */
  seed?: number;
  /** Share of the partner's companies the vendor also has (default 0.5). */
  overlap?: number;
}

/** A pair of ids that are the same company. */
export interface AccountPair {
  vendorId: string;
  partnerId: string;
}

/** A vendor export, a partner export and which of their records are the same company. */
export interface EvaluationSet {
  vendors: AccountRecord[];
  partners: AccountRecord[];
  truth: AccountPair[];
}

/** Share of companies a CRM holds twice. Vendor duplicates keep their domain: they should tie on it. */
const DUPLICATE_RATE = 0.015;

/**
 * A labelled evaluation set: companies drawn once, then rendered as vendor and partner records with the noise
 * real exports have (render-account.ts). Namesakes (the same name in another country or region, with another
 * domain) and companies sharing a word are part of it, so false matches have a chance to happen.
 */
export function generateEvaluationSet(options: EvaluationSetOptions): EvaluationSet {
  const { size, seed = 1, overlap = 0.5 } = options;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size: expected a whole number of at least 1; found ${String(size)}`);
  if (!(overlap >= 0 && overlap <= 1)) throw new RangeError(`overlap: expected a share between 0 and 1; found ${String(overlap)}`);
  const random = new SeededRandom(seed);
  const partnerOnly = Math.round(size * (1 - overlap));
  const companies = generateCompanies(size + partnerOnly, random);
  const vendorCompanies = companies.slice(0, size);
  const both = random.shuffle(vendorCompanies.slice()).slice(0, size - partnerOnly);
  const partnerCompanies = random.shuffle([...both, ...companies.slice(size)]);

  const vendors = renderSide(vendorCompanies, 'V', random, true);
  const partners = renderSide(partnerCompanies, 'P', random, false);
  const vendorIdsByCompany = new Map<number, string[]>();
  for (const { company, record } of vendors) vendorIdsByCompany.set(company.key, [...(vendorIdsByCompany.get(company.key) ?? []), record.id]);
  const truth: AccountPair[] = [];
  for (const { company, record } of partners) {
    for (const vendorId of vendorIdsByCompany.get(company.key) ?? []) truth.push({ vendorId, partnerId: record.id });
  }
  return { vendors: vendors.map((v) => v.record), partners: partners.map((p) => p.record), truth };
}

function renderSide(companies: readonly Company[], prefix: string, random: SeededRandom, duplicatesKeepDomain: boolean): { company: Company; record: AccountRecord }[] {
  const copies: { company: Company; keepDomain: boolean }[] = [];
  for (const company of companies) {
    const twice = random.chance(DUPLICATE_RATE);
    copies.push({ company, keepDomain: twice && duplicatesKeepDomain });
    if (twice) copies.push({ company, keepDomain: duplicatesKeepDomain });
  }
  random.shuffle(copies);
  return copies.map(({ company, keepDomain }, i) => ({
    company,
    record: renderAccount(company, `${prefix}${String(i + 1).padStart(7, '0')}`, random, keepDomain),
  }));
}
