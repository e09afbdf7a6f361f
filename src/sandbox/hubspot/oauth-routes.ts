import type { FastifyInstance } from 'fastify';
import type { HubSpotAuth } from './auth.js';
import { validationError } from './hubspot-errors.js';

/** POST /oauth/v1/token — https://developers.hubspot.com/docs/api/oauth/tokens (refresh_token grant). */
export function registerOAuthRoutes(app: FastifyInstance, auth: HubSpotAuth): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
  });
  app.post('/oauth/v1/token', (request) => {
    const form = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
    const field = (name: string): string => (typeof form[name] === 'string' ? form[name] : '');
    if (field('grant_type') !== 'refresh_token') throw validationError(`grant_type "${field('grant_type')}" is not supported by the sandbox; use refresh_token`);
    return auth.refresh(field('client_id'), field('client_secret'), field('refresh_token'));
  });
}
