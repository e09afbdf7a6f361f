import { DEFAULT_THRESHOLD } from './match-weights.js';

export interface MatchOptions {
  /** The lowest score a pair needs to be a match, 0..1 (default 0.85). */
  threshold?: number;
  /**
   * Name blocks (vendor accounts sharing one name word) larger than this are not searched: a word that common
   * ("consulting") tells no company apart, and searching it would cost time for nothing. Default 256.
   */
  blockLimit?: number;
  /** About how many vendor accounts will be indexed, so the index is sized once instead of grown (optional). */
  expectedAccounts?: number;
}

export interface ResolvedMatchOptions {
  readonly threshold: number;
  readonly blockLimit: number;
  readonly expectedAccounts: number;
}

export const DEFAULT_BLOCK_LIMIT = 256;

/** Options checked on entry; a wrong one throws a RangeError saying what was expected. */
export function resolveMatchOptions(options: MatchOptions = {}): ResolvedMatchOptions {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1) {
    throw new RangeError(`threshold: expected a number greater than 0 and at most 1; found ${String(options.threshold)}`);
  }
  const blockLimit = options.blockLimit ?? DEFAULT_BLOCK_LIMIT;
  if (!Number.isInteger(blockLimit) || blockLimit < 1) {
    throw new RangeError(`blockLimit: expected a whole number of at least 1; found ${String(options.blockLimit)}`);
  }
  const expectedAccounts = options.expectedAccounts ?? 0;
  if (!Number.isInteger(expectedAccounts) || expectedAccounts < 0) {
    throw new RangeError(`expectedAccounts: expected a whole number of at least 0; found ${String(options.expectedAccounts)}`);
  }
  return { threshold, blockLimit, expectedAccounts };
}
