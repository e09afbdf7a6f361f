import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seededRandom } from '../seeded-random.js';
import type { HubSpotAuth } from './auth.js';
import type { HubSpotPortal } from './hubspot-portal.js';
import { HubSpotApiError } from './hubspot-errors.js';
import type { HubSpotRateLimiter } from './rate-limiter.js';

/**
 * What every API call meets before its route, in HubSpot's order: injected latency and faults, then the
 * bearer token, then the rate limits (whose headers go on the answer). Errors answer in HubSpot's shape.
 */
export function registerRequestGuards(app: FastifyInstance, portal: HubSpotPortal, auth: HubSpotAuth, limiter: HubSpotRateLimiter): void {
  let random = seededRandom(portal.settings.faults.seed);
  let seed = portal.settings.faults.seed;

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/crm/')) return;
    const { faults } = portal.settings;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.seed !== seed) {
      seed = faults.seed;
      random = seededRandom(seed);
    }
    if (faults.errorRate > 0 && random() < faults.errorRate) {
      throw new HubSpotApiError(503, { message: 'The service is temporarily unavailable. Please try again.', category: 'SERVICE_UNAVAILABLE' });
    }
    auth.check(request.headers.authorization);
    const headers = limiter.take(request.url.includes('/search') ? 'search' : 'api');
    void reply.headers(headers);
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof HubSpotApiError) return reply.code(error.statusCode).headers(error.headers).send(error.body);
    const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'statusCode') : undefined;
    const status = typeof code === 'number' && code >= 400 ? code : 500;
    const message = error instanceof Error ? error.message : String(error);
    const category = status === 400 ? 'VALIDATION_ERROR' : status === 404 ? 'OBJECT_NOT_FOUND' : 'INTERNAL_ERROR';
    return reply.code(status).send(new HubSpotApiError(status, { message, category }).body);
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(new HubSpotApiError(404, { message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}`, category: 'OBJECT_NOT_FOUND' }).body));
}
