import type { Redis } from 'ioredis';

/**
 * A sliding-window request limiter shared by every worker process through Redis: at most `max` calls per
 * `windowMs` for one connection (HubSpot's per-10-second limit, its per-second search limit). Taking a
 * slot is one Lua script, so two processes can never both take the last one.
 *
 * KEYS[1]  sorted set of call timestamps for this connection and window
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

export interface WindowLimit {
  max: number;
  windowMs: number;
}

/**
 * Calls reach the CRM a little after they leave, by varying amounts: a slot freed at the exact edge of our
 * window can land inside the CRM's count of the call it replaces. Holding each slot this much longer keeps
 * the CRM's own count under the limit (it costs 1% of a 10-second window).
 */
const EDGE_MARGIN_MS = 100;

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

  /** Takes a slot if one is free now; returns 0, or how long to wait before asking again. */
  async tryTake(now = Date.now()): Promise<number> {
    this.#sequence += 1;
    const member = `${now}-${process.pid}-${this.#sequence}-${Math.random().toString(36).slice(2, 8)}`;
    const wait = await this.#redis.eval(TAKE_SLOT, 1, this.#key, now, this.#limit.windowMs + EDGE_MARGIN_MS, this.#limit.max, member);
    return Number(wait);
  }

  /**
   * Waits until a slot is free and takes it. A wait longer than `maxWaitMs` is not spent holding a worker:
   * `onLongWait` is called with it (to defer the job instead), so one throttled connection never blocks others.
   */
  async take(signal?: AbortSignal, maxWaitMs = Number.POSITIVE_INFINITY, onLongWait?: (waitMs: number) => never): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const wait = await this.tryTake();
      if (wait === 0) return;
      if (wait > maxWaitMs && onLongWait) onLongWait(wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
