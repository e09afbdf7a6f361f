import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';
import { LuaCommand } from '../redis/lua-command.js';
import { joinLines, LUA_SPLIT_LINES } from '../redis/lua-lists.js';
import { createdKey } from './tombstones.js';

/**
 * KEYS[1] set: intents   ARGV[1] canonical ids, one list (see lua-lists.ts)
 * Opens an intent for each id. Returns the ids whose intent was open already: an earlier attempt upserted
 * them and never settled (it was interrupted after, or during, its call).
 */
const OPEN = `${LUA_SPLIT_LINES}
local ids = splitLines(ARGV[1])
local earlier = {}
local STEP = 1000
for from = 1, #ids, STEP do
  local to = math.min(#ids, from + STEP - 1)
  local open = redis.call('SMISMEMBER', KEYS[1], unpack(ids, from, to))
  for i = from, to do
    if open[i - from + 1] == 1 then earlier[#earlier + 1] = ids[i] end
  end
  redis.call('SADD', KEYS[1], unpack(ids, from, to))
end
return earlier
`;
const OPEN_COMMAND = new LuaCommand('cosellCreateIntentsOpen', 1, OPEN);

/**
 * KEYS[1] set: intents   KEYS[2] set: records the engine created   ARGV[1] canonical ids, one list
 * Records whose copy was read back while their intent was open are the engine's: each such id moves from the
 * intents to the created records. Returns how many moved.
 */
const CLAIM = `${LUA_SPLIT_LINES}
local moved = 0
for _, id in ipairs(splitLines(ARGV[1])) do
  if redis.call('SREM', KEYS[1], id) == 1 then
    redis.call('SADD', KEYS[2], id)
    moved = moved + 1
  end
end
return moved
`;
const CLAIM_COMMAND = new LuaCommand('cosellCreateIntentsClaim', 2, CLAIM);

/**
 * Upserts by external id that may create records, per connection and object, from just before the CRM call
 * until their outcome is committed. A write interrupted in between (a crash, Redis lost, an answer never
 * received) leaves its intent open, so the retry, which finds the record by its external id and hears
 * "updated", still knows the engine made it and may delete it when its origin goes (see removal-pass.ts).
 */
export class CreateIntents {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
    OPEN_COMMAND.defineOn(redis);
    CLAIM_COMMAND.defineOn(redis);
  }

  #key(connectionId: string, object: string): string {
    return stateKey(this.#prefix, 'creating', connectionId, object);
  }

  /** Opens intents before a call; returns the ids an earlier, interrupted attempt had left open. */
  async open(connectionId: string, object: string, canonicalIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (canonicalIds.length === 0) return new Set();
    const earlier = (await OPEN_COMMAND.run(this.#redis, [this.#key(connectionId, object)], [joinLines(canonicalIds)])) as string[];
    return new Set(earlier);
  }

  /**
   * Commits outcomes: `made` are recorded as created by the engine, and every id in `settled` (the records
   * written, `made` among them) leaves the intents. One transaction, so neither half is lost alone.
   */
  async settle(connectionId: string, object: string, made: readonly string[], settled: readonly string[]): Promise<void> {
    if (made.length === 0 && settled.length === 0) return;
    const transaction = this.#redis.multi();
    if (made.length > 0) transaction.sadd(createdKey(this.#prefix, connectionId, object), ...made);
    if (settled.length > 0) transaction.srem(this.#key(connectionId, object), ...settled);
    for (const [error] of (await transaction.exec()) ?? []) if (error) throw error;
  }

  /** Records read back from the CRM, first seen and carrying our canonical ids: those with an open intent are the engine's. */
  async claim(connectionId: string, object: string, canonicalIds: readonly string[]): Promise<number> {
    if (canonicalIds.length === 0) return 0;
    return (await CLAIM_COMMAND.run(this.#redis, [this.#key(connectionId, object), createdKey(this.#prefix, connectionId, object)], [joinLines(canonicalIds)])) as number;
  }

  /** Ids whose intent is still open. */
  async openIds(connectionId: string, object: string): Promise<string[]> {
    return this.#redis.smembers(this.#key(connectionId, object));
  }
}
