import type { Redis } from 'ioredis';
import type { ApiBudget } from './crm-connector.js';
import { BudgetExhaustedError } from './deferral-errors.js';

export interface ObservedUsage {
  used: number;
  limit: number;
  observedAt: string;
}

/**
 * The API usage each connection's CRM last reported (Salesforce `Sforce-Limit-Info`, HubSpot
 * `X-HubSpot-RateLimit-Daily(-Remaining)`), kept in Redis so every worker process sees the latest
 * observation and all stop together once the connection's allowed share is spent.
 */
export class ApiUsageStore {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #connectionId: string;
  /** Share of the daily limit this connection may spend (0..1). */
  readonly #share: number;

  constructor(redis: Redis, key: string, connectionId: string, share: number) {
    if (!(share > 0 && share <= 1)) throw new TypeError(`budget share ${share}: expected a number in (0, 1]`);
    this.#redis = redis;
    this.#key = key;
    this.#connectionId = connectionId;
    this.#share = share;
  }

  async record(used: number, limit: number, observedAt = new Date()): Promise<void> {
    await this.#redis.hset(this.#key, { used, limit, observedAt: observedAt.toISOString() });
  }

  async read(): Promise<ObservedUsage | undefined> {
    const stored = await this.#redis.hgetall(this.#key);
    const used = Number(stored.used);
    const limit = Number(stored.limit);
    if (!stored.observedAt || !Number.isFinite(used) || !Number.isFinite(limit)) return undefined;
    return { used, limit, observedAt: stored.observedAt };
  }

  async budget(): Promise<ApiBudget> {
    const usage = await this.read();
    return {
      used: usage?.used ?? 0,
      limit: usage?.limit ?? 0,
      allowed: usage ? Math.floor(usage.limit * this.#share) : 0,
      window: 'daily',
      observedAt: usage?.observedAt,
    };
  }

  /**
   * Throws BudgetExhaustedError (which defers the job) when the last observation says the allowed share
   * is spent. Daily limits roll over a 24-hour window: wait an hour and look again.
   */
  async assertAvailable(): Promise<void> {
    const usage = await this.read();
    if (!usage) return;
    const allowed = Math.floor(usage.limit * this.#share);
    if (usage.used >= allowed) throw new BudgetExhaustedError(this.#connectionId, usage.used, allowed, 3_600_000);
  }
}
