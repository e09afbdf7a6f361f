import { FREE_MAIL, firstWord, SHARED_PLATFORM_THRESHOLD } from './domain-key.js';
import { hashText } from './hash-text.js';

/** A second, independent hash of each domain: two domains are taken for one only when both hashes agree. */
const SECOND_SEED = 0x2f6b3a91;
/** Slot fields: the domain's two hashes, then its first company's word hash (ESCALATED once it has more). */
const FIELDS = 3;
const ESCALATED = 0;

/**
 * Finds platform domains from the data: a registrable domain used by records of many different companies
 * (a directory, a link shortener, a site builder not listed in platform-hosts.ts) identifies no company.
 * Companies are told apart by the first word of their normalised name, so one company's many accounts on its
 * own domain ("acme germany", "acme labs") never make it a platform. Feed it every (domain, normalised name)
 * pair of a file, then read `shared()`.
 *
 * A file has about as many domains as rows, nearly all of one company; they are remembered in a typed-array
 * table by two 32-bit hashes (a million domains in a Map cost seconds); only a domain that shows a second
 * company goes into a Map, by name, with its companies' word hashes.
 */
export class SharedPlatformDetector {
  readonly #threshold: number;
  #table: Int32Array;
  #used = 0;
  readonly #companies = new Map<string, Set<number>>();

  /**
   * `threshold` different companies on one domain make it a platform (default 5); `expectedDomains` sizes
   * the table once instead of growing it on the way to a million.
   */
  constructor(threshold = SHARED_PLATFORM_THRESHOLD, expectedDomains = 0) {
    this.#threshold = threshold;
    this.#table = new Int32Array(FIELDS * 2 ** Math.ceil(Math.log2(Math.max(1024, expectedDomains * 2))));
  }

  observe(domain: string | undefined, normalizedName: string): void {
    if (domain === undefined || FREE_MAIL.has(domain)) return;
    // 0 marks an empty slot and ESCALATED a domain in the Map, so no word hash may be 0.
    const word = hashText(firstWord(normalizedName)) || 1;
    const first = hashText(domain) || 1;
    const second = hashText(domain, SECOND_SEED);
    const slot = this.#slotOf(first, second);
    const table = this.#table;
    const known = table[slot + 2] ?? ESCALATED;
    if (table[slot] === 0) {
      table[slot] = first;
      table[slot + 1] = second;
      table[slot + 2] = word;
      this.#used += 1;
      if (this.#used * 2 * FIELDS > table.length) this.#grow();
    } else if (known === ESCALATED) {
      const companies = this.#companies.get(domain);
      if (companies && companies.size < this.#threshold) companies.add(word);
    } else if (known !== word) {
      table[slot + 2] = ESCALATED;
      this.#companies.set(domain, new Set([known, word]));
    }
  }

  shared(): Set<string> {
    const shared = new Set<string>();
    for (const [domain, companies] of this.#companies) if (companies.size >= this.#threshold) shared.add(domain);
    return shared;
  }

  /** The slot (offset of its first field) holding this domain, or the empty one where it belongs. */
  #slotOf(first: number, second: number): number {
    const table = this.#table;
    const slots = table.length / FIELDS;
    for (let index = (Math.imul(first, 0x9e3779b1) >>> 0) % slots; ; index = (index + 1) % slots) {
      const slot = index * FIELDS;
      if (table[slot] === 0 || (table[slot] === first && table[slot + 1] === second)) return slot;
    }
  }

  /** Doubles the table at half full, so probes stay short. */
  #grow(): void {
    const old = this.#table;
    this.#table = new Int32Array(old.length * 2);
    for (let slot = 0; slot < old.length; slot += FIELDS) {
      const first = old[slot] ?? 0;
      if (first === 0) continue;
      const to = this.#slotOf(first, old[slot + 1] ?? 0);
      this.#table.set(old.subarray(slot, slot + FIELDS), to);
    }
  }
}
