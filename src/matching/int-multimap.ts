/**
 * A multimap from whole-number keys to whole-number values (32-bit), kept in typed arrays: entries chained per
 * bucket, removed entries reused. A million accounts index several million keys; as Map entries and arrays
 * they would cost hundreds of megabytes, and every look-up would wander through scattered memory.
 */
/** An IntMultimap's arrays in shared memory, for reading it from other threads (see `share`). */
export interface SharedIntMultimap {
  seen: Uint32Array;
  buckets: Int32Array;
  entries: Int32Array;
  used: number;
  size: number;
}

export class IntMultimap {
  /**
   * One bit per hashed key ever added, about 16 bits per entry: most looked-up keys were never added, and this
   * small array answers "no" for them without touching the large ones.
   */
  #seen: Uint32Array;
  #buckets: Int32Array;
  /** Entries as [key, value, next entry] triples, so one entry is one read from memory. */
  #entries: Int32Array;
  #used = 0;
  #free = -1;
  #size = 0;
  /** Scratch for `forEachOfKeys`: the bucket head found for each key. */
  #heads = new Int32Array(16);
  /** A view of another thread's map (`fromShared`): it is read here, never changed. */
  #readOnly = false;

  /** `capacity`: the entries expected; more are fine (the arrays grow), fewer waste a little memory. */
  constructor(capacity = 1024) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, capacity)));
    this.#buckets = new Int32Array(size).fill(-1);
    this.#entries = new Int32Array(size * 3);
    this.#seen = new Uint32Array(size / 2);
  }

  /** A read-only view of a map another thread shared; look-ups only. */
  static fromShared(shared: SharedIntMultimap): IntMultimap {
    const map = new IntMultimap(16);
    map.#seen = shared.seen;
    map.#buckets = shared.buckets;
    map.#entries = shared.entries;
    map.#used = shared.used;
    map.#size = shared.size;
    map.#readOnly = true;
    return map;
  }

  get size(): number {
    return this.#size;
  }

  /**
   * Moves the arrays into shared memory and returns them, so other threads can look up (`fromShared`) without
   * a copy each. The map stays usable here; while others read it, it must not change.
   */
  share(): SharedIntMultimap {
    this.#seen = toShared(this.#seen, Uint32Array);
    this.#buckets = toShared(this.#buckets, Int32Array);
    this.#entries = toShared(this.#entries, Int32Array);
    return { seen: this.#seen, buckets: this.#buckets, entries: this.#entries, used: this.#used, size: this.#size };
  }

  add(key: number, value: number): void {
    this.#refuseChangeIfReadOnly();
    let entry = this.#free;
    if (entry >= 0) this.#free = this.#nextOf(entry);
    else {
      if (this.#used * 3 === this.#entries.length) this.#grow();
      entry = this.#used++;
    }
    const bucket = this.#bucketOf(key);
    this.#entries[entry * 3] = key;
    this.#entries[entry * 3 + 1] = value;
    this.#entries[entry * 3 + 2] = this.#buckets[bucket] ?? -1;
    this.#buckets[bucket] = entry;
    this.#markSeen(key);
    this.#size += 1;
  }

  /** Removes one (key, value) entry; false when there was none. */
  delete(key: number, value: number): boolean {
    this.#refuseChangeIfReadOnly();
    const bucket = this.#bucketOf(key);
    let previous = -1;
    for (let entry = this.#buckets[bucket] ?? -1; entry >= 0; entry = this.#nextOf(entry)) {
      if (this.#entries[entry * 3] === key && this.#entries[entry * 3 + 1] === value) {
        const after = this.#nextOf(entry);
        if (previous < 0) this.#buckets[bucket] = after;
        else this.#entries[previous * 3 + 2] = after;
        this.#entries[entry * 3 + 2] = this.#free;
        this.#free = entry;
        this.#size -= 1;
        return true;
      }
      previous = entry;
    }
    return false;
  }

  /** Appends the values under `key` to `into`; returns how many there were. */
  valuesOf(key: number, into: number[]): number {
    if (!this.#maybeSeen(key)) return 0;
    let found = 0;
    for (let entry = this.#buckets[this.#bucketOf(key)] ?? -1; entry >= 0; entry = this.#nextOf(entry)) {
      if (this.#entries[entry * 3] !== key) continue;
      into.push(this.#entries[entry * 3 + 1] ?? -1);
      found += 1;
    }
    return found;
  }

  /**
   * Calls `visit` with each value under each of the first `count` keys, skipping a key with more than `limit`
   * values. The keys are looked up together, step by step (filter, buckets, chains): the reads of one step do
   * not wait on each other, so the processor overlaps their trips to memory.
   */
  forEachOfKeys(keys: Int32Array, count: number, limit: number, visit: (value: number) => void): void {
    if (this.#heads.length < count) this.#heads = new Int32Array(count * 2);
    const heads = this.#heads;
    for (let i = 0; i < count; i++) heads[i] = this.#maybeSeen(keys[i] ?? 0) ? 0 : -1;
    for (let i = 0; i < count; i++) if (heads[i] === 0) heads[i] = this.#buckets[this.#bucketOf(keys[i] ?? 0)] ?? -1;
    for (let i = 0; i < count; i++) {
      const key = keys[i] ?? 0;
      const first = heads[i] ?? -1;
      let found = 0;
      for (let entry = first; entry >= 0 && found <= limit; entry = this.#nextOf(entry)) if (this.#entries[entry * 3] === key) found += 1;
      if (found === 0 || found > limit) continue;
      for (let entry = first; entry >= 0; entry = this.#nextOf(entry)) {
        if (this.#entries[entry * 3] === key) visit(this.#entries[entry * 3 + 1] ?? -1);
      }
    }
  }

  /**
   * Lays the entries out again so each bucket's chain is one run in memory. After a bulk load, chains point all
   * over the array and every step of a look-up is a cache miss; after this, a look-up reads a run or two.
   */
  compact(): void {
    this.#refuseChangeIfReadOnly();
    const entries = new Int32Array(this.#entries.length);
    let used = 0;
    for (let bucket = 0; bucket < this.#buckets.length; bucket++) {
      let entry = this.#buckets[bucket] ?? -1;
      if (entry < 0) continue;
      this.#buckets[bucket] = used;
      for (; entry >= 0; entry = this.#nextOf(entry)) {
        entries[used * 3] = this.#entries[entry * 3] ?? 0;
        entries[used * 3 + 1] = this.#entries[entry * 3 + 1] ?? 0;
        entries[used * 3 + 2] = this.#nextOf(entry) >= 0 ? used + 1 : -1;
        used += 1;
      }
    }
    this.#entries = entries;
    this.#used = used;
    this.#free = -1;
  }

  #refuseChangeIfReadOnly(): void {
    if (this.#readOnly) throw new Error('this IntMultimap is a read-only view of a shared one');
  }

  #nextOf(entry: number): number {
    return this.#entries[entry * 3 + 2] ?? -1;
  }

  #markSeen(key: number): void {
    const bit = this.#seenBit(key);
    this.#seen[bit >>> 5] = (this.#seen[bit >>> 5] ?? 0) | (1 << (bit & 31));
  }

  #maybeSeen(key: number): boolean {
    const bit = this.#seenBit(key);
    return ((this.#seen[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
  }

  #seenBit(key: number): number {
    return (Math.imul(key ^ (key >>> 13), 0x85ebca6b) >>> 0) % (this.#seen.length * 32);
  }

  #bucketOf(key: number): number {
    // Keys are hashes already; mixing once more spreads any that share low bits.
    return (Math.imul(key, 0x9e3779b1) >>> 7) & (this.#buckets.length - 1);
  }

  /** Doubles the room and rebuilds the chains. Called only when no removed entry is left to reuse, so all are live. */
  #grow(): void {
    const size = this.#buckets.length * 2;
    const entries = new Int32Array(size * 3);
    entries.set(this.#entries);
    this.#entries = entries;
    this.#buckets = new Int32Array(size).fill(-1);
    this.#seen = new Uint32Array(size / 2);
    for (let entry = 0; entry < this.#used; entry++) {
      const key = this.#entries[entry * 3] ?? 0;
      const bucket = this.#bucketOf(key);
      this.#entries[entry * 3 + 2] = this.#buckets[bucket] ?? -1;
      this.#buckets[bucket] = entry;
      this.#markSeen(key);
    }
  }
}

/** A copy of `array` in shared memory (as is, when it is there already). */
function toShared<T extends Int32Array | Uint32Array>(array: T, Kind: new (buffer: SharedArrayBuffer) => T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const shared = new Kind(new SharedArrayBuffer(array.byteLength));
  shared.set(array);
  return shared;
}
