import { randomBytes } from 'node:crypto';
import type { SandboxClock } from '../sandbox-clock.js';

export interface Session {
  accessToken: string;
  userId: string;
  /** The connected app that asked for it (undefined for SOAP logins). */
  clientId: string | undefined;
  issuedAt: number;
  lastUsedAt: number;
}

interface AuthorizationCode {
  userId: string;
  clientId: string;
  redirectUri: string | undefined;
  expiresAt: number;
}

const CODE_LIFETIME_MS = 15 * 60 * 1000;

const token = (bytes: number): string => randomBytes(bytes).toString('base64url');

/**
 * Access tokens (sessions that expire after a period without requests), refresh tokens (valid until revoked,
 * the connected app's default policy) and one-time authorization codes.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, { userId: string; clientId: string }>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly clock: SandboxClock;
  private readonly orgId15: string;
  private readonly ttl: () => number;

  constructor(clock: SandboxClock, orgId: string, ttl: () => number) {
    this.clock = clock;
    this.orgId15 = orgId.slice(0, 15);
    this.ttl = ttl;
  }

  /** A new session; its token looks like Salesforce's: `<org id>!<opaque>`. */
  issue(userId: string, clientId: string | undefined): Session {
    const now = this.clock.now();
    const session: Session = { accessToken: `${this.orgId15}!AQ${token(72)}`, userId, clientId, issuedAt: now, lastUsedAt: now };
    this.sessions.set(session.accessToken, session);
    return session;
  }

  /** The live session of a token, refreshing its idle timer; undefined when unknown, revoked or expired. */
  authenticate(accessToken: string): Session | undefined {
    const session = this.sessions.get(accessToken);
    if (!session) return undefined;
    const now = this.clock.now();
    if (now - session.lastUsedAt >= this.ttl()) {
      this.sessions.delete(accessToken);
      return undefined;
    }
    session.lastUsedAt = now;
    return session;
  }

  revoke(value: string): boolean {
    const session = this.sessions.delete(value);
    const refresh = this.refreshTokens.delete(value);
    return session || refresh;
  }

  /** Ends every session at once (refresh tokens stay valid), as a forced logout or an org-wide timeout would. */
  expireAll(): void {
    this.sessions.clear();
  }

  issueRefreshToken(userId: string, clientId: string): string {
    const value = `5Aep${token(60)}`;
    this.refreshTokens.set(value, { userId, clientId });
    return value;
  }

  /** The user a refresh token belongs to, if it is valid for this client. */
  redeemRefreshToken(value: string, clientId: string): string | undefined {
    const entry = this.refreshTokens.get(value);
    return entry && entry.clientId === clientId ? entry.userId : undefined;
  }

  issueCode(userId: string, clientId: string, redirectUri: string | undefined): string {
    const value = `aPrx${token(40)}`;
    this.codes.set(value, { userId, clientId, redirectUri, expiresAt: this.clock.now() + CODE_LIFETIME_MS });
    return value;
  }

  /** A code is good once, for the client and redirect URI it was issued to, for 15 minutes. */
  redeemCode(value: string, clientId: string, redirectUri: string | undefined): string | undefined {
    const code = this.codes.get(value);
    this.codes.delete(value);
    if (!code || code.clientId !== clientId || code.expiresAt < this.clock.now()) return undefined;
    if (code.redirectUri !== undefined && code.redirectUri !== redirectUri) return undefined;
    return code.userId;
  }
}
