import type { Redis } from 'ioredis';
import { LuaCommand } from '../../src/redis/lua-command.js';

/**
 * A sliding-window request limiter shared by every worker process through Redis: at most `max` calls per
 * `windowMs` for one connection (HubSpot's per-10-second limit, its per-second search limit). Taking a
 * slot is one Lua script, so two processes can never both take the last one.
 *
 * KEYS[1]  sorted set of call times for this connection and window
 * ARGV[1]  now (ms)      ARGV[2]  window (ms)      ARGV[3]  max calls per window
 * ARGV[4]  unique member for this call
 * Returns  0 when a slot was taken; otherwise the ms to wait before the oldest call leaves the window.
 */
const TAKE_SLOT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local max = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < max then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, window)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;
// Registered scripts (EVALSHA): every call of every connection takes a slot and moves it, so the script text
// is not sent and hashed by Redis each time.
const TAKE_SLOT_COMMAND = new LuaCommand('cosellTakeWindowSlot', 1, TAKE_SLOT);

/**
 * KEYS[1]  the same sorted set      ARGV[1]  now (ms)      ARGV[2]  window (ms)      ARGV[3]  the call's member
 * Moves the call's time to now (re-adding it if it already left the window: the call did happen). Returns 1.
 */
const ANSWERED = `
redis.call('ZADD', KEYS[1], tonumber(ARGV[1]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
`;
const ANSWERED_COMMAND = new LuaCommand('cosellWindowSlotAnswered', 1, ANSWERED);

export interface WindowLimit {
  max: number;
  windowMs: number;
}

/** A slot taken: its member in the window, or how long to wait before asking again. */
export type TakeResult = { slot: string; waitMs: 0 } | { slot?: undefined; waitMs: number };

/**
 * A slot is counted from the moment its call was answered (see `answered`): the CRM counted the call on
 * arrival, which is no later, so however long the call took to get there the CRM's own count stays under the
 * limit. This margin is only for a CRM whose window edge is coarser than a millisecond.
 */
const EDGE_MARGIN_MS = 20;

export class RequestWindowLimiter {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #limit: WindowLimit;
  #sequence = 0;

  constructor(redis: Redis, key: string, limit: WindowLimit) {
    if (!Number.isInteger(limit.max) || limit.max < 1) throw new TypeError(`limit.max ${limit.max}: expected a whole number ≥ 1`);
    if (!(limit.windowMs > 0)) throw new TypeError(`limit.windowMs ${limit.windowMs}: expected a positive number of ms`);
    this.#redis = redis;
    this.#key = key;
    this.#limit = limit;
  }

  /** Takes a slot if one is free now. */
  async tryTake(now = Date.now()): Promise<TakeResult> {
    this.#sequence += 1;
    const member = `${now}-${process.pid}-${this.#sequence}-${Math.random().toString(36).slice(2, 8)}`;
    const wait = Number(await TAKE_SLOT_COMMAND.run(this.#redis, [this.#key], [now, this.#limit.windowMs + EDGE_MARGIN_MS, this.#limit.max, member]));
    return wait === 0 ? { slot: member, waitMs: 0 } : { waitMs: wait };
  }

  /**
   * Waits until a slot is free and takes it; returns the slot, for `answered`. A wait longer than `maxWaitMs`
   * is not spent holding a worker: `onLongWait` is called with it (to defer the job instead), so one throttled
   * connection never blocks others.
   */
  async take(signal?: AbortSignal, maxWaitMs = Number.POSITIVE_INFINITY, onLongWait?: (waitMs: number) => never): Promise<string> {
    for (;;) {
      signal?.throwIfAborted();
      const taken = await this.tryTake();
      if (taken.slot !== undefined) return taken.slot;
      if (taken.waitMs > maxWaitMs && onLongWait) onLongWait(taken.waitMs);
      await new Promise((resolve) => setTimeout(resolve, taken.waitMs));
    }
  }

  /**
   * The slot's call got its answer (or failed): its time in the window becomes now. Until then it counted
   * from when it was taken, so a call in flight always holds its slot.
   */
  async answered(slot: string, now = Date.now()): Promise<void> {
    await ANSWERED_COMMAND.run(this.#redis, [this.#key], [now, this.#limit.windowMs + EDGE_MARGIN_MS, slot]);
  }
}
