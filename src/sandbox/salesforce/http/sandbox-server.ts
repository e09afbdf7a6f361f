import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { registerOAuthRoutes } from '../auth/oauth-routes.js';
import { identityUrl } from '../auth/login-checks.js';
import { registerSoapLoginRoutes } from '../auth/soap-login-routes.js';
import { registerBulkQueryRoutes } from '../bulk/bulk-query-routes.js';
import { SalesforceApiError, notFound } from '../errors.js';
import type { SandboxOrg } from '../sandbox-org.js';
import { installApiGuard } from './api-guard.js';
import { registerVersionRoutes } from './api-versions.js';
import { registerCollectionsRoutes } from './collections-routes.js';
import { registerDescribeRoutes } from './describe-routes.js';
import { registerQueryRoutes } from './query-routes.js';
import { registerRecordRoutes } from './record-routes.js';
import { registerRecordView } from './record-view.js';
import { registerReplicationRoutes } from './replication-routes.js';

export interface SandboxServerOptions {
  /** The URL the server is reachable at, known once it listens (login URL and instance URL alike). */
  baseUrl: () => string;
  logger?: FastifyBaseLogger;
}

const isFastifyError = (error: unknown): error is FastifyError =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('FST_');

/**
 * The emulator's one fastify server: OAuth and SOAP login, the REST API under `/services/data/vXX.X/` behind the
 * API guard, and the read-only record pages under `/sandbox`. API errors are Salesforce error arrays.
 */
export async function buildSandboxServer(org: SandboxOrg, options: SandboxServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
    bodyLimit: 64 * 1024 * 1024,
  });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
  });
  app.addContentTypeParser(['text/xml', 'application/xml', 'application/soap+xml'], { parseAs: 'string' }, (_request, body, done) => {
    done(null, typeof body === 'string' ? body : body.toString('utf8'));
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof SalesforceApiError) {
      return reply.code(error.status).header('content-type', 'application/json;charset=UTF-8').send(error.toBody());
    }
    if (isFastifyError(error) && (error.statusCode ?? 500) < 500) {
      const status = error.statusCode ?? 400;
      const code = status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 413 ? 'REQUEST_TOO_LARGE' : 'JSON_PARSER_ERROR';
      return reply.code(status).send([{ message: error.message, errorCode: code }]);
    }
    request.log.error({ err: error }, 'sandbox request failed');
    return reply.code(500).send([{ message: 'An unexpected error occurred in the Salesforce sandbox; see its log.', errorCode: 'UNKNOWN_EXCEPTION' }]);
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/services/')) return reply.code(404).send(notFound().toBody());
    return reply.code(404).type('text/plain').send(`No route ${request.method} ${request.url}`);
  });

  registerVersionRoutes(app);
  registerOAuthRoutes(app, org, options.baseUrl);
  registerSoapLoginRoutes(app, org, options.baseUrl);
  registerRecordView(app, org);
  await app.register(
    (api, _options, done) => {
      installApiGuard(api, org);
      registerDescribeRoutes(api, org, (userId) => identityUrl(options.baseUrl(), org, userId));
      registerRecordRoutes(api, org);
      registerReplicationRoutes(api, org);
      registerQueryRoutes(api, org);
      registerCollectionsRoutes(api, org);
      registerBulkQueryRoutes(api, org);
      done();
    },
    { prefix: '/services/data/:version' },
  );
  return app;
}
