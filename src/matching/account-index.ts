import { compareText } from '../text/compare-text.js';
import type { AccountMatch } from './account-match.js';
import type { AccountRecord } from './account-record.js';
import { firstWord, SHARED_PLATFORM_THRESHOLD } from './domain-key.js';
import { resolveMatchOptions, type MatchOptions, type ResolvedMatchOptions } from './match-options.js';
import { AMBIGUITY_MARGIN } from './match-weights.js';
import type { SharedIntMultimap } from './int-multimap.js';
import { NameIndex } from './name-index.js';
import { NameArena, type SharedNameArena } from './name-arena.js';
import { mayBeSimilar, nameSimilarity } from './name-similarity.js';
import { prepareAccount, type PreparedAccount } from './prepared-account.js';
import { bestNameScore, explainNameEvidence, minimumNameSimilarity, scoreSameDomain, weighNameEvidence, type NameEvidence } from './score-pair.js';
import { SlotSet } from './slot-set.js';
import { TextKeyedSlots } from './text-keyed-slots.js';

const NO_DOMAINS: ReadonlySet<string> = new Set();
const NO_SLOTS: readonly number[] = [];

/** An index's name structures in shared memory: what a replica on another thread searches (see `replica`). */
export interface SharedAccountNames {
  names: SharedIntMultimap;
  chars: SharedNameArena;
  domains: SharedIntMultimap;
}

/** A vendor account weighed against the partner account being matched. */
interface ScoredCandidate {
  vendor: PreparedAccount;
  vendorDomain: string | undefined;
  evidence: NameEvidence;
}

/**
 * The vendor accounts, indexed for matching partner accounts one at a time. Accounts can be added, replaced
 * and removed one by one, so a long-running process keeps it current instead of rebuilding it.
 *
 * A partner account matches by registrable domain when a vendor account has its domain — every vendor
 * account on that domain, since a tie on the domain is the same company entered twice. Otherwise it matches by
 * name: its best vendor account only, and only when no other company scores within AMBIGUITY_MARGIN of it.
 * Several partner accounts may match one vendor account (the partner's own duplicates).
 */
export class AccountIndex {
  readonly #options: ResolvedMatchOptions;
  readonly #accounts: (PreparedAccount | undefined)[] = [];
  /** Each slot's name without spaces, apart from the accounts so that turning a candidate down reads little memory. */
  #nameChars = new NameArena();
  /** The name of the partner account being matched, as code units like the vendors' names. */
  readonly #query = new NameArena();
  readonly #slotsById: TextKeyedSlots;
  readonly #freeSlots: number[] = [];
  #slotsByDomain: TextKeyedSlots;
  /** Whether a domain with several accounts is a platform (many different companies); forgotten when it changes. */
  readonly #platforms = new Map<string, boolean>();
  /** Scratch: the slots on one domain. */
  readonly #onDomain: number[] = [];
  #names: NameIndex;
  readonly #candidates = new SlotSet();
  /** A replica (`replica`): its names are another thread's; accounts arrive with their slots (`place`). */
  #replica = false;
  /** Whether a replica has its names (`useSharedNames`) and so can match. */
  #hasNames = true;

  constructor(options: MatchOptions = {}) {
    this.#options = resolveMatchOptions(options);
    this.#names = new NameIndex(this.#options.blockLimit, this.#options.expectedAccounts);
    this.#slotsById = new TextKeyedSlots((slot) => this.#accounts[slot]?.id, this.#options.expectedAccounts);
    this.#slotsByDomain = new TextKeyedSlots((slot) => this.#accounts[slot]?.domain, this.#options.expectedAccounts);
  }

  /**
   * An index for another thread that matches like an original one without building the name index again,
   * the largest part of the work: the accounts come with the slots the original gave them (`addBatch`, then
   * `place` here), the name structures once the original is complete (`shareNames`, then `useSharedNames`).
   */
  static replica(options: MatchOptions = {}): AccountIndex {
    const index = new AccountIndex({ ...options, expectedAccounts: 0 });
    index.#replica = true;
    index.#hasNames = false;
    return index;
  }

  /** A replica's name structures, shared by the original (`shareNames`); it can match from now on. */
  useSharedNames(shared: SharedAccountNames): void {
    if (!this.#replica) throw new Error('useSharedNames() is for replicas (AccountIndex.replica)');
    this.#names = new NameIndex(this.#options.blockLimit, 0, shared.names);
    this.#nameChars = NameArena.fromShared(shared.chars);
    this.#slotsByDomain = new TextKeyedSlots((slot) => this.#accounts[slot]?.domain, 0, shared.domains);
    this.#hasNames = true;
  }

  get size(): number {
    return this.#replica ? this.#accounts.length : this.#slotsById.size;
  }

  get threshold(): number {
    return this.#options.threshold;
  }

  get(id: string): PreparedAccount | undefined {
    return this.#accounts[this.#slotsById.firstSlotOf(id)];
  }

  /** Adds a vendor account, or replaces the one with the same id; true when it replaced one. */
  add(record: AccountRecord): boolean {
    return this.addPrepared(prepareAccount(record));
  }

  /** The same as `add`: an account with a known id replaces the old one. */
  update(record: AccountRecord): boolean {
    return this.add(record);
  }

  /** Adds accounts as `addPrepared` does, writing the slot each took into `slots`; returns how many replaced one. */
  addBatch(accounts: readonly PreparedAccount[], slots: Int32Array): number {
    let replaced = 0;
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i];
      if (account === undefined) continue;
      // remove() refuses a replica.
      if (this.remove(account.id)) replaced += 1;
      slots[i] = this.#insert(account);
    }
    return replaced;
  }

  /**
   * Moves the name structures into shared memory and returns them for replicas (`useSharedNames`). From then on
   * this index must not change while a replica is in use.
   */
  shareNames(): SharedAccountNames {
    return { names: this.#names.share(), chars: this.#nameChars.share(), domains: this.#slotsByDomain.share() };
  }

  /** A replica's accounts, in the slots the original gave them (`addBatch`), a later one replacing an earlier. */
  place(accounts: readonly PreparedAccount[], slots: Int32Array): void {
    if (!this.#replica) throw new Error('place() is for replicas (AccountIndex.replica); use addPrepared');
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i];
      const slot = slots[i] ?? -1;
      if (account !== undefined && slot >= 0) this.#accounts[slot] = account;
    }
  }

  addPrepared(account: PreparedAccount): boolean {
    // remove() refuses a replica.
    const replaced = this.remove(account.id);
    this.#insert(account);
    return replaced;
  }

  /** Puts an account whose id is not in the index into a free slot; returns the slot. */
  #insert(account: PreparedAccount): number {
    const slot = this.#freeSlots.pop() ?? this.#accounts.length;
    this.#accounts[slot] = account;
    this.#nameChars.set(slot, account.compact);
    this.#slotsById.add(account.id, slot);
    if (account.domain !== undefined) {
      this.#slotsByDomain.add(account.domain, slot);
      if (this.#platforms.size > 0) this.#platforms.delete(account.domain);
    }
    this.#names.add(slot, account);
    return slot;
  }

  /** Removes a vendor account; false when there was none with this id. */
  remove(id: string): boolean {
    if (this.#replica) throw new Error('a replica (AccountIndex.replica) takes its accounts by place()');
    const slot = this.#slotsById.firstSlotOf(id);
    const account = this.#accounts[slot];
    if (account === undefined) return false;
    this.#slotsById.delete(id, slot);
    this.#accounts[slot] = undefined;
    this.#nameChars.clear(slot);
    this.#freeSlots.push(slot);
    if (account.domain !== undefined) {
      this.#slotsByDomain.delete(account.domain, slot);
      this.#platforms.delete(account.domain);
    }
    this.#names.remove(slot, account);
    return true;
  }

  /** The vendor accounts a partner account matches, best first; none when nothing reaches the threshold. */
  match(partner: AccountRecord): AccountMatch[] {
    return this.matchPrepared(prepareAccount(partner));
  }

  /**
   * As `match`, for a prepared account. `sharedDomains` are platform domains found in the partner's own file
   * (SharedPlatformDetector); they are no key on either side.
   */
  matchPrepared(partner: PreparedAccount, sharedDomains: ReadonlySet<string> = NO_DOMAINS): AccountMatch[] {
    if (!this.#hasNames) throw new Error('this replica has no names yet (useSharedNames)');
    const own = partner.domain === undefined || sharedDomains.has(partner.domain) ? undefined : partner.domain;
    // One look-up for both questions: is it a platform, and which vendor accounts are on it.
    const slots = own === undefined ? NO_SLOTS : this.#slotsOn(own);
    const domain = own === undefined || this.#isPlatform(own, slots) ? undefined : own;
    if (domain !== undefined && slots.length > 0) {
      const byDomain = this.#matchByDomain(partner, domain, slots);
      if (byDomain.length > 0) return byDomain;
    }
    return this.#matchByName(partner, domain, sharedDomains);
  }

  /** Makes matching faster after many accounts were added at once (a bulk load); optional. */
  compact(): void {
    // Ids are looked up only when accounts change; names and domains by every match.
    this.#names.compact();
    this.#slotsByDomain.compact();
  }

  #matchByDomain(partner: PreparedAccount, domain: string, slots: readonly number[]): AccountMatch[] {
    const matches: AccountMatch[] = [];
    for (const slot of slots) {
      const vendor = this.#accounts[slot];
      if (vendor === undefined) continue;
      const { score, reason } = scoreSameDomain(vendor, partner, domain);
      if (score >= this.#options.threshold) matches.push({ vendorId: vendor.id, partnerId: partner.id, score, reason });
    }
    return matches.sort(byScoreThenVendorId);
  }

  #matchByName(partner: PreparedAccount, partnerDomain: string | undefined, sharedDomains: ReadonlySet<string>): AccountMatch[] {
    // What the partner account carries bounds what any name match can score; often that settles it at once.
    const bestScore = bestNameScore(partner);
    if (bestScore < this.#options.threshold) return [];
    const floor = minimumNameSimilarity(this.#options.threshold, bestScore);
    const candidates = this.#candidates;
    candidates.clear();
    this.#query.set(0, partner.compact);
    const scored: ScoredCandidate[] = [];
    // Same name first; the typo search only when no account of the same name is a match. It costs more, and a
    // typo-close name rarely scores within the ambiguity margin of an equal one.
    this.#names.collectSameName(partner, candidates);
    this.#scoreCandidates(partner, partnerDomain, sharedDomains, floor, 0, scored);
    const sameName = this.#decide(partner, scored);
    // One typo must be affordable: in a name of n letters it costs 1/n of similarity.
    if (sameName !== undefined || 1 - 1 / partner.compact.length < floor) return sameName ?? [];
    const seen = candidates.slots.length;
    this.#names.collectSimilarNames(partner, candidates);
    this.#scoreCandidates(partner, partnerDomain, sharedDomains, floor, seen, scored);
    return this.#decide(partner, scored) ?? [];
  }

  /** Weighs the candidates from position `from` on whose names could reach `floor`, into `scored`. */
  #scoreCandidates(partner: PreparedAccount, partnerDomain: string | undefined, sharedDomains: ReadonlySet<string>, floor: number, from: number, scored: ScoredCandidate[]): void {
    const slots = this.#candidates.slots;
    for (let i = from; i < slots.length; i++) {
      const slot = slots[i] ?? -1;
      // The name alone first, from a plain list of names: most candidates end here without their account being read.
      const names = this.#nameChars;
      const query = this.#query;
      if (!mayBeSimilar(query.chars, query.startOf(0), query.lengthOf(0), names.chars, names.startOf(slot), names.lengthOf(slot), floor)) continue;
      const vendor = this.#accounts[slot];
      if (vendor === undefined) continue;
      const similarity = nameSimilarity(vendor, partner, floor);
      if (similarity < floor || similarity === 0) continue;
      const vendorDomain = this.#companyDomain(vendor.domain, sharedDomains);
      // Pairs on one domain were judged by the domain already.
      if (partnerDomain !== undefined && vendorDomain === partnerDomain) continue;
      const evidence = weighNameEvidence(vendor, partner, similarity, { vendor: vendorDomain, partner: partnerDomain });
      scored.push({ vendor, vendorDomain, evidence });
    }
  }

  /**
   * The matches among scored candidates: the best, when it reaches the threshold and no other company comes
   * within AMBIGUITY_MARGIN of it ([] then); undefined when none reaches the threshold.
   */
  #decide(partner: PreparedAccount, scored: ScoredCandidate[]): AccountMatch[] | undefined {
    scored.sort((a, b) => b.evidence.score - a.evidence.score || compareText(a.vendor.id, b.vendor.id));
    const [best] = scored;
    if (best === undefined || best.evidence.score < this.#options.threshold) return undefined;
    const contenders = scored.filter((c) => c.evidence.score > best.evidence.score - AMBIGUITY_MARGIN);
    // Close contenders are fine when they are the same company (one domain); otherwise nobody can tell which it is.
    const sameCompany = contenders.every((c) => c.vendorDomain !== undefined && c.vendorDomain === best.vendorDomain);
    if (contenders.length > 1 && !sameCompany) return [];
    return contenders
      .filter((c) => c.evidence.score >= this.#options.threshold)
      .map(({ vendor, evidence }) => ({ vendorId: vendor.id, partnerId: partner.id, score: evidence.score, reason: explainNameEvidence(vendor, partner, evidence) }));
  }

  /** The domain as a company key: none when missing or used by many different companies (a platform). */
  #companyDomain(domain: string | undefined, sharedDomains: ReadonlySet<string>): string | undefined {
    if (domain === undefined || sharedDomains.has(domain)) return undefined;
    return this.#isPlatform(domain) ? undefined : domain;
  }

  /** The slots of the vendor accounts on `domain`, in a scratch list valid until the next call. */
  #slotsOn(domain: string): number[] {
    const slots = this.#onDomain;
    slots.length = 0;
    this.#slotsByDomain.slotsOf(domain, slots);
    return slots;
  }

  /** Whether `domain` is a platform; `slots`, the accounts on it, when already looked up. */
  #isPlatform(domain: string, slots: readonly number[] = this.#slotsOn(domain)): boolean {
    // Fewer accounts than that cannot be as many companies: the common case, answered without remembering.
    if (slots.length < SHARED_PLATFORM_THRESHOLD) return false;
    const known = this.#platforms.get(domain);
    if (known !== undefined) return known;
    const companies = new Set<string>();
    for (const slot of slots) {
      const account = this.#accounts[slot];
      if (account !== undefined) companies.add(firstWord(account.name));
      if (companies.size >= SHARED_PLATFORM_THRESHOLD) break;
    }
    const platform = companies.size >= SHARED_PLATFORM_THRESHOLD;
    this.#platforms.set(domain, platform);
    return platform;
  }
}

function byScoreThenVendorId(a: AccountMatch, b: AccountMatch): number {
  return b.score - a.score || compareText(a.vendorId, b.vendorId);
}
