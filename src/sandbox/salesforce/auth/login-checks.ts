import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Session } from './session-store.js';
import type { SandboxOrg } from '../sandbox-org.js';

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The user a username/password login names, when the password is the user's password with the security token
 * appended (as logins from outside trusted IP ranges must send it). Only the integration user has a password.
 */
export function checkPassword(org: SandboxOrg, username: string, password: string): string | undefined {
  const { credentials } = org;
  if (username.toLowerCase() !== credentials.username.toLowerCase()) return undefined;
  if (!same(password, credentials.password + credentials.securityToken)) return undefined;
  const user = org.store.get(org.integrationUserId);
  return user && user.values.IsActive === true ? user.id : undefined;
}

export type ClientCheck = 'ok' | 'unknown-client' | 'bad-secret';

/** Checks a connected app's id and (when given or required) its secret. */
export function checkClient(org: SandboxOrg, clientId: string | undefined, clientSecret: string | undefined, secretRequired: boolean): ClientCheck {
  if (clientId === undefined || !same(clientId, org.credentials.clientId)) return 'unknown-client';
  if (clientSecret === undefined) return secretRequired ? 'bad-secret' : 'ok';
  return same(clientSecret, org.credentials.clientSecret) ? 'ok' : 'bad-secret';
}

/** The identity URL of a user: `<login URL>/id/<org id>/<user id>`. */
export function identityUrl(loginUrl: string, org: SandboxOrg, userId: string): string {
  return `${loginUrl}/id/${org.orgId}/${userId}`;
}

/**
 * A token response as the token endpoint writes it; `signature` is the Base64 HMAC-SHA256 of `id + issued_at`
 * keyed with the client secret, as Salesforce documents it.
 */
export function tokenResponse(
  org: SandboxOrg,
  session: Session,
  instanceUrl: string,
  extra: { refreshToken?: string; scope?: string } = {},
): Record<string, string> {
  const id = identityUrl(instanceUrl, org, session.userId);
  const issuedAt = String(session.issuedAt);
  const signature = createHmac('sha256', org.credentials.clientSecret).update(id + issuedAt).digest('base64');
  return {
    access_token: session.accessToken,
    ...(extra.refreshToken === undefined ? {} : { refresh_token: extra.refreshToken }),
    signature,
    ...(extra.scope === undefined ? {} : { scope: extra.scope }),
    instance_url: instanceUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}
