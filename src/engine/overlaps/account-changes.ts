import type { Redis } from 'ioredis';
import { stateKey } from '../../redis/key-prefix.js';

/** Entries kept (one per committed page of changed accounts): far more than a day of changes between matching runs. */
const MAX_ENTRIES = 200_000;
const READ_CHUNK = 1_000;

export interface AccountChange {
  /** The stream entry id: changes are applied in this order, and a reader remembers the last it took. */
  id: string;
  connectionId: string;
  canonicalIds: string[];
}

/**
 * The accounts that changed or went, in the order they were committed, for account mapping: every worker
 * process keeps its matching index current by reading what came after the entry it last applied, and each
 * partner's overlaps are re-evaluated for the accounts changed since its own last run. A Redis stream:
 * append-only, shared by all processes, trimmed to a bounded length (a reader left behind the trimmed part
 * rebuilds from the canonical store instead).
 */
export class AccountChanges {
  readonly #redis: Redis;
  readonly #key: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#key = stateKey(prefix, 'account-changes');
  }

  async append(connectionId: string, canonicalIds: readonly string[]): Promise<void> {
    if (canonicalIds.length === 0) return;
    await this.#redis.xadd(this.#key, 'MAXLEN', '~', MAX_ENTRIES, '*', 'c', connectionId, 'ids', canonicalIds.join(','));
  }

  /** The newest entry's id ('0-0' for an empty stream): what a reader has seen once it has read up to here. */
  async head(): Promise<string> {
    const last = await this.#redis.xrevrange(this.#key, '+', '-', 'COUNT', 1);
    return last[0]?.[0] ?? '0-0';
  }

  /**
   * The changes after `afterId` up to `untilId`, or `undefined` when entries after `afterId` were trimmed
   * away (the reader must start over from the full state).
   */
  async readBetween(afterId: string, untilId: string): Promise<AccountChange[] | undefined> {
    if (afterId !== '0-0' && (await this.#trimmedPast(afterId))) return undefined;
    const changes: AccountChange[] = [];
    let from = `(${afterId}`;
    for (;;) {
      const entries = await this.#redis.xrange(this.#key, from, untilId, 'COUNT', READ_CHUNK);
      for (const [id, fields] of entries) changes.push(toChange(id, fields));
      const last = entries.at(-1);
      if (!last || entries.length < READ_CHUNK) return changes;
      from = `(${last[0]}`;
    }
  }

  /** True when the oldest entry kept is newer than the one after `afterId` could have been. */
  async #trimmedPast(afterId: string): Promise<boolean> {
    const first = await this.#redis.xrange(this.#key, '-', '+', 'COUNT', 1);
    const oldest = first[0]?.[0];
    if (oldest === undefined) return false;
    // Trimming removed entries up to just before `oldest`; the reader's last entry must still be there.
    return compareIds(oldest, afterId) > 0 && (await this.#redis.xrange(this.#key, afterId, afterId)).length === 0;
  }
}

function toChange(id: string, fields: string[]): AccountChange {
  const value = (name: string): string => fields[fields.indexOf(name) + 1] ?? '';
  return { id, connectionId: value('c'), canonicalIds: value('ids').split(',').filter((s) => s !== '') };
}

function compareIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs === bMs ? aSeq - bSeq : aMs - bMs;
}
