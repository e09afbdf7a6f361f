import { hashText } from './hash-text.js';
import { IntMultimap, type SharedIntMultimap } from './int-multimap.js';

/** The text a slot holds under this key (its id, its domain), for telling apart texts that share a hash. */
export type TextOfSlot = (slot: number) => string | undefined;

/**
 * Slots looked up by a text (an account id, a domain) in typed arrays: the text's hash leads to the slots,
 * and each is checked against the text the caller keeps for it. A million ids or domains in a Map cost
 * seconds to insert and hundreds of megabytes; here they are two arrays, sized once and shareable with other
 * threads (`share`, `fromShared`).
 */
export class TextKeyedSlots {
  readonly #slots: IntMultimap;
  readonly #textOf: TextOfSlot;
  /** Scratch for look-ups. */
  readonly #found: number[] = [];

  constructor(textOf: TextOfSlot, capacity = 0, shared?: SharedIntMultimap) {
    this.#textOf = textOf;
    this.#slots = shared ? IntMultimap.fromShared(shared) : new IntMultimap(capacity);
  }

  /** How many (text, slot) entries there are. */
  get size(): number {
    return this.#slots.size;
  }

  add(text: string, slot: number): void {
    this.#slots.add(hashText(text), slot);
  }

  delete(text: string, slot: number): void {
    this.#slots.delete(hashText(text), slot);
  }

  /** The first slot holding `text`, or -1. */
  firstSlotOf(text: string): number {
    const found = this.#lookUp(text);
    for (const slot of found) if (this.#textOf(slot) === text) return slot;
    return -1;
  }

  /** Appends the slots holding `text` to `into`, in no particular order; returns how many. */
  slotsOf(text: string, into: number[]): number {
    let count = 0;
    for (const slot of this.#lookUp(text)) {
      if (this.#textOf(slot) !== text) continue;
      into.push(slot);
      count += 1;
    }
    return count;
  }

  /** Lays the table out again for fast look-ups after a bulk load (IntMultimap.compact). */
  compact(): void {
    this.#slots.compact();
  }

  share(): SharedIntMultimap {
    return this.#slots.share();
  }

  #lookUp(text: string): number[] {
    const found = this.#found;
    found.length = 0;
    this.#slots.valuesOf(hashText(text), found);
    return found;
  }
}
