import type { Secret } from '../../src/config/secret.js';
import { ReconnectRequiredError } from '../shared/deferral-errors.js';
import type { SharedTokenStore } from '../shared/shared-token-store.js';
import { HubSpotTokenResponse } from './raw-shapes.js';

/** Refresh this long before HubSpot's 30-minute tokens expire, so calls never meet an expired one. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * OAuth access tokens for one HubSpot connection, refreshed through /oauth/v1/token by exactly one worker
 * process at a time (the shared token store's lock) and shared with the others through Redis.
 * https://developers.hubspot.com/docs/api/oauth/refresh-access-token
 */
export class OAuthSession {
  readonly #baseUrl: string;
  readonly #connectionId: string;
  readonly #clientId: string;
  readonly #clientSecret: Secret;
  readonly #refreshToken: Secret;
  readonly #store: SharedTokenStore;
  #expiresAt = 0;
  #current: string | undefined;

  constructor(options: { baseUrl: string; connectionId: string; clientId: string; clientSecret: Secret; refreshToken: Secret; store: SharedTokenStore }) {
    this.#baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#connectionId = options.connectionId;
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#refreshToken = options.refreshToken;
    this.#store = options.store;
  }

  async accessToken(): Promise<string> {
    if (this.#current && Date.now() < this.#expiresAt - REFRESH_MARGIN_MS) return this.#current;
    const stored = await this.#store.current();
    if (stored?.expiresAt !== undefined && Date.now() < stored.expiresAt - REFRESH_MARGIN_MS) return this.#use(stored.accessToken, stored.expiresAt);
    return this.refresh(this.#current ?? stored?.accessToken);
  }

  /** Replaces `stale` with a fresh token (or the one another process just fetched). */
  async refresh(stale: string | undefined): Promise<string> {
    const token = await this.#store.refreshOnce(stale, async () => {
      const response = await fetch(`${this.#baseUrl}/oauth/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: this.#clientId, client_secret: this.#clientSecret.reveal(), refresh_token: this.#refreshToken.reveal() }),
      });
      const json: unknown = await response.json().catch(() => ({}));
      if (!response.ok) {
        const category = typeof json === 'object' && json !== null ? String(Reflect.get(json, 'category') ?? Reflect.get(json, 'status') ?? 'unknown') : 'unknown';
        throw new ReconnectRequiredError(this.#connectionId, category, 'the OAuth refresh token was refused');
      }
      const parsed = HubSpotTokenResponse.parse(json);
      const issuedAt = Date.now();
      return { accessToken: parsed.access_token, issuedAt, expiresAt: issuedAt + parsed.expires_in * 1000 };
    });
    return this.#use(token.accessToken, token.expiresAt ?? Date.now() + 60_000);
  }

  #use(token: string, expiresAt: number): string {
    this.#current = token;
    this.#expiresAt = expiresAt;
    return token;
  }
}
