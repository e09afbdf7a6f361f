import type { PreparedAccount } from '../prepared-account.js';

/** Prepared accounts as one string and the length of each field: cheap to post to another thread. */
export interface PreparedAccountBatch {
  text: string;
  lengths: Int32Array<ArrayBuffer>;
}

/** Fields per account: id, name, compact, domain, country, regionCountry, domainCountry, region, city, legalForm. */
const FIELDS = 10;

/** Joins the accounts' fields; a missing field is written as an empty one. */
export function encodePreparedAccounts(accounts: readonly PreparedAccount[]): PreparedAccountBatch {
  const lengths = new Int32Array(accounts.length * FIELDS);
  const parts: string[] = [];
  let at = 0;
  const put = (value: string | undefined): void => {
    const text = value ?? '';
    parts.push(text);
    lengths[at++] = text.length;
  };
  // Field by field, in FIELD order; written out rather than looped over names, which is several times faster.
  for (const account of accounts) {
    put(account.id);
    put(account.name);
    put(account.compact);
    put(account.domain);
    put(account.country);
    put(account.regionCountry);
    put(account.domainCountry);
    put(account.region);
    put(account.city);
    put(account.legalForm);
  }
  return { text: parts.join(''), lengths };
}

/** Each account of a batch, in order; an empty optional field reads as missing (prepared values are never empty). */
export function decodePreparedAccounts(batch: PreparedAccountBatch, onAccount: (account: PreparedAccount) => void): void {
  const { text, lengths } = batch;
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
