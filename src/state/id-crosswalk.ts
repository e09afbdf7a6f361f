import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';

/**
 * KEYS[1]  hash crm id → canonical id     KEYS[2]  hash canonical id → crm id
 * ARGV[1]  canonical id   ARGV[2]  crm id
 * Links both ways in one step, dropping the stale reverse entries of an id that pointed elsewhere (a
 * re-link after a merge), so the two directions never disagree.
 * Returns  1 when something changed, 0 when the link already existed.
 */
const LINK = `
local previousCanonical = redis.call('HGET', KEYS[1], ARGV[2])
local previousCrm = redis.call('HGET', KEYS[2], ARGV[1])
if previousCanonical == ARGV[1] and previousCrm == ARGV[2] then return 0 end
if previousCanonical and previousCanonical ~= ARGV[1] then redis.call('HDEL', KEYS[2], previousCanonical) end
if previousCrm and previousCrm ~= ARGV[2] then redis.call('HDEL', KEYS[1], previousCrm) end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
`;

/** KEYS as LINK; ARGV[1] crm id. Removes the link of a deleted CRM record both ways. Returns 1 or 0. */
const UNLINK = `
local canonical = redis.call('HGET', KEYS[1], ARGV[1])
if not canonical then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HGET', KEYS[2], canonical) == ARGV[1] then redis.call('HDEL', KEYS[2], canonical) end
return 1
`;

/** Links each canonical record to its copy in every CRM connection: (connection, object, crm id) ⇄ canonical id. */
export class IdCrosswalk {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  #keys(connectionId: string, object: string): [string, string] {
    return [
      stateKey(this.#prefix, 'xw', connectionId, object, 'crm'),
      stateKey(this.#prefix, 'xw', connectionId, object, 'canonical'),
    ];
  }

  async link(connectionId: string, object: string, canonicalId: string, crmId: string): Promise<boolean> {
    return (await this.#redis.eval(LINK, 2, ...this.#keys(connectionId, object), canonicalId, crmId)) === 1;
  }

  /** Links many pairs of one connection's object in one round trip. */
  async linkMany(connectionId: string, object: string, pairs: readonly { canonicalId: string; crmId: string }[]): Promise<void> {
    if (pairs.length === 0) return;
    const keys = this.#keys(connectionId, object);
    const pipeline = this.#redis.pipeline();
    for (const pair of pairs) pipeline.eval(LINK, 2, ...keys, pair.canonicalId, pair.crmId);
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) if (error) throw error;
  }

  async unlink(connectionId: string, object: string, crmId: string): Promise<boolean> {
    return (await this.#redis.eval(UNLINK, 2, ...this.#keys(connectionId, object), crmId)) === 1;
  }

  /** Canonical ids of CRM ids, in input order (undefined where not linked). */
  async canonicalIds(connectionId: string, object: string, crmIds: readonly string[]): Promise<(string | undefined)[]> {
    if (crmIds.length === 0) return [];
    const values = await this.#redis.hmget(this.#keys(connectionId, object)[0], ...crmIds);
    return values.map((value) => value ?? undefined);
  }

  /** CRM ids of canonical ids, in input order (undefined where that CRM has no copy). */
  async crmIds(connectionId: string, object: string, canonicalIds: readonly string[]): Promise<(string | undefined)[]> {
    if (canonicalIds.length === 0) return [];
    const values = await this.#redis.hmget(this.#keys(connectionId, object)[1], ...canonicalIds);
    return values.map((value) => value ?? undefined);
  }
}
