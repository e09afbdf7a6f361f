import { randomBytes } from 'node:crypto';
import { HubSpotApiError } from './hubspot-errors.js';
import type { HubSpotPortal } from './hubspot-portal.js';

interface AccessToken {
  expiresAt: number | undefined;
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
}

/** Bearer tokens of a sandbox portal: a private-app token that never expires, and OAuth tokens that do. */
export class HubSpotAuth {
  readonly #portal: HubSpotPortal;
  readonly #tokens = new Map<string, AccessToken>();
  readonly #refreshTokens = new Set<string>();
  readonly app: OAuthApp;
  readonly privateAppToken: string;

  constructor(portal: HubSpotPortal) {
    this.#portal = portal;
    this.privateAppToken = `pat-na1-${randomBytes(16).toString('hex')}`;
    this.#tokens.set(this.privateAppToken, { expiresAt: undefined });
    this.app = { clientId: `client-${randomBytes(6).toString('hex')}`, clientSecret: randomBytes(16).toString('hex') };
  }

  /** A refresh token for the OAuth app, as an install would give. */
  issueRefreshToken(): string {
    const token = `na1-${randomBytes(12).toString('hex')}`;
    this.#refreshTokens.add(token);
    return token;
  }

  revokeRefreshToken(token: string): void {
    this.#refreshTokens.delete(token);
  }

  /** Exchanges a refresh token for a new 30-minute access token (HubSpot keeps the refresh token). */
  refresh(clientId: string, clientSecret: string, refreshToken: string): { access_token: string; refresh_token: string; expires_in: number; token_type: 'bearer' } {
    if (clientId !== this.app.clientId || clientSecret !== this.app.clientSecret) {
      throw new HubSpotApiError(400, { message: 'Invalid client id or secret', category: 'INVALID_CLIENT', status_code: 'BAD_CLIENT_ID' });
    }
    if (!this.#refreshTokens.has(refreshToken)) {
      throw new HubSpotApiError(400, { message: 'missing or unknown refresh token', category: 'BAD_REFRESH_TOKEN', status_code: 'BAD_REFRESH_TOKEN' });
    }
    const accessToken = `CJ${randomBytes(24).toString('base64url')}`;
    const ttl = this.#portal.settings.accessTokenTtlMs;
    this.#tokens.set(accessToken, { expiresAt: this.#portal.clock.now() + ttl });
    return { access_token: accessToken, refresh_token: refreshToken, expires_in: Math.floor(ttl / 1000), token_type: 'bearer' };
  }

  /** Checks an Authorization header; throws HubSpot's 401 for a missing, unknown or expired token. */
  check(authorization: string | undefined): void {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    const known = token === undefined ? undefined : this.#tokens.get(token);
    if (!known) {
      throw new HubSpotApiError(401, {
        message: 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
        category: 'INVALID_AUTHENTICATION',
      });
    }
    const now = this.#portal.clock.now();
    if (known.expiresAt !== undefined && known.expiresAt <= now) {
      const minutes = Math.max(1, Math.round((now - known.expiresAt) / 60_000));
      throw new HubSpotApiError(401, { message: `The OAuth token used to make this call expired ${String(minutes)} minute(s) ago.`, category: 'EXPIRED_AUTHENTICATION' });
    }
  }
}
