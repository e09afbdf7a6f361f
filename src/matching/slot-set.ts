/**
 * A set of account slots (small whole numbers) that is emptied in constant time: each slot remembers the
 * round it was last added in. Used once per query, where a Set would be rebuilt and re-hashed every time.
 */
export class SlotSet {
  #addedInRound = new Int32Array(1024);
  #round = 1;
  readonly slots: number[] = [];

  clear(): void {
    this.slots.length = 0;
    this.#round += 1;
    if (this.#round === 0x7fffffff) {
      this.#addedInRound.fill(0);
      this.#round = 1;
    }
  }

  add(slot: number): void {
    if (slot >= this.#addedInRound.length) this.#grow(slot);
    if (this.#addedInRound[slot] === this.#round) return;
    this.#addedInRound[slot] = this.#round;
    this.slots.push(slot);
  }

  #grow(slot: number): void {
    const larger = new Int32Array(Math.max(slot + 1, this.#addedInRound.length * 2));
    larger.set(this.#addedInRound);
    this.#addedInRound = larger;
  }
}
