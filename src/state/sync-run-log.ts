import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';

export const RUN_COUNTERS = ['read', 'written', 'unchanged', 'failed', 'apiCalls'] as const;
export type RunCounter = (typeof RUN_COUNTERS)[number];

export interface SyncRun {
  id: string;
  connectionId: string;
  object: string;
  trigger: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  endedAt: string | undefined;
  error: string | undefined;
  counts: Record<RunCounter, number>;
}

/** How many runs the dashboard keeps; older ones are trimmed as new ones start. */
const KEEP_RUNS = 1_000;

/**
 * Sync runs as the dashboard shows them: start, end, and read / written / unchanged / failed counts and
 * API calls. Counters are incremented in Redis, so pages processed by several workers add up.
 */
export class SyncRunLog {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  #runKey(id: string): string {
    return stateKey(this.#prefix, 'run', id);
  }

  #indexKey(): string {
    return stateKey(this.#prefix, 'runs');
  }

  async start(connectionId: string, object: string, trigger: string): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    const zeros = Object.fromEntries(RUN_COUNTERS.map((c) => [c, 0]));
    const stale = await this.#redis
      .multi()
      .hset(this.#runKey(id), { connectionId, object, trigger, status: 'running', startedAt: now.toISOString(), ...zeros })
      .zadd(this.#indexKey(), now.getTime(), id)
      .zrange(this.#indexKey(), 0, -(KEEP_RUNS + 1))
      .zremrangebyrank(this.#indexKey(), 0, -(KEEP_RUNS + 1))
      .exec();
    const trimmed = stale?.[2]?.[1];
    if (Array.isArray(trimmed) && trimmed.length > 0) {
      await this.#redis.del(...trimmed.map((old) => this.#runKey(String(old))));
    }
    return id;
  }

  async count(id: string, counts: Partial<Record<RunCounter, number>>): Promise<void> {
    const pipeline = this.#redis.pipeline();
    for (const [counter, value] of Object.entries(counts)) if (value) pipeline.hincrby(this.#runKey(id), counter, value);
    await pipeline.exec();
  }

  async finish(id: string, outcome: { error?: string } = {}): Promise<void> {
    await this.#redis.hset(this.#runKey(id), {
      status: outcome.error === undefined ? 'succeeded' : 'failed',
      endedAt: new Date().toISOString(),
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
    });
  }

  async get(id: string): Promise<SyncRun | undefined> {
    const raw = await this.#redis.hgetall(this.#runKey(id));
    if (!raw.startedAt) return undefined;
    const status = raw.status === 'succeeded' || raw.status === 'failed' ? raw.status : 'running';
    return {
      id,
      connectionId: raw.connectionId ?? '',
      object: raw.object ?? '',
      trigger: raw.trigger ?? '',
      status,
      startedAt: raw.startedAt,
      endedAt: raw.endedAt,
      error: raw.error,
      counts: {
        read: Number(raw.read ?? 0),
        written: Number(raw.written ?? 0),
        unchanged: Number(raw.unchanged ?? 0),
        failed: Number(raw.failed ?? 0),
        apiCalls: Number(raw.apiCalls ?? 0),
      },
    };
  }

  /** The newest runs first. */
  async latest(limit = 20): Promise<SyncRun[]> {
    const ids = await this.#redis.zrevrange(this.#indexKey(), 0, limit - 1);
    const runs = await Promise.all(ids.map((id) => this.get(id)));
    return runs.filter((run): run is SyncRun => run !== undefined);
  }
}
