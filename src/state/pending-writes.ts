import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';
import { LuaCommand } from '../redis/lua-command.js';
import { joinLines, LUA_SPLIT_LINES } from '../redis/lua-lists.js';

/**
 * KEYS[1] sorted set: canonical id → when first marked (ms, plus 1/4096 per id before it in the call)
 * KEYS[2] hash: canonical id → version   ARGV[1] now (ms)   ARGV[2] canonical ids, one list (see lua-lists.ts)
 * Marks records as waiting to be written; a record marked again keeps its place in line but gets a new
 * version, so a write of the older version does not clear it. Returns the number of records waiting.
 * A few commands per thousand records (ZADD NX and HMGET/HSET of many), not a few per record. Each id of
 * a call gets its own score, in the order given, so records go out in the order their source read them
 * (ids of equal score would be ordered by their text).
 */
const MARK = `${LUA_SPLIT_LINES}
local ids = splitLines(ARGV[2])
local now = tonumber(ARGV[1])
local STEP = 1000
for from = 1, #ids, STEP do
  local to = math.min(#ids, from + STEP - 1)
  local order, bump, seen = {}, {}, {}
  local versions = redis.call('HMGET', KEYS[2], unpack(ids, from, to))
  for i = from, to do
    local id = ids[i]
    -- Exact in a double for times of this era: 2^-12 is the spacing of doubles near 2^40 ms.
    order[#order + 1] = now + (i - 1) / 4096
    order[#order + 1] = id
    -- An id named twice in one call still gets one new version (its older one is what matters).
    if not seen[id] then
      seen[id] = true
      bump[#bump + 1] = id
      bump[#bump + 1] = (tonumber(versions[i - from + 1]) or 0) + 1
    end
  end
  redis.call('ZADD', KEYS[1], 'NX', unpack(order))
  redis.call('HSET', KEYS[2], unpack(bump))
end
return redis.call('ZCARD', KEYS[1])
`;
const MARK_COMMAND = new LuaCommand('cosellPendingMark', 2, MARK);

/**
 * KEYS as MARK, KEYS[3] counter of records cleared   ARGV[1] canonical ids, ARGV[2] the versions written,
 * each one list (see lua-lists.ts)
 * Clears records whose version is still the one that was written; records changed meanwhile stay. The
 * counter only grows: it tells writes that land from writes that are stuck while more keep arriving.
 * Returns the number of records still waiting.
 */
const ACK = `${LUA_SPLIT_LINES}
local ids, written = splitLines(ARGV[1]), splitLines(ARGV[2])
local STEP = 1000
for from = 1, #ids, STEP do
  local to = math.min(#ids, from + STEP - 1)
  local versions = redis.call('HMGET', KEYS[2], unpack(ids, from, to))
  local done = {}
  for i = from, to do
    if versions[i - from + 1] == written[i] then done[#done + 1] = ids[i] end
  end
  if #done > 0 then
    redis.call('HDEL', KEYS[2], unpack(done))
    redis.call('ZREM', KEYS[1], unpack(done))
    redis.call('INCRBY', KEYS[3], #done)
  end
end
return redis.call('ZCARD', KEYS[1])
`;
const ACK_COMMAND = new LuaCommand('cosellPendingAck', 3, ACK);

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
    return Number(await MARK_COMMAND.run(this.#redis, this.#keys(connectionId, object), [now, joinLines(canonicalIds)]));
  }

  /**
   * The oldest `limit` waiting records with their versions (nothing is removed), leaving out the ids in
   * `taken` (records a pass is already writing: they are still waiting, and still first in line).
   */
  async peek(connectionId: string, object: string, limit: number, taken: ReadonlySet<string> = new Set()): Promise<PendingRecord[]> {
    const [order, versions] = this.#keys(connectionId, object);
    const listed = await this.#redis.zrange(order, 0, limit + taken.size - 1);
    const ids = taken.size === 0 ? listed : listed.filter((id) => !taken.has(id)).slice(0, limit);
    if (ids.length === 0) return [];
    const values = await this.#redis.hmget(versions, ...ids);
    return ids.map((canonicalId, index) => ({ canonicalId, version: values[index] ?? '0' }));
  }

  async ack(connectionId: string, object: string, written: readonly PendingRecord[]): Promise<number> {
    if (written.length === 0) return this.count(connectionId, object);
    const ids = joinLines(written.map((record) => record.canonicalId));
    return Number(await ACK_COMMAND.run(this.#redis, [...this.#keys(connectionId, object), this.#clearedKey(connectionId, object)], [ids, joinLines(written.map((record) => record.version))]));
  }

  /** How many records have been cleared after their write since this workspace began (only grows). */
  async cleared(connectionId: string, object: string): Promise<number> {
    return Number((await this.#redis.get(this.#clearedKey(connectionId, object))) ?? 0);
  }

  #clearedKey(connectionId: string, object: string): string {
    return stateKey(this.#prefix, 'pending', connectionId, object, 'cleared');
  }

  async count(connectionId: string, object: string): Promise<number> {
    return this.#redis.zcard(this.#keys(connectionId, object)[0]);
  }
}
