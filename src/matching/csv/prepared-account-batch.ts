import type { PreparedAccount } from '../prepared-account.js';

/**
 * Prepared accounts as one text, UTF-8 encoded, and the length of each field: both buffers move to another
 * thread without a copy (a string would be copied on every post; a million accounts are ~100 MB of text).
 */
export interface PreparedAccountBatch {
  bytes: Uint8Array<ArrayBuffer>;
  lengths: Int32Array<ArrayBuffer>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Fields per account: id, name, compact, domain, country, regionCountry, domainCountry, region, city, legalForm. */
const FIELDS = 10;

/** Joins the accounts' fields; a missing field is written as an empty one. */
export function encodePreparedAccounts(accounts: readonly PreparedAccount[]): PreparedAccountBatch {
  const lengths = new Int32Array(accounts.length * FIELDS);
  let text = '';
  let at = 0;
  // Field by field, in FIELD order, one concatenation per account: written out rather than looped over names or
  // pushed to an array and joined, which measured a third slower on a million accounts.
  for (const account of accounts) {
    const { id, name, compact } = account;
    const domain = account.domain ?? '';
    const country = account.country ?? '';
    const regionCountry = account.regionCountry ?? '';
    const domainCountry = account.domainCountry ?? '';
    const region = account.region ?? '';
    const city = account.city ?? '';
    const legalForm = account.legalForm ?? '';
    text += id + name + compact + domain + country + regionCountry + domainCountry + region + city + legalForm;
    lengths[at] = id.length;
    lengths[at + 1] = name.length;
    lengths[at + 2] = compact.length;
    lengths[at + 3] = domain.length;
    lengths[at + 4] = country.length;
    lengths[at + 5] = regionCountry.length;
    lengths[at + 6] = domainCountry.length;
    lengths[at + 7] = region.length;
    lengths[at + 8] = city.length;
    lengths[at + 9] = legalForm.length;
    at += FIELDS;
  }
  // Lone surrogates (impossible in text read from a file, possible in a string) would not survive UTF-8;
  // made U+FFFD, one code unit each, so every field keeps its length.
  return { bytes: encoder.encode(text.toWellFormed()), lengths };
}

/** Each account of a batch, in order; an empty optional field reads as missing (prepared values are never empty). */
function decodePreparedAccounts(batch: PreparedAccountBatch, onAccount: (account: PreparedAccount) => void): void {
  const { lengths } = batch;
  const text = decoder.decode(batch.bytes);
  let offset = 0;
  const next = (i: number): string => {
    const value = text.slice(offset, offset + (lengths[i] ?? 0));
    offset += lengths[i] ?? 0;
    return value;
  };
  const optional = (i: number): string | undefined => {
    const value = next(i);
    return value === '' ? undefined : value;
  };
  // Places and legal forms repeat across a million accounts: one string each saves memory and collector time.
  const shared = (i: number): string | undefined => {
    const value = optional(i);
    return value === undefined ? undefined : intern(value);
  };
  for (let i = 0; i < lengths.length; i += FIELDS) {
    onAccount({
      id: next(i),
      name: next(i + 1),
      compact: next(i + 2),
      domain: optional(i + 3),
      country: shared(i + 4),
      regionCountry: shared(i + 5),
      domainCountry: shared(i + 6),
      region: shared(i + 7),
      city: shared(i + 8),
      legalForm: shared(i + 9),
    });
  }
}

/** A batch's accounts, decoded (or as they are, when they never left this thread). */
export function preparedAccountsOf(batch: PreparedAccountBatch | PreparedAccount[]): PreparedAccount[] {
  if (Array.isArray(batch)) return batch;
  const accounts: PreparedAccount[] = [];
  decodePreparedAccounts(batch, (account) => accounts.push(account));
  return accounts;
}

const INTERNED_LIMIT = 100_000;
const interned = new Map<string, string>();

function intern(value: string): string {
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size >= INTERNED_LIMIT) interned.clear();
  interned.set(value, value);
  return value;
}
