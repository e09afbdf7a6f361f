import type { Redis } from 'ioredis';
import { stateKey } from '../../redis/key-prefix.js';

/** A partner account's match: the vendor account (canonical id), its score and the reason. */
export interface StoredMatch {
  vendorId: string;
  score: number;
  reason: string;
}

/**
 * Each partner's current overlaps in Redis: per partner account its matches, and per vendor account the
 * partner accounts matched to it (to re-evaluate them when the vendor account changes), plus the account
 * changes each partner's overlaps are current up to. Written by account mapping only, one run at a time.
 */
export class OverlapStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  #byPartner(partnerId: string): string {
    return stateKey(this.#prefix, 'overlaps', partnerId, 'by-partner-account');
  }

  #byVendor(partnerId: string): string {
    return stateKey(this.#prefix, 'overlaps', partnerId, 'by-vendor-account');
  }

  #cursors(): string {
    return stateKey(this.#prefix, 'overlaps-cursor');
  }

  #reports(): string {
    return stateKey(this.#prefix, 'overlaps-report-at');
  }

  /** When the partner's report was last saved (ms), and whether changes since then wait for the next one. */
  async reportState(partnerId: string): Promise<{ savedAt: number; stale: boolean }> {
    const [savedAt, stale] = await this.#redis.hmget(this.#reports(), `${partnerId}:saved`, `${partnerId}:stale`);
    return { savedAt: Number(savedAt ?? 0), stale: stale === '1' };
  }

  async markReport(partnerId: string, state: { savedAt?: number; stale: boolean }): Promise<void> {
    await this.#redis.hset(this.#reports(), { [`${partnerId}:stale`]: state.stale ? '1' : '0', ...(state.savedAt === undefined ? {} : { [`${partnerId}:saved`]: String(state.savedAt) }) });
  }

  async cursor(partnerId: string): Promise<string | undefined> {
    return (await this.#redis.hget(this.#cursors(), partnerId)) ?? undefined;
  }

  async setCursor(partnerId: string, id: string): Promise<void> {
    await this.#redis.hset(this.#cursors(), partnerId, id);
  }

  async matchesOf(partnerId: string, partnerAccountIds: readonly string[]): Promise<StoredMatch[][]> {
    if (partnerAccountIds.length === 0) return [];
    const raw = await this.#redis.hmget(this.#byPartner(partnerId), ...partnerAccountIds);
    return raw.map((value) => (value === null ? [] : (JSON.parse(value) as StoredMatch[])));
  }

  /** The partner accounts matched to each of these vendor accounts. */
  async partnerAccountsOf(partnerId: string, vendorAccountIds: readonly string[]): Promise<string[][]> {
    if (vendorAccountIds.length === 0) return [];
    const raw = await this.#redis.hmget(this.#byVendor(partnerId), ...vendorAccountIds);
    return raw.map((value) => (value === null ? [] : (JSON.parse(value) as string[])));
  }

  /** Every partner account with a match (a partner's full run re-evaluates these too, to clear matches that went). */
  async matchedPartnerAccounts(partnerId: string): Promise<string[]> {
    return this.#redis.hkeys(this.#byPartner(partnerId));
  }

  async allMatches(partnerId: string): Promise<Map<string, StoredMatch[]>> {
    const raw = await this.#redis.hgetall(this.#byPartner(partnerId));
    return new Map(Object.entries(raw).map(([id, value]) => [id, JSON.parse(value) as StoredMatch[]]));
  }

  /** Forgets all of a partner's overlaps, its cursor and its report (it left account mapping: sharing `nothing`). */
  async forgetPartner(partnerId: string): Promise<void> {
    await this.#redis
      .multi()
      .del(this.#byPartner(partnerId), this.#byVendor(partnerId), stateKey(this.#prefix, 'overlaps', partnerId))
      .hdel(this.#cursors(), partnerId)
      .hdel(this.#reports(), `${partnerId}:saved`, `${partnerId}:stale`)
      .exec();
  }

  /**
   * Replaces the matches of some partner accounts (an empty list removes them) and keeps the vendor-side
   * index in step, in one transaction.
   */
  async replace(partnerId: string, changes: ReadonlyMap<string, { before: readonly StoredMatch[]; after: readonly StoredMatch[] }>): Promise<void> {
    if (changes.size === 0) return;
    const touchedVendors = new Set<string>();
    for (const { before, after } of changes.values()) for (const m of [...before, ...after]) touchedVendors.add(m.vendorId);
    const vendorIds = [...touchedVendors];
    const current = await this.partnerAccountsOf(partnerId, vendorIds);
    const partnersByVendor = new Map(vendorIds.map((id, index) => [id, new Set(current[index])]));
    for (const [partnerAccountId, { before, after }] of changes) {
      for (const m of before) partnersByVendor.get(m.vendorId)?.delete(partnerAccountId);
      for (const m of after) partnersByVendor.get(m.vendorId)?.add(partnerAccountId);
    }
    const multi = this.#redis.multi();
    for (const [partnerAccountId, { after }] of changes) {
      if (after.length === 0) multi.hdel(this.#byPartner(partnerId), partnerAccountId);
      else multi.hset(this.#byPartner(partnerId), partnerAccountId, JSON.stringify(after));
    }
    for (const [vendorId, partners] of partnersByVendor) {
      if (partners.size === 0) multi.hdel(this.#byVendor(partnerId), vendorId);
      else multi.hset(this.#byVendor(partnerId), vendorId, JSON.stringify([...partners].sort()));
    }
    await multi.exec();
  }
}
