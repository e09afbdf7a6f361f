import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Deferral } from '../queues/job-deferral.js';
import { stateKey } from '../redis/key-prefix.js';

/** KEYS[1] lock   ARGV[1] owner   ARGV[2] ms. Extends the lock if still owned. Returns 1 or 0. */
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
/** KEYS[1] lock   ARGV[1] owner. Releases the lock if still owned. Returns 1 or 0. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * A write pass's lock lives this long unless extended. Its holder extends it every third of that (keepAlive),
 * so a crashed holder holds up its target's writes for at most this long after its last extension.
 */
export const WRITE_PASS_LOCK_MS = 15_000;

/** Another write pass of the same target is running: this job waits a moment (no attempt spent). */
export class WritePassBusyError extends Error implements Deferral {
  override readonly name = 'WritePassBusyError';
  readonly deferMs: number;

  constructor(target: string, deferMs: number) {
    super(`a write pass of ${target} is already running; this one waits ${String(deferMs)} ms and picks up what is left`);
    this.deferMs = deferMs;
  }
}

/**
 * One write pass at a time per connection and object, across all worker processes: two passes would both
 * take the same waiting records and write them twice (twice the API calls, half the throughput under a
 * rate limit). A pass finding the lock taken defers; the running pass takes everything waiting until none is
 * left, and the deferred one picks up whatever arrived after.
 */
export class WriteLock {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #target: string;
  readonly #owner = randomUUID();
  readonly #lockMs: number;

  constructor(redis: Redis, prefix: string, connectionId: string, object: string, lockMs = WRITE_PASS_LOCK_MS) {
    this.#redis = redis;
    this.#key = stateKey(prefix, 'writelock', connectionId, object);
    this.#target = `${connectionId} ${object}`;
    this.#lockMs = lockMs;
  }

  /** Takes the lock or throws WritePassBusyError (which defers the job by `retryMs`). */
  async acquire(retryMs: number): Promise<void> {
    const taken = await this.#redis.set(this.#key, this.#owner, 'PX', this.#lockMs, 'NX');
    if (taken !== 'OK') throw new WritePassBusyError(this.#target, retryMs);
  }

  /** Keeps the lock while the pass works (called between batches). False when it was lost meanwhile. */
  async extend(): Promise<boolean> {
    return Number(await this.#redis.eval(EXTEND, 1, this.#key, this.#owner, this.#lockMs)) === 1;
  }

  /**
   * Keeps the lock for work with no natural points to extend it at (account mapping building its indexes):
   * extended every third of its life until `stop`. `onLost` hears once if it expired anyway (the process
   * stalled longer than the lock lives, Redis lost it) and another holder may be running. A failed extension
   * (Redis unreachable for a moment) is tried again at the next tick, which tells whether the lock outlived it.
   */
  keepAlive(onLost: () => void): { stop(): void } {
    let stopped = false;
    const timer = setInterval(() => {
      this.extend().then(
        (held) => {
          if (held || stopped) return;
          stopped = true;
          clearInterval(timer);
          onLost();
        },
        () => undefined,
      );
    }, Math.max(10, Math.floor(this.#lockMs / 3)));
    timer.unref();
    return {
      stop: () => {
        stopped = true;
        clearInterval(timer);
      },
    };
  }

  async release(): Promise<void> {
    await this.#redis.eval(RELEASE, 1, this.#key, this.#owner);
  }
}
