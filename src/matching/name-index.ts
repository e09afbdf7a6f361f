import { IntMultimap, type SharedIntMultimap } from './int-multimap.js';
import type { ComparableName } from './name-similarity.js';
import type { SlotSet } from './slot-set.js';

/** An account's name key and its four part keys. */
const KEYS_PER_ACCOUNT = 5;

/** Names shorter than this are found only when equal: one typo in a short name leaves too little to go on. */
const MIN_FUZZY_LENGTH = 7;

/**
 * Part keys are shared by names alike in three quarters of their letters; a crowded one ("ca…ford" among
 * invented brands) holds many names a typo away from each other, where a typo match is a guess anyway. They
 * are searched only up to this share of the block limit.
 */
const PART_BLOCK_SHARE = 1 / 32;

/**
 * Finds the vendor accounts whose names could be like a given name without comparing it with all of them
 * (blocking). Names are compared without spaces ("zentrixlogistics"). An account is found
 *  - by its whole name, and
 *  - by four parts of it, each the name without one of its quarters, with the name's length. One typo (a
 *    wrong, missing, extra or swapped letter) leaves at least one part whole, wherever it is — except a swap
 *    across two quarters. A missing or extra letter changes the length by one, so lengths ±1 are looked up.
 * Keys shared by more than `blockLimit` accounts are not searched: they tell too little apart.
 * Accounts are numbered slots owned by the caller.
 */
export class NameIndex {
  readonly #slots: IntMultimap;
  /** Scratch for one query's keys (4 parts × 3 lengths, or 1 name key), or one account's (up to 5). */
  readonly #keys = new Int32Array(12);
  readonly #blockLimit: number;
  readonly #partBlockLimit: number;

  /**
   * `expectedAccounts` sizes the index up front (each account has up to five keys); `shared`, another
   * thread's index (`share`), makes this a read-only view of it.
   */
  constructor(blockLimit: number, expectedAccounts = 0, shared?: SharedIntMultimap) {
    this.#slots = shared ? IntMultimap.fromShared(shared) : new IntMultimap(expectedAccounts * KEYS_PER_ACCOUNT);
    this.#blockLimit = blockLimit;
    this.#partBlockLimit = Math.max(1, Math.round(blockLimit * PART_BLOCK_SHARE));
  }

  /** Moves the index into shared memory for other threads to search (see IntMultimap.share). */
  share(): SharedIntMultimap {
    return this.#slots.share();
  }

  add(slot: number, account: ComparableName): void {
    const count = indexKeys(account.compact, this.#keys);
    for (let i = 0; i < count; i++) this.#slots.add(this.#keys[i] ?? 0, slot);
  }

  remove(slot: number, account: ComparableName): void {
    const count = indexKeys(account.compact, this.#keys);
    for (let i = 0; i < count; i++) this.#slots.delete(this.#keys[i] ?? 0, slot);
  }

  /** Makes look-ups faster after many accounts were added at once (see IntMultimap.compact). */
  compact(): void {
    this.#slots.compact();
  }

  /** Adds to `into` the accounts with this name (spaces aside; by hash, so a rare other name may come along). */
  collectSameName(query: ComparableName, into: SlotSet): void {
    const name = query.compact;
    if (name === '') return;
    this.#keys[0] = nameKey(prefixHashes(name), name.length);
    this.#slots.forEachOfKeys(this.#keys, 1, this.#blockLimit, (slot) => { into.add(slot); });
  }

  /** Adds to `into` the accounts whose names could be one typo away from the query's. */
  collectSimilarNames(query: ComparableName, into: SlotSet): void {
    const name = query.compact;
    if (name.length < MIN_FUZZY_LENGTH - 1) return;
    const hashes = prefixHashes(name);
    let count = 0;
    for (let length = Math.max(MIN_FUZZY_LENGTH, name.length - 1); length <= name.length + 1; length++) {
      count = partKeys(hashes, name.length, length, this.#keys, count);
    }
    this.#slots.forEachOfKeys(this.#keys, count, this.#partBlockLimit, (slot) => { into.add(slot); });
  }
}

/**
 * The keys an account is indexed under, written into `into` (no arrays made per account: a million are indexed
 * at once): its name's, and its part keys when the name is long enough. Returns how many.
 */
function indexKeys(name: string, into: Int32Array): number {
  if (name === '') return 0;
  const hashes = prefixHashes(name);
  into[0] = nameKey(hashes, name.length);
  return name.length < MIN_FUZZY_LENGTH ? 1 : partKeys(hashes, name.length, name.length, into, 1);
}

function nameKey(hashes: Int32Array, size: number): number {
  return key(0, size, rangeHash(hashes, 0, size), 0);
}

// Polynomial hashes of every prefix, so the hash of any part of the name costs two look-ups (arithmetic mod 2³²).
const BASE = 0x01000193;
let prefix = new Int32Array(64);
let powers = Int32Array.of(1);

/** Hashes of name[0, i) for every i, in a buffer reused by the next call. */
function prefixHashes(name: string): Int32Array {
  if (name.length + 1 > prefix.length) prefix = new Int32Array((name.length + 1) * 2);
  if (name.length + 1 > powers.length) {
    const more = new Int32Array((name.length + 1) * 2);
    more[0] = 1;
    for (let i = 1; i < more.length; i++) more[i] = Math.imul(more[i - 1] ?? 1, BASE);
    powers = more;
  }
  prefix[0] = 0;
  for (let i = 0; i < name.length; i++) prefix[i + 1] = (Math.imul(prefix[i] ?? 0, BASE) + name.charCodeAt(i)) | 0;
  return prefix;
}

/** The hash of name[from, to) from its prefix hashes. */
function rangeHash(hashes: Int32Array, from: number, to: number): number {
  return ((hashes[to] ?? 0) - Math.imul(hashes[from] ?? 0, powers[to - from] ?? 0)) | 0;
}

/**
 * The part keys of a name (of `size` letters, given by its prefix hashes) as an account of `length` letters
 * would have them. With `q` a quarter of `length` (rounded up), each key leaves out one quarter — the last,
 * the first, the second, the third — and keeps the rest as a prefix and a suffix, which a typo in the left-out
 * quarter does not move. Keys are hashes kept to 30 bits (small integers are stored in place): a rare
 * collision only adds a candidate, which the comparison then turns down. Written into `into` from `at`;
 * returns the position after them.
 */
function partKeys(hashes: Int32Array, size: number, length: number, into: Int32Array, at: number): number {
  const q = Math.max(2, Math.ceil(length / 4));
  into[at] = key(1, length, rangeHash(hashes, 0, length - q), 0);
  into[at + 1] = key(2, length, rangeHash(hashes, size - (length - q), size), 0);
  into[at + 2] = key(3, length, rangeHash(hashes, 0, q), rangeHash(hashes, size - (length - 2 * q), size));
  into[at + 3] = key(4, length, rangeHash(hashes, 0, length - 2 * q), rangeHash(hashes, size - q, size));
  return at + 4;
}

function key(kind: number, length: number, head: number, tail: number): number {
  let h = Math.imul(0x811c9dc5 ^ kind, BASE);
  h = Math.imul(h ^ length, BASE);
  h = Math.imul(h ^ head, BASE);
  h = Math.imul(h ^ tail, BASE);
  return (h ^ (h >>> 15)) & 0x3fffffff;
}
