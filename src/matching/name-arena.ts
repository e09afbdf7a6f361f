/**
 * Account names (without spaces) kept as UTF-16 code units in one typed array, each slot pointing at its run.
 * The candidate check reads a name for every candidate of every query; from here that is one short run of
 * memory, where a million separate strings would cost a cache miss or two each.
 */
export class NameArena {
  #chars = new Uint16Array(1 << 16);
  #starts = new Int32Array(1024);
  #lengths = new Int32Array(1024);
  #end = 0;
  /** Code units no slot points at any more (replaced or removed names); reclaimed when they are half. */
  #garbage = 0;

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
    this.clear(slot);
    if (slot >= this.#starts.length) this.#growSlots(slot);
    if (this.#end + name.length > this.#chars.length) this.#makeRoom(name.length);
    for (let i = 0; i < name.length; i++) this.#chars[this.#end + i] = name.charCodeAt(i);
    this.#starts[slot] = this.#end;
    this.#lengths[slot] = name.length;
    this.#end += name.length;
  }

  clear(slot: number): void {
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
