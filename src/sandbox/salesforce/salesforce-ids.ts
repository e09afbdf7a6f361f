/**
 * Salesforce record ids: 15 case-sensitive characters (3-character key prefix naming the object, then the
 * instance and a base-62 sequence) and the 18-character case-safe form the API returns, whose 3-character suffix
 * encodes which of the first 15 characters are upper case.
 * https://help.salesforce.com/s/articleView?id=000385008&type=1 (What are Salesforce IDs composed of?)
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID15 = /^[0-9A-Za-z]{15}$/;
const ID18 = /^[0-9A-Za-z]{15}[A-Za-z0-5]{3}$/;

/** The real key prefixes of the objects the sandbox serves, and of the non-record ids it hands out. */
export const KEY_PREFIXES = {
  Account: '001',
  Contact: '003',
  User: '005',
  Opportunity: '006',
  Organization: '00D',
  QueryLocator: '01g',
  BulkJob: '750',
} as const;

/** The 3-character case-safe suffix of a 15-character id. */
export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const char = id15.charAt(chunk * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * The canonical 18-character form of an id given in either form, or undefined when it is not a well-formed id.
 * An 18-character id is case-insensitive: its suffix restores the case of the first 15 characters.
 */
export function normalizeId(value: string): string | undefined {
  if (ID15.test(value)) return value + checksumSuffix(value);
  if (!ID18.test(value)) return undefined;
  let restored = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    const bits = SUFFIX_ALPHABET.indexOf(value.charAt(15 + chunk).toUpperCase());
    for (let i = 0; i < 5; i += 1) {
      const char = value.charAt(chunk * 5 + i);
      const upper = (bits & (1 << i)) !== 0;
      const isLetter = /[A-Za-z]/.test(char);
      if (upper && !isLetter) return undefined;
      restored += isLetter ? (upper ? char.toUpperCase() : char.toLowerCase()) : char;
    }
  }
  return restored + checksumSuffix(restored);
}

/** The key prefix (first three characters) of an id. */
export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** Base-62 digits in ASCII order, so ids of one prefix sort by creation when compared as plain strings. */
function base62(value: number, width: number): string {
  let text = '';
  let rest = value;
  while (rest > 0) {
    text = BASE62.charAt(rest % 62) + text;
    rest = Math.floor(rest / 62);
  }
  return text.padStart(width, '0');
}

/**
 * Hands out ids of one org: prefix, a 2-character instance code (mixed case, so the suffix is exercised), a
 * reserved `0`, and a 9-digit base-62 sequence per prefix.
 */
export class IdGenerator {
  private readonly sequences = new Map<string, number>();
  readonly instance: string;

  constructor(orgSeed: number) {
    const a = Math.abs(Math.trunc(orgSeed)) % 62;
    const b = Math.abs(Math.trunc(orgSeed / 62)) % 26;
    this.instance = BASE62.charAt(36 + b) + BASE62.charAt(a === 0 ? 10 : a);
  }

  next(prefix: string): string {
    if (!/^[0-9A-Za-z]{3}$/.test(prefix)) throw new Error(`a key prefix is 3 letters or digits, got "${prefix}"`);
    const sequence = (this.sequences.get(prefix) ?? 0) + 1;
    this.sequences.set(prefix, sequence);
    const id15 = `${prefix}${this.instance}0${base62(sequence, 9)}`;
    return id15 + checksumSuffix(id15);
  }
}

/** Custom object key prefixes in the order objects are defined: a00, a01, … a0z, a10, … */
export function customKeyPrefix(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= 62 * 62) {
    throw new Error(`custom object index must be 0..${62 * 62 - 1}, got ${index}`);
  }
  return `a${base62(index, 2)}`;
}
