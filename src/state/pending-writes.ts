import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';
import { LuaCommand } from '../redis/lua-command.js';

/**
 * KEYS[1] sorted set: canonical id → when first marked   KEYS[2] hash: canonical id → version
 * ARGV[1] now (ms)   ARGV[2..] canonical ids
 * Marks records as waiting to be written; a record marked again keeps its place in line but gets a new
 * version, so a write of the older version does not clear it. Returns the number of records waiting.
 */
const MARK = `
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[i])
  redis.call('HINCRBY', KEYS[2], ARGV[i], 1)
end
return redis.call('ZCARD', KEYS[1])
`;
const MARK_COMMAND = new LuaCommand('cosellPendingMark', 2, MARK);

/**
 * KEYS as MARK   ARGV[1..] pairs of canonical id, version
 * Clears records whose version is still the one that was written; records changed meanwhile stay.
 * Returns the number of records still waiting.
 */
const ACK = `
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[i + 1] then
    redis.call('HDEL', KEYS[2], ARGV[i])
    redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return redis.call('ZCARD', KEYS[1])
`;
const ACK_COMMAND = new LuaCommand('cosellPendingAck', 2, ACK);

export interface PendingRecord {
  canonicalId: string;
  version: string;
}

/**
 * Records waiting to be written to one connection's object. Changes are coalesced here and written in
 * full batches; a batch is cleared only after it is committed, and only for records that did not change
 * again meanwhile (no lost update), so a crash mid-batch leaves everything to be written again.
 */
export class PendingWrites {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  #keys(connectionId: string, object: string): [string, string] {
    return [stateKey(this.#prefix, 'pending', connectionId, object), stateKey(this.#prefix, 'pending', connectionId, object, 'v')];
  }

  async mark(connectionId: string, object: string, canonicalIds: readonly string[], now = Date.now()): Promise<number> {
    if (canonicalIds.length === 0) return this.count(connectionId, object);
    return Number(await MARK_COMMAND.run(this.#redis, this.#keys(connectionId, object), [now, ...canonicalIds]));
  }

  /** The oldest `limit` waiting records with their versions (nothing is removed). */
  async peek(connectionId: string, object: string, limit: number): Promise<PendingRecord[]> {
    const [order, versions] = this.#keys(connectionId, object);
    const ids = await this.#redis.zrange(order, 0, limit - 1);
    if (ids.length === 0) return [];
    const values = await this.#redis.hmget(versions, ...ids);
    return ids.map((canonicalId, index) => ({ canonicalId, version: values[index] ?? '0' }));
  }

  async ack(connectionId: string, object: string, written: readonly PendingRecord[]): Promise<number> {
    if (written.length === 0) return this.count(connectionId, object);
    const args = written.flatMap((record) => [record.canonicalId, record.version]);
    return Number(await ACK_COMMAND.run(this.#redis, this.#keys(connectionId, object), args));
  }

  async count(connectionId: string, object: string): Promise<number> {
    return this.#redis.zcard(this.#keys(connectionId, object)[0]);
  }
}
