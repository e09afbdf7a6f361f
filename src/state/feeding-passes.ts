import type { Redis } from 'ioredis';
import type { SyncObject } from '../config/schedule-schema.js';
import type { WriteTarget } from '../engine/change-router.js';
import { stateKey } from '../redis/key-prefix.js';

/** How long a pass counts as feeding a target after it last routed a page there (a pass that died lapses). */
export const FEEDING_LIFETIME_MS = 60_000;

/** A source of changes: one connection's object, read by ingest passes. */
export interface FeedingSource {
  connectionId: string;
  object: SyncObject;
}

/**
 * Ingest passes routing changes into a target right now, per target connection and object: a sorted set of
 * pass ids (the ingest job's id, the same for every attempt of it), each scored with when it lapses (renewed by
 * every page the pass routes there). A queued write pass holds back a partial last batch while one is live: the
 * pass feeding it brings more, and flushes the target when it ends. Each source also keeps the targets it has
 * ever fed, so a pass ends the feeding of every attempt of its job (one that died included) and flushes all of
 * them, even when it routed nothing itself. A pass that died without a retry stops counting after
 * FEEDING_LIFETIME_MS, and the next pass of its source flushes what it held.
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

  #targetsKey(source: FeedingSource): string {
    return stateKey(this.#prefix, 'feeds', source.connectionId, source.object);
  }

  /** The pass `passId` of `source` routed a page into these targets (now): it feeds them for another lifetime. */
  async feed(source: FeedingSource, targets: readonly WriteTarget[], passId: string, now = Date.now()): Promise<void> {
    if (targets.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const target of targets) {
      const key = this.#key(target.connectionId, target.object);
      // Passes that lapsed (their process died) leave with the next one's page.
      pipeline.zremrangebyscore(key, '-inf', now);
      pipeline.zadd(key, now + FEEDING_LIFETIME_MS, passId);
      pipeline.pexpire(key, FEEDING_LIFETIME_MS);
    }
    pipeline.sadd(this.#targetsKey(source), ...targets.map((target) => `${target.connectionId}\t${target.object}`));
    await execAll(pipeline);
  }

  /**
   * The pass `passId` of `source` ended: it feeds nothing any more. Returns every target the source has fed
   * (for the pass to flush: what write passes held back for it, or for an earlier attempt of it, goes now).
   */
  async done(source: FeedingSource, passId: string): Promise<WriteTarget[]> {
    const targets = (await this.#redis.smembers(this.#targetsKey(source))).flatMap((member): WriteTarget[] => {
      const [connectionId, object] = member.split('\t');
      return connectionId && object ? [{ connectionId, object: object as SyncObject }] : [];
    });
    if (targets.length === 0) return [];
    const pipeline = this.#redis.pipeline();
    for (const target of targets) pipeline.zrem(this.#key(target.connectionId, target.object), passId);
    await execAll(pipeline);
    return targets;
  }

  /** Whether a pass is feeding the target now. */
  async live(connectionId: string, object: string, now = Date.now()): Promise<boolean> {
    return (await this.#redis.zcount(this.#key(connectionId, object), `(${String(now)}`, '+inf')) > 0;
  }
}

async function execAll(pipeline: ReturnType<Redis['pipeline']>): Promise<void> {
  for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
}
