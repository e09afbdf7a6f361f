import { Connection, OAuth2 } from 'jsforce';
import type { SalesforceConnection } from '../../src/config/connection-schema.js';
import type { Resolved } from '../../src/config/resolve-secrets.js';
import type { StoredToken } from '../shared/shared-token-store.js';
import { SalesforceTokenResponse } from './raw-shapes.js';

type Settings = Resolved<SalesforceConnection>;

/**
 * One fresh login with the connection's credentials, whatever the flow. `rotatedRefreshToken` is the
 * refresh token a previous refresh handed back, when the org rotates them (it replaces the configured one).
 * - username-password: the OAuth username-password flow when a client id and secret are configured, else the
 *   SOAP `login` call (what jsforce does without an OAuth client); the security token follows the password.
 * - refresh-token: https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_refresh_token_flow.htm
 * - client-credentials: https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm
 *   (the login URL must be the org's My Domain).
 */
export async function loginOnce(settings: Settings, rotatedRefreshToken: string | undefined): Promise<StoredToken> {
  const auth = settings.auth;
  const issuedAt = Date.now();
  if (auth.type === 'username-password') {
    const password = auth.password.reveal() + (auth.securityToken?.reveal() ?? '');
    if (auth.clientId !== undefined && auth.clientSecret !== undefined) {
      const oauth2 = new OAuth2({ loginUrl: settings.loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret.reveal() });
      return fromTokenResponse(await oauth2.authenticate(auth.username, password), issuedAt, undefined);
    }
    const conn = new Connection({ loginUrl: settings.loginUrl, version: settings.apiVersion });
    await conn.login(auth.username, password);
    return { accessToken: conn.accessToken ?? '', instanceUrl: conn.instanceUrl, issuedAt };
  }
  const oauth2 = new OAuth2({ loginUrl: settings.loginUrl, clientId: auth.clientId, ...(auth.clientSecret ? { clientSecret: auth.clientSecret.reveal() } : {}) });
  if (auth.type === 'refresh-token') {
    const refreshToken = rotatedRefreshToken ?? auth.refreshToken.reveal();
    return fromTokenResponse(await oauth2.refreshToken(refreshToken), issuedAt, refreshToken);
  }
  return fromTokenResponse(await oauth2.requestToken({ grant_type: 'client_credentials' }), issuedAt, undefined);
}

function fromTokenResponse(raw: unknown, issuedAt: number, previousRefreshToken: string | undefined): StoredToken {
  const token = SalesforceTokenResponse.parse(raw);
  const refreshToken = token.refresh_token ?? previousRefreshToken;
  return { accessToken: token.access_token, instanceUrl: token.instance_url, issuedAt, ...(refreshToken === undefined ? {} : { refreshToken }) };
}

/** OAuth error names and SOAP fault codes that mean the credentials themselves were refused. */
const REFUSALS = new Set(['invalid_grant', 'invalid_client', 'invalid_client_id', 'unauthorized_client', 'inactive_user', 'inactive_org', 'INVALID_LOGIN', 'LOGIN_MUST_USE_SECURITY_TOKEN', 'INVALID_OPERATION_WITH_EXPIRED_PASSWORD', 'API_DISABLED_FOR_ORG']);

/**
 * The refusal code of a failed login, or undefined when the failure may pass (network, 5xx). jsforce names
 * OAuth errors by their `error` field and puts a SOAP fault's code at the start of the message.
 */
export function refusalCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (REFUSALS.has(error.name)) return error.name;
  const soapCode = /^([A-Z_]+):/.exec(error.message)?.[1];
  if (soapCode !== undefined && REFUSALS.has(soapCode)) return soapCode;
  if (/password has expired/i.test(error.message)) return 'INVALID_OPERATION_WITH_EXPIRED_PASSWORD';
  return undefined;
}
