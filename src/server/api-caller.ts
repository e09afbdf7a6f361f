import { timingSafeEqual } from 'node:crypto';
import { apiKeyIssues } from '../config/api-key-checks.js';
import type { Secret } from '../config/secret.js';
import { credentialsMatch, digest, type AdminCredentials } from './admin-auth.js';

/** Who called the API: the admin (Basic auth, the dashboard's login) or one partner (its own API key). */
export type ApiCaller = { kind: 'admin' } | { kind: 'partner'; partnerId: string };

/** Why a request has no caller: no credentials at all, or credentials that match nobody. */
export type CallerRefusal = { kind: 'anonymous' } | { kind: 'refused'; reason: string };

/** A partner's key as the workspace resolves it (`partners[].apiKey`). */
export interface PartnerKeyEntry {
  id: string;
  apiKey?: Secret | undefined;
}

/**
 * The partners' API keys. Checked again here (loading the workspace checks them first): each long enough,
 * no two alike.
 */
export class PartnerKeys {
  readonly #keys: { partnerId: string; digest: Buffer }[];

  constructor(partners: readonly PartnerKeyEntry[]) {
    const issues = apiKeyIssues(partners);
    if (issues.length > 0) {
      throw new Error(`partner API keys refused: ${issues.map((i) => `partners[${i.index}].apiKey: expected ${i.expected}; found ${i.found}`).join('; ')}`);
    }
    this.#keys = partners.flatMap((partner) => (partner.apiKey ? [{ partnerId: partner.id, digest: digest(partner.apiKey.reveal()) }] : []));
  }

  /**
   * The partner whose key this is. Every key is compared, in constant time and without stopping at a
   * match, so the time taken says nothing about which key (or how much of one) was right.
   */
  partnerFor(key: string): string | undefined {
    const given = digest(key);
    let found: string | undefined;
    for (const entry of this.#keys) {
      if (timingSafeEqual(entry.digest, given)) found = entry.partnerId;
    }
    return found;
  }
}

/**
 * Reads the `Authorization` header: `Basic <base64 user:password>` for the admin, `Bearer <key>` for a
 * partner. Anything else, or credentials that match nobody, is refused (never guessed at).
 */
export function identifyCaller(
  authorization: string | undefined,
  admin: AdminCredentials,
  partnerKeys: PartnerKeys,
): ApiCaller | CallerRefusal {
  if (authorization === undefined || authorization.trim() === '') return { kind: 'anonymous' };
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(authorization);
  const scheme = match?.[1]?.toLowerCase();
  const credentials = match?.[2];
  if (scheme === undefined || credentials === undefined) {
    return { kind: 'refused', reason: 'the Authorization header is not "Bearer <API key>" or "Basic <credentials>"' };
  }
  if (scheme === 'bearer') {
    const partnerId = partnerKeys.partnerFor(credentials);
    return partnerId === undefined ? { kind: 'refused', reason: 'the API key is not valid' } : { kind: 'partner', partnerId };
  }
  if (scheme === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { kind: 'refused', reason: 'the Basic credentials are not "username:password" in base64' };
    return credentialsMatch(admin, decoded.slice(0, colon), decoded.slice(colon + 1))
      ? { kind: 'admin' }
      : { kind: 'refused', reason: 'wrong admin username or password' };
  }
  // The scheme is not echoed: a client that mangled its header might have put the key there.
  return { kind: 'refused', reason: 'the Authorization scheme is not accepted; use "Bearer <API key>" or "Basic <credentials>"' };
}
