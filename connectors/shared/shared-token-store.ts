import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface StoredToken {
  accessToken: string;
  /** Salesforce's instance URL, which a token refresh may change. */
  instanceUrl?: string | undefined;
  /** A rotated refresh token, when the CRM returns a new one. */
  refreshToken?: string | undefined;
  issuedAt: number;
  /** When the access token stops working (epoch ms), when the CRM says. */
  expiresAt?: number | undefined;
}

/**
 * KEYS[1] lock key   ARGV[1] owner token
 * Deletes the lock only if this process still owns it. Returns 1 when released, 0 otherwise.
 */
const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const LOCK_MS = 30_000;
const POLL_MS = 100;

/**
 * OAuth tokens of one connection, shared by every worker process through Redis. When a token expires,
 * exactly one process refreshes it (under a Redis lock); the others wait for and reuse the new token, so
 * N workers make one refresh call, not N (CRMs rate-limit and sometimes revoke on refresh storms).
 */
export class SharedTokenStore {
  readonly #redis: Redis;
  readonly #key: string;

  constructor(redis: Redis, key: string) {
    this.#redis = redis;
    this.#key = key;
  }

  async current(): Promise<StoredToken | undefined> {
    const raw = await this.#redis.get(this.#key);
    if (raw === null) return undefined;
    const parsed = JSON.parse(raw) as Partial<StoredToken>;
    return typeof parsed.accessToken === 'string' && typeof parsed.issuedAt === 'number'
      ? {
          accessToken: parsed.accessToken,
          instanceUrl: parsed.instanceUrl,
          refreshToken: parsed.refreshToken,
          issuedAt: parsed.issuedAt,
          expiresAt: parsed.expiresAt,
        }
      : undefined;
  }

  async save(token: StoredToken): Promise<void> {
    await this.#redis.set(this.#key, JSON.stringify(token));
  }

  /**
   * Returns a token newer than `staleAccessToken`: the one another process already stored, or a fresh one
   * from `refresh` (called by at most one process at a time across the fleet).
   */
  async refreshOnce(staleAccessToken: string | undefined, refresh: () => Promise<StoredToken>): Promise<StoredToken> {
    const lockKey = `${this.#key}:refresh-lock`;
    const owner = randomUUID();
    const deadline = Date.now() + LOCK_MS * 2;
    for (;;) {
      const stored = await this.current();
      if (stored && stored.accessToken !== staleAccessToken) return stored;
      const locked = await this.#redis.set(lockKey, owner, 'PX', LOCK_MS, 'NX');
      if (locked === 'OK') {
        try {
          // Another process may have finished a refresh between our read and our lock.
          const latest = await this.current();
          if (latest && latest.accessToken !== staleAccessToken) return latest;
          const fresh = await refresh();
          await this.save(fresh);
          return fresh;
        } finally {
          await this.#redis.eval(RELEASE_LOCK, 1, lockKey, owner);
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`token refresh for ${this.#key} did not finish within ${LOCK_MS * 2} ms (another process holds the lock)`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
