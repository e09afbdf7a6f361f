import type { AccountMatch } from './account-match.js';
import type { AccountRecord } from './account-record.js';
import { firstWord, SHARED_PLATFORM_THRESHOLD } from './domain-key.js';
import { resolveMatchOptions, type MatchOptions, type ResolvedMatchOptions } from './match-options.js';
import { AMBIGUITY_MARGIN } from './match-weights.js';
import { NameIndex } from './name-index.js';
import { NameArena } from './name-arena.js';
import { mayBeSimilar, nameSimilarity } from './name-similarity.js';
import { prepareAccount, type PreparedAccount } from './prepared-account.js';
import { bestNameScore, explainNameEvidence, minimumNameSimilarity, scoreSameDomain, weighNameEvidence, type NameEvidence } from './score-pair.js';
import { SlotSet } from './slot-set.js';

/** The vendor accounts on one registrable domain. */
interface DomainGroup {
  slots: number[];
  /** Whether it is a platform (many different companies); computed when asked, forgotten when the group changes. */
  platform: boolean | undefined;
}

const NO_DOMAINS: ReadonlySet<string> = new Set();

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
  readonly #nameChars = new NameArena();
  /** The name of the partner account being matched, as code units like the vendors' names. */
  readonly #query = new NameArena();
  readonly #slotById = new Map<string, number>();
  readonly #freeSlots: number[] = [];
  readonly #byDomain = new Map<string, DomainGroup>();
  readonly #names: NameIndex;
  readonly #candidates = new SlotSet();

  constructor(options: MatchOptions = {}) {
    this.#options = resolveMatchOptions(options);
    this.#names = new NameIndex(this.#options.blockLimit, this.#options.expectedAccounts);
  }

  get size(): number {
    return this.#slotById.size;
  }

  get threshold(): number {
    return this.#options.threshold;
  }

  get(id: string): PreparedAccount | undefined {
    const slot = this.#slotById.get(id);
    return slot === undefined ? undefined : this.#accounts[slot];
  }

  /** Adds a vendor account, or replaces the one with the same id; true when it replaced one. */
  add(record: AccountRecord): boolean {
    return this.addPrepared(prepareAccount(record));
  }

  /** The same as `add`: an account with a known id replaces the old one. */
  update(record: AccountRecord): boolean {
    return this.add(record);
  }

  addPrepared(account: PreparedAccount): boolean {
    const replaced = this.remove(account.id);
    const slot = this.#freeSlots.pop() ?? this.#accounts.length;
    this.#accounts[slot] = account;
    this.#nameChars.set(slot, account.compact);
    this.#slotById.set(account.id, slot);
    if (account.domain !== undefined) {
      const group = this.#byDomain.get(account.domain);
      if (group) {
        group.slots.push(slot);
        group.platform = undefined;
      } else this.#byDomain.set(account.domain, { slots: [slot], platform: false });
    }
    this.#names.add(slot, account);
    return replaced;
  }

  /** Removes a vendor account; false when there was none with this id. */
  remove(id: string): boolean {
    const slot = this.#slotById.get(id);
    if (slot === undefined) return false;
    const account = this.#accounts[slot];
    this.#slotById.delete(id);
    this.#accounts[slot] = undefined;
    this.#nameChars.clear(slot);
    this.#freeSlots.push(slot);
    if (account === undefined) return true;
    if (account.domain !== undefined) {
      const group = this.#byDomain.get(account.domain);
      if (group) {
        group.slots = group.slots.filter((s) => s !== slot);
        group.platform = undefined;
        if (group.slots.length === 0) this.#byDomain.delete(account.domain);
      }
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
    const group = partner.domain === undefined ? undefined : this.#byDomain.get(partner.domain);
    const domain = this.#companyDomain(partner.domain, sharedDomains, group);
    if (domain !== undefined && group !== undefined) {
      const byDomain = this.#matchByDomain(partner, domain, group);
      if (byDomain.length > 0) return byDomain;
    }
    return this.#matchByName(partner, domain, sharedDomains);
  }

  /** Makes matching faster after many accounts were added at once (a bulk load); optional. */
  compact(): void {
    this.#names.compact();
  }

  #matchByDomain(partner: PreparedAccount, domain: string, group: DomainGroup): AccountMatch[] {
    const matches: AccountMatch[] = [];
    for (const slot of group.slots) {
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
    scored.sort((a, b) => b.evidence.score - a.evidence.score || compareIds(a.vendor.id, b.vendor.id));
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
  #companyDomain(domain: string | undefined, sharedDomains: ReadonlySet<string>, group = domain === undefined ? undefined : this.#byDomain.get(domain)): string | undefined {
    if (domain === undefined || sharedDomains.has(domain)) return undefined;
    return group !== undefined && this.#isPlatform(group) ? undefined : domain;
  }

  #isPlatform(group: DomainGroup): boolean {
    if (group.platform !== undefined) return group.platform;
    const companies = new Set<string>();
    for (const slot of group.slots) {
      const account = this.#accounts[slot];
      if (account !== undefined) companies.add(firstWord(account.name));
      if (companies.size >= SHARED_PLATFORM_THRESHOLD) break;
    }
    group.platform = companies.size >= SHARED_PLATFORM_THRESHOLD;
    return group.platform;
  }
}

function byScoreThenVendorId(a: AccountMatch, b: AccountMatch): number {
  return b.score - a.score || compareIds(a.vendorId, b.vendorId);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
