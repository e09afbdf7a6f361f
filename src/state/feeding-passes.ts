import type { Redis } from 'ioredis';
import type { WriteTarget } from '../engine/change-router.js';
import { stateKey } from '../redis/key-prefix.js';

/** How long a pass counts as feeding a target after it last routed a page there (a pass that died lapses). */
export const FEEDING_LIFETIME_MS = 60_000;

/**
 * Ingest passes routing changes into a target right now, per target connection and object: a sorted set of
 * run ids, each scored with when it lapses (renewed by every page the pass routes there). A queued write pass
 * holds back a partial last batch while one is live: the pass feeding it brings more, and flushes the target
 * when it ends. A pass that died without saying so stops counting after FEEDING_LIFETIME_MS.
 */
export class FeedingPasses {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  #key(connectionId: string, object: string): string {
    return stateKey(this.#prefix, 'feeding', connectionId, object);
  }

  /** The pass `runId` routed a page into these targets (now): it feeds them for another lifetime. */
  async feed(targets: readonly WriteTarget[], runId: string, now = Date.now()): Promise<void> {
    if (targets.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const target of targets) {
      const key = this.#key(target.connectionId, target.object);
      // Passes that lapsed (their process died) leave with the next one's page.
      pipeline.zremrangebyscore(key, '-inf', now);
      pipeline.zadd(key, now + FEEDING_LIFETIME_MS, runId);
      pipeline.pexpire(key, FEEDING_LIFETIME_MS);
    }
    await execAll(pipeline);
  }

  /** The pass `runId` ended: it feeds these targets no more. */
  async done(targets: readonly WriteTarget[], runId: string): Promise<void> {
    if (targets.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const target of targets) pipeline.zrem(this.#key(target.connectionId, target.object), runId);
    await execAll(pipeline);
  }

  /** Whether a pass is feeding the target now. */
  async live(connectionId: string, object: string, now = Date.now()): Promise<boolean> {
    return (await this.#redis.zcount(this.#key(connectionId, object), `(${String(now)}`, '+inf')) > 0;
  }
}

async function execAll(pipeline: ReturnType<Redis['pipeline']>): Promise<void> {
  for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
}
