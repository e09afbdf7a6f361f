import type { HubSpotPortal } from './hubspot-portal.js';
import { HubSpotApiError } from './hubspot-errors.js';

const TEN_SECONDS = 10_000;
const ONE_SECOND = 1_000;

/** A rolling window of call times. */
class RollingWindow {
  readonly #times: number[] = [];
  #head = 0;

  count(now: number, windowMs: number): number {
    while (this.#head < this.#times.length && (this.#times[this.#head] ?? 0) <= now - windowMs) this.#head += 1;
    if (this.#head > 4096) {
      this.#times.splice(0, this.#head);
      this.#head = 0;
    }
    return this.#times.length - this.#head;
  }

  oldest(): number | undefined {
    return this.#times[this.#head];
  }

  add(now: number): void {
    this.#times.push(now);
  }
}

/**
 * HubSpot's limits as a portal applies them: a rolling 10-second limit and a daily one for the API, and a
 * lower per-second limit for search (whose answers carry no rate-limit headers). Over a limit: 429 with
 * HubSpot's body; Retry-After only when the portal is set to send it.
 */
export class HubSpotRateLimiter {
  readonly #portal: HubSpotPortal;
  readonly #interval = new RollingWindow();
  readonly #search = new RollingWindow();
  #day = '';
  #dailyUsed = 0;

  constructor(portal: HubSpotPortal) {
    this.#portal = portal;
  }

  /** Counts one call; returns the headers to send, or throws the 429. */
  take(kind: 'api' | 'search', now = Date.now()): Record<string, string> {
    const limits = this.#portal.settings.rateLimits;
    const day = new Date(now).toISOString().slice(0, 10);
    if (day !== this.#day) {
      this.#day = day;
      this.#dailyUsed = 0;
    }
    if (this.#dailyUsed >= limits.daily) {
      throw this.#limited('You have reached your daily limit.', 'DAILY', msUntilMidnight(now));
    }
    if (kind === 'search') {
      if (this.#search.count(now, ONE_SECOND) >= limits.searchPerSecond) {
        throw this.#limited('You have reached your secondly limit.', 'SECONDLY', (this.#search.oldest() ?? now) + ONE_SECOND - now);
      }
      this.#search.add(now);
      this.#dailyUsed += 1;
      return {};
    }
    const used = this.#interval.count(now, TEN_SECONDS);
    if (used >= limits.perTenSeconds) {
      throw this.#limited('You have reached your ten_secondly_rolling limit.', 'TEN_SECONDLY_ROLLING', (this.#interval.oldest() ?? now) + TEN_SECONDS - now, used);
    }
    this.#interval.add(now);
    this.#dailyUsed += 1;
    return {
      'x-hubspot-ratelimit-daily': String(limits.daily),
      'x-hubspot-ratelimit-daily-remaining': String(Math.max(0, limits.daily - this.#dailyUsed)),
      'x-hubspot-ratelimit-interval-milliseconds': String(TEN_SECONDS),
      'x-hubspot-ratelimit-max': String(limits.perTenSeconds),
      'x-hubspot-ratelimit-remaining': String(Math.max(0, limits.perTenSeconds - used - 1)),
      'x-hubspot-ratelimit-secondly': String(Math.ceil(limits.perTenSeconds / 10)),
      'x-hubspot-ratelimit-secondly-remaining': String(Math.max(0, Math.ceil(limits.perTenSeconds / 10) - 1)),
    };
  }

  #limited(message: string, policyName: string, waitMs: number, used?: number): HubSpotApiError {
    const limits = this.#portal.settings.rateLimits;
    const headers: Record<string, string> = {};
    if (policyName === 'TEN_SECONDLY_ROLLING') {
      headers['x-hubspot-ratelimit-interval-milliseconds'] = String(TEN_SECONDS);
      headers['x-hubspot-ratelimit-max'] = String(limits.perTenSeconds);
      headers['x-hubspot-ratelimit-remaining'] = String(Math.max(0, limits.perTenSeconds - (used ?? limits.perTenSeconds)));
    }
    if (limits.retryAfterHeader) headers['retry-after'] = String(Math.max(1, Math.ceil(waitMs / 1000)));
    return new HubSpotApiError(429, { message, category: 'RATE_LIMITS', errorType: 'RATE_LIMIT', policyName, groupName: `api-calls:${String(this.#portal.portalId)}` }, headers);
  }
}

function msUntilMidnight(now: number): number {
  const next = new Date(now);
  next.setUTCHours(24, 0, 0, 0);
  return next.getTime() - now;
}
