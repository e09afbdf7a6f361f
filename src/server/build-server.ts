import type { Queue } from 'bullmq';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import type { SecretScrubber } from '../logging/redaction.js';
import type { AdminCredentials } from './admin-auth.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerHubSpotWebhookRoute, type HubSpotWebhookDependencies } from './hubspot-webhook-route.js';
import { registerOverlapRoutes, type OverlapApiDependencies } from './overlaps/overlap-routes.js';
import { sendProblem } from './problem-details.js';
import { registerQueueDashboard } from './queue-dashboard.js';
import { createMetricsRegistry } from './queue-metrics.js';

export interface ServerDependencies {
  /** Every queue of the workspace, the dead-letter queue included. */
  queues: readonly Queue[];
  /** A fail-fast (producer or state) connection: readiness checks, and the API's reads. */
  redis: Redis;
  admin: AdminCredentials;
  scrubber: SecretScrubber;
  logger: Logger;
  /** Receives HubSpot webhook deliveries when given. */
  webhooks?: HubSpotWebhookDependencies;
  /** Serves the partner API (`/api/v1/overlaps/:partnerId`) when given: the workspace's key prefix, partners and populations. */
  api?: Omit<OverlapApiDependencies, 'redis' | 'admin'>;
}

/** The one HTTP server: health, metrics, the queue dashboard, webhooks, the API; errors as RFC 9457 problem details. */
export async function buildServer(deps: ServerDependencies): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.logger.child({ component: 'http' });
  const app = Fastify({ loggerInstance });

  app.setErrorHandler((error, request, reply) => {
    const status = statusOf(error);
    const message = error instanceof Error ? error.message : String(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (status === 401) void reply.header('www-authenticate', 'Basic realm="cosell-sync admin"');
    return sendProblem(reply, {
      status,
      title: status === 401 ? 'Login required' : status >= 500 ? 'Internal error' : 'Bad request',
      detail: status >= 500 ? 'the server failed; see its log for this request' : message,
      instance: request.url,
    });
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      status: 404,
      title: 'Not found',
      detail: `no route ${request.method} ${request.url}`,
      instance: request.url,
    }),
  );

  registerHealthRoutes(app, deps.redis);
  const metrics = createMetricsRegistry(deps.queues);
  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', metrics.contentType).send(await metrics.metrics()),
  );
  await registerQueueDashboard(app, deps.queues, deps.admin, deps.scrubber);
  if (deps.webhooks) await registerHubSpotWebhookRoute(app, deps.webhooks);
  if (deps.api) registerOverlapRoutes(app, { ...deps.api, redis: deps.redis, admin: deps.admin });
  return app;
}

function statusOf(error: unknown): number {
  const status: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'statusCode') : undefined;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
