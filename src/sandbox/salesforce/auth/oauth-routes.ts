import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SandboxOrg } from '../sandbox-org.js';
import { checkClient, checkPassword, tokenResponse } from './login-checks.js';
import { identityBody } from './identity.js';

const TokenParams = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  refresh_token: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
});
type TokenParams = z.output<typeof TokenParams>;

const AuthorizeQuery = z.object({
  response_type: z.enum(['code', 'token']),
  client_id: z.string(),
  redirect_uri: z.url(),
  state: z.string().optional(),
});

function oauthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  return reply.code(status).header('content-type', 'application/json;charset=UTF-8').send({ error, error_description: description });
}

/** Token parameters from the form body, the query string, and HTTP Basic client credentials. */
function tokenParams(request: FastifyRequest): TokenParams {
  const fromBody = TokenParams.safeParse(request.body ?? {});
  const fromQuery = TokenParams.safeParse(request.query ?? {});
  const params: TokenParams = { ...(fromQuery.success ? fromQuery.data : {}), ...(fromBody.success ? fromBody.data : {}) };
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (basic?.[1] !== undefined) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      params.client_id ??= decodeURIComponent(decoded.slice(0, colon));
      params.client_secret ??= decodeURIComponent(decoded.slice(colon + 1));
    }
  }
  return params;
}

/**
 * The OAuth 2.0 endpoints (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm): the
 * token endpoint with the username-password, refresh-token, client-credentials and authorization-code grants,
 * an authorize endpoint that approves at once (as the integration user), revoke, and the identity URL.
 */
export function registerOAuthRoutes(app: FastifyInstance, org: SandboxOrg, baseUrl: () => string): void {
  app.post('/services/oauth2/token', (request, reply) => {
    const params = tokenParams(request);
    const grant = params.grant_type;
    const secretRequired = grant === 'password' || grant === 'client_credentials';
    if (grant !== 'password' && grant !== 'refresh_token' && grant !== 'client_credentials' && grant !== 'authorization_code') {
      return oauthError(reply, 400, 'unsupported_grant_type', 'grant type not supported');
    }
    const client = checkClient(org, params.client_id, params.client_secret, secretRequired);
    if (client === 'unknown-client') return oauthError(reply, 400, 'invalid_client_id', 'client identifier invalid');
    if (client === 'bad-secret') return oauthError(reply, 400, 'invalid_client', 'invalid client credentials');
    const clientId = params.client_id ?? '';
    const url = baseUrl();
    switch (grant) {
      case 'password': {
        const userId = checkPassword(org, params.username ?? '', params.password ?? '');
        if (userId === undefined) return oauthError(reply, 400, 'invalid_grant', 'authentication failure');
        return tokenResponse(org, org.sessions.issue(userId, clientId), url);
      }
      case 'refresh_token': {
        const userId = org.sessions.redeemRefreshToken(params.refresh_token ?? '', clientId);
        if (userId === undefined) return oauthError(reply, 400, 'invalid_grant', 'expired access/refresh token');
        return tokenResponse(org, org.sessions.issue(userId, clientId), url, { scope: 'refresh_token api' });
      }
      case 'client_credentials':
        return tokenResponse(org, org.sessions.issue(org.integrationUserId, clientId), url, { scope: 'api' });
      case 'authorization_code': {
        const userId = org.sessions.redeemCode(params.code ?? '', clientId, params.redirect_uri);
        if (userId === undefined) return oauthError(reply, 400, 'invalid_grant', 'invalid authorization code');
        const refreshToken = org.sessions.issueRefreshToken(userId, clientId);
        return tokenResponse(org, org.sessions.issue(userId, clientId), url, { refreshToken, scope: 'refresh_token api' });
      }
    }
  });

  app.get('/services/oauth2/authorize', (request, reply) => {
    const parsed = AuthorizeQuery.safeParse(request.query);
    if (!parsed.success) return oauthError(reply, 400, 'invalid_request', 'response_type, client_id and redirect_uri are required');
    const query = parsed.data;
    if (checkClient(org, query.client_id, undefined, false) !== 'ok') return oauthError(reply, 400, 'invalid_client_id', 'client identifier invalid');
    const target = new URL(query.redirect_uri);
    if (query.response_type === 'code') {
      target.searchParams.set('code', org.sessions.issueCode(org.integrationUserId, query.client_id, query.redirect_uri));
      if (query.state !== undefined) target.searchParams.set('state', query.state);
    } else {
      const token = tokenResponse(org, org.sessions.issue(org.integrationUserId, query.client_id), baseUrl());
      const fragment = new URLSearchParams({ ...token, ...(query.state === undefined ? {} : { state: query.state }) });
      target.hash = fragment.toString();
    }
    return reply.redirect(target.toString(), 302);
  });

  const revoke = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const params = z.object({ token: z.string() }).safeParse({ ...(request.query ?? {}), ...(request.body ?? {}) });
    if (!params.success || !org.sessions.revoke(params.data.token)) {
      return oauthError(reply, 400, 'unsupported_token_type', 'this token type is not supported');
    }
    return reply.code(200).send('');
  };
  app.post('/services/oauth2/revoke', revoke);
  app.get('/services/oauth2/revoke', revoke);

  const identity = (request: FastifyRequest, reply: FastifyReply): FastifyReply | Record<string, unknown> => {
    const fromQuery = z.object({ oauth_token: z.string() }).safeParse(request.query);
    const header = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const token = fromQuery.success ? fromQuery.data.oauth_token : header?.[1];
    const session = token === undefined ? undefined : org.sessions.authenticate(token);
    if (!session) return reply.code(403).send('Bad_OAuth_Token');
    return identityBody(org, session.userId, baseUrl());
  };
  app.get('/id/:orgId/:userId', identity);
  app.get('/services/oauth2/userinfo', identity);
}
