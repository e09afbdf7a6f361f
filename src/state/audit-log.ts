import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';

/** One entry of the audit stream: who did what, when and why. */
export interface AuditEntry {
  /** The actor: `engine`, `admin:<name>`, `partner:<id>`. */
  who: string;
  /** What happened, e.g. `write hubspot northwind companies 12345`. */
  what: string;
  /** Why: the rule, the job, the change that caused it. */
  why: string;
  /** Related ids (canonical, CRM, job), for lookups. */
  refs?: Record<string, string>;
}

export interface StoredAuditEntry extends AuditEntry {
  id: string;
  /** ISO 8601 UTC. */
  at: string;
}

/** Every write and decision, appended to a capped Redis stream (the newest ~1,000,000 entries). */
export class AuditLog {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #maxLen: number;

  constructor(redis: Redis, prefix: string, maxLen = 1_000_000) {
    this.#redis = redis;
    this.#key = stateKey(prefix, 'audit');
    this.#maxLen = maxLen;
  }

  async append(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = new Date().toISOString();
    const pipeline = this.#redis.pipeline();
    for (const entry of entries) {
      pipeline.xadd(this.#key, 'MAXLEN', '~', this.#maxLen, '*', 'at', at, 'who', entry.who, 'what', entry.what, 'why', entry.why, 'refs', JSON.stringify(entry.refs ?? {}));
    }
    await pipeline.exec();
  }

  /** The newest entries first. */
  async latest(count = 50): Promise<StoredAuditEntry[]> {
    const rows = await this.#redis.xrevrange(this.#key, '+', '-', 'COUNT', count);
    return rows.map(([id, flat]) => {
      const fields = new Map<string, string>();
      for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i] ?? '', flat[i + 1] ?? '');
      const refs: unknown = JSON.parse(fields.get('refs') ?? '{}');
      return {
        id,
        at: fields.get('at') ?? '',
        who: fields.get('who') ?? '',
        what: fields.get('what') ?? '',
        why: fields.get('why') ?? '',
        refs: typeof refs === 'object' && refs !== null ? Object.fromEntries(Object.entries(refs).map(([k, v]) => [k, String(v)])) : {},
      };
    });
  }
}
