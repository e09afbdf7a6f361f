/**
 * Account names (without spaces) kept as UTF-16 code units in one typed array, each slot pointing at its run.
 * The candidate check reads a name for every candidate of every query; from here that is one short run of
 * memory, where a million separate strings would cost a cache miss or two each.
 */
/** A NameArena's arrays in shared memory, for reading it from other threads (see `share`). */
export interface SharedNameArena {
  chars: Uint16Array;
  starts: Int32Array;
  lengths: Int32Array;
}

export class NameArena {
  #chars: Uint16Array = new Uint16Array(1 << 16);
  #starts: Int32Array = new Int32Array(1024);
  #lengths: Int32Array = new Int32Array(1024);
  #end = 0;
  /** Code units no slot points at any more (replaced or removed names); reclaimed when they are half. */
  #garbage = 0;
  /** A view of another thread's arena (`fromShared`): it is read here, never changed. */
  #readOnly = false;

  /** A read-only view of an arena another thread shared. */
  static fromShared(shared: SharedNameArena): NameArena {
    const arena = new NameArena();
    arena.#chars = shared.chars;
    arena.#starts = shared.starts;
    arena.#lengths = shared.lengths;
    arena.#readOnly = true;
    return arena;
  }

  /**
   * Copies the names into shared memory, used from now on here too, and returns them for other threads
   * (`fromShared`). While others read it, the arena must not change.
   */
  share(): SharedNameArena {
    this.#chars = copyToShared(this.#chars.subarray(0, this.#end), new Uint16Array(new SharedArrayBuffer(this.#chars.byteLength)));
    this.#starts = copyToShared(this.#starts, new Int32Array(new SharedArrayBuffer(this.#starts.byteLength)));
    this.#lengths = copyToShared(this.#lengths, new Int32Array(new SharedArrayBuffer(this.#lengths.byteLength)));
    return { chars: this.#chars, starts: this.#starts, lengths: this.#lengths };
  }

  get chars(): Uint16Array {
    return this.#chars;
  }

  startOf(slot: number): number {
    return this.#starts[slot] ?? 0;
  }

  lengthOf(slot: number): number {
    return this.#lengths[slot] ?? 0;
  }

  set(slot: number, name: string): void {
    if (this.#readOnly) throw new Error('this NameArena is a read-only view of a shared one');
    this.clear(slot);
    if (slot >= this.#starts.length) this.#growSlots(slot);
    if (this.#end + name.length > this.#chars.length) this.#makeRoom(name.length);
    for (let i = 0; i < name.length; i++) this.#chars[this.#end + i] = name.charCodeAt(i);
    this.#starts[slot] = this.#end;
    this.#lengths[slot] = name.length;
    this.#end += name.length;
  }

  clear(slot: number): void {
    if (this.#readOnly) throw new Error('this NameArena is a read-only view of a shared one');
    if (slot >= this.#lengths.length) return;
    this.#garbage += this.#lengths[slot] ?? 0;
    this.#lengths[slot] = 0;
  }

  #growSlots(slot: number): void {
    const size = Math.max(slot + 1, this.#starts.length * 2);
    const starts = new Int32Array(size);
    starts.set(this.#starts);
    const lengths = new Int32Array(size);
    lengths.set(this.#lengths);
    this.#starts = starts;
    this.#lengths = lengths;
  }

  /** Reclaims garbage when it is half the arena, else doubles it. */
  #makeRoom(needed: number): void {
    const live = this.#end - this.#garbage;
    const size = Math.max(this.#chars.length * (this.#garbage * 2 >= this.#end ? 1 : 2), (live + needed) * 2);
    const chars = new Uint16Array(size);
    let end = 0;
    for (let slot = 0; slot < this.#lengths.length; slot++) {
      const length = this.#lengths[slot] ?? 0;
      if (length === 0) continue;
      const start = this.#starts[slot] ?? 0;
      chars.set(this.#chars.subarray(start, start + length), end);
      this.#starts[slot] = end;
      end += length;
    }
    this.#chars = chars;
    this.#end = end;
    this.#garbage = 0;
  }
}

function copyToShared<T extends Uint16Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
