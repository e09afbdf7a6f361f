import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../src/sandbox/salesforce/sandbox-clock.js';
import { CodeTokenResponse, ErrorArray, OAuthError, PasswordTokenResponse, RefreshTokenResponse } from './documented-shapes.js';
import { failure, oauthConnection, sandbox } from './sandbox-fixture.js';

async function token(url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, json: await response.json() };
}

describe('Salesforce sandbox authentication', () => {
  it('given no OAuth2 client, when jsforce logs in with username and password+token, then it uses SOAP login and can call the API', async () => {
    const target = await sandbox();
    const { username, password, securityToken } = target.credentials;
    const conn = new jsforce.Connection({ loginUrl: target.url, version: '62.0' });
    const user = await conn.login(username, password + securityToken);
    expect(user).toEqual({ id: target.integrationUserId, organizationId: target.orgId, url: `${target.url}/id/${target.orgId}/${target.integrationUserId}` });
    expect(conn.instanceUrl).toBe(target.url);
    expect(target.requests()).toEqual([]);
    await conn.query('SELECT Id FROM Account');
    expect(target.requests().map((request) => request.url)).toEqual(['/services/data/v62.0/query?q=SELECT%20Id%20FROM%20Account']);
    const sessionId = conn.accessToken ?? '';
    await conn.logout();
    const after = await fetch(`${target.url}/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${sessionId}` } });
    expect(after.status).toBe(401);
  });

  it('given a wrong password, when jsforce logs in over SOAP, then it fails with INVALID_LOGIN', async () => {
    const target = await sandbox();
    const conn = new jsforce.Connection({ loginUrl: target.url });
    const error = await failure(conn.login(target.credentials.username, target.credentials.password));
    expect(error.message).toBe('INVALID_LOGIN: Invalid username, password, security token; or user locked out.');
  });

  it('given a connected app, when jsforce logs in, then the username-password flow answers the documented token response', async () => {
    const target = await sandbox();
    const { username, password, securityToken, clientId, clientSecret } = target.credentials;
    const response = await token(target.url, { grant_type: 'password', client_id: clientId, client_secret: clientSecret, username, password: password + securityToken });
    expect(response.status).toBe(200);
    const body = PasswordTokenResponse.parse(response.json);
    expect(body.instance_url).toBe(target.url);
    expect(body.id).toBe(`${target.url}/id/${target.orgId}/${target.integrationUserId}`);
    const conn = await oauthConnection(target);
    expect(conn.instanceUrl).toBe(target.url);
    expect((await conn.identity()).username).toBe(username);
  });

  it.each([
    ['the password lacks the security token', { password: 'sandbox-password-1' }, 'invalid_grant', 'authentication failure'],
    ['the client id is unknown', { client_id: 'nope' }, 'invalid_client_id', 'client identifier invalid'],
    ['the client secret is wrong', { client_secret: 'nope' }, 'invalid_client', 'invalid client credentials'],
    ['the grant type is unknown', { grant_type: 'magic' }, 'unsupported_grant_type', 'grant type not supported'],
  ])('given %s, when a token is requested, then the token endpoint answers 400 with the documented error', async (_case, change, error, description) => {
    const target = await sandbox();
    const { username, password, securityToken, clientId, clientSecret } = target.credentials;
    const response = await token(target.url, { grant_type: 'password', client_id: clientId, client_secret: clientSecret, username, password: password + securityToken, ...change });
    expect(response.status).toBe(400);
    expect(OAuthError.parse(response.json)).toEqual({ error, error_description: description });
  });

  it('given client credentials in a Basic header, when the client-credentials grant is used, then a token for the integration user comes back', async () => {
    const target = await sandbox();
    const { clientId, clientSecret } = target.credentials;
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const response = await token(target.url, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    const body = RefreshTokenResponse.parse(response.json);
    const conn = new jsforce.Connection({ instanceUrl: body.instance_url, accessToken: body.access_token, version: '62.0' });
    expect((await conn.query('SELECT COUNT() FROM User')).totalSize).toBe(1);
  });

  it('given the web-server flow, when jsforce authorizes with the code, then it gets a refresh token and can refresh', async () => {
    const target = await sandbox();
    const { clientId, clientSecret } = target.credentials;
    const redirectUri = 'http://localhost/callback';
    const oauth2 = new jsforce.OAuth2({ loginUrl: target.url, clientId, clientSecret, redirectUri });
    const authorize = await fetch(oauth2.getAuthorizationUrl({ state: 'xyz' }), { redirect: 'manual' });
    expect(authorize.status).toBe(302);
    const location = new URL(authorize.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code') ?? '';
    const redeem = { grant_type: 'authorization_code', code, client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri };
    const first = await token(target.url, redeem);
    expect(CodeTokenResponse.parse(first.json).scope).toBe('refresh_token api');
    const second = await token(target.url, redeem);
    expect(second.status).toBe(400);
    expect(OAuthError.parse(second.json).error).toBe('invalid_grant');
    const again = await fetch(oauth2.getAuthorizationUrl({}), { redirect: 'manual' });
    const conn = new jsforce.Connection({ oauth2, version: '62.0' });
    await conn.authorize(new URL(again.headers.get('location') ?? '').searchParams.get('code') ?? '');
    expect(conn.refreshToken).toMatch(/^5Aep/);
    const refreshed = RefreshTokenResponse.parse(await oauth2.refreshToken(conn.refreshToken ?? ''));
    expect(refreshed.access_token).not.toBe(conn.accessToken);
    expect(CodeTokenResponse.safeParse(refreshed).success).toBe(false);
  });

  it('given an expired session and a refresh token, when jsforce calls the API, then it gets 401 INVALID_SESSION_ID, refreshes, and the call succeeds', async () => {
    const clock = new SandboxClock();
    clock.freeze(Date.UTC(2024, 0, 31, 10));
    const target = await sandbox({ clock, settings: { sessionTtlMs: 60_000 } });
    const { clientId, clientSecret, refreshToken } = target.credentials;
    const conn = new jsforce.Connection({ oauth2: { clientId, clientSecret, loginUrl: target.url }, instanceUrl: target.url, refreshToken, version: '62.0' });
    const refreshes: string[] = [];
    conn.on('refresh', (accessToken: string) => refreshes.push(accessToken));
    await conn.query('SELECT Id FROM Account');
    expect(refreshes).toHaveLength(1);
    const firstToken = conn.accessToken;

    clock.advance(59_999);
    await conn.query('SELECT Id FROM Account');
    expect(refreshes).toHaveLength(1);
    clock.advance(60_000);
    target.clearRequests();
    const result = await conn.query('SELECT Name FROM User');
    expect(result.records).toHaveLength(1);
    expect(refreshes).toHaveLength(2);
    expect(conn.accessToken).not.toBe(firstToken);
    expect(target.requests().map((request) => request.status)).toEqual([401, 200]);
  });

  it('given an expired session, when the API is called without a way to refresh, then it answers 401 with INVALID_SESSION_ID', async () => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    target.expireSessions();
    const response = await fetch(`${target.url}/services/data/v62.0/sobjects`, { headers: { authorization: `Bearer ${conn.accessToken ?? ''}` } });
    expect(response.status).toBe(401);
    expect(ErrorArray.parse(await response.json())).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const anonymous = await fetch(`${target.url}/services/data/v62.0/limits`);
    expect(anonymous.status).toBe(401);
  });

  it('given a username-password login, when the session expires, then jsforce logs in again by itself and the call succeeds', async () => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    target.expireSessions();
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(1);
  });

  it('given a revoked refresh token, when jsforce refreshes, then the refresh fails with invalid_grant', async () => {
    const target = await sandbox();
    const { clientId, clientSecret } = target.credentials;
    const refreshToken = target.issueRefreshToken();
    const revoke = await fetch(`${target.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshToken }).toString(),
    });
    expect(revoke.status).toBe(200);
    const oauth2 = new jsforce.OAuth2({ loginUrl: target.url, clientId, clientSecret });
    const error = await failure(oauth2.refreshToken(refreshToken));
    expect(error).toMatchObject({ errorCode: 'invalid_grant', message: 'expired access/refresh token' });
  });
});
