import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';

/** HubSpot retries deliveries for up to three days; remember event ids a little longer. */
const REMEMBER_SECONDS = 4 * 24 * 3600;

/** Drops webhook events already accepted (HubSpot delivers at least once and retries on timeouts). */
export class WebhookDeduplicator {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  /** Returns the ids not seen before and remembers them (SET NX per id, one round trip). */
  async firstSeen(source: string, eventIds: readonly string[]): Promise<Set<string>> {
    const pipeline = this.#redis.pipeline();
    for (const id of eventIds) pipeline.set(stateKey(this.#prefix, 'webhook-seen', source, id), '1', 'EX', REMEMBER_SECONDS, 'NX');
    const results = (await pipeline.exec()) ?? [];
    return new Set(eventIds.filter((_, index) => results[index]?.[1] === 'OK'));
  }

  /** Forgets ids whose jobs could not be enqueued, so HubSpot's retry is accepted. */
  async forget(source: string, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.#redis.del(...eventIds.map((id) => stateKey(this.#prefix, 'webhook-seen', source, id)));
  }
}
