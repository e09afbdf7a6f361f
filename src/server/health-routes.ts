import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { sendProblem } from './problem-details.js';

/** `/healthz`: the process is up. `/readyz`: it can do its work (Redis answers). */
export function registerHealthRoutes(app: FastifyInstance, redis: Redis): void {
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    try {
      await redis.ping();
      return { status: 'ready', redis: 'ok' };
    } catch (error) {
      return sendProblem(reply, {
        status: 503,
        title: 'Not ready',
        detail: `Redis did not answer PING (${error instanceof Error ? error.message : String(error)}); check redis.url and that Redis is running`,
        instance: request.url,
      });
    }
  });
}
