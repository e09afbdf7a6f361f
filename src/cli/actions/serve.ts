import { ConfigError } from '../../config/config-error.js';
import { loadWorkspace } from '../../config/load-workspace.js';
import { JobQueue } from '../../queues/job-queue.js';
import { ingestQueue } from '../../queues/queue-catalog.js';
import { openWorkspaceQueues } from '../../queues/workspace-queues.js';
import { WebhookDeduplicator } from '../../webhooks/webhook-deduplicator.js';
import { webhookSecrets } from '../../webhooks/webhook-secrets.js';
import { workspaceKeyPrefix } from '../../redis/key-prefix.js';
import { createRedisConnection } from '../../redis/redis-connection-factory.js';
import { claimStateVersionOrDisconnect } from '../../state/state-version.js';
import { onTerminationSignal } from '../../runtime/graceful-shutdown.js';
import { createProcessLogger } from '../../runtime/process-logger.js';
import { buildServer } from '../../server/build-server.js';
import { DASHBOARD_PATH } from '../../server/queue-dashboard.js';
import { UsageError } from '../usage-error.js';
import { workspaceFile } from '../workspace-option.js';

export interface ServeOptions {
  config?: string;
  port?: string;
  host?: string;
}

/** `cosell serve`: the HTTP server on the workspace's queues and Redis, until a stop signal. */
export async function serve(options: ServeOptions): Promise<void> {
  const file = workspaceFile(options.config);
  const workspace = await loadWorkspace(file);
  const server = workspace.server;
  if (!server) {
    throw new ConfigError(file, [
      {
        file,
        path: 'server',
        expected: 'a server section with admin: { username, password: { env: NAME } } to run `cosell serve`',
        found: 'nothing (the setting is missing)',
      },
    ]);
  }
  const port = options.port === undefined ? server.port : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port "${options.port ?? ''}": expected a port number from 0 to 65535`);
  }
  const { logger, scrubber } = createProcessLogger(workspace);
  const redis = createRedisConnection({ url: workspace.redis.url, password: workspace.redis.password }, 'state', logger);
  const connection = { connection: redis, prefix: workspaceKeyPrefix(workspace.workspace.id) };
  await claimStateVersionOrDisconnect(redis, connection.prefix, logger);
  const queues = openWorkspaceQueues(connection);
  const ingest = new JobQueue(ingestQueue, connection);
  const app = await buildServer({
    queues,
    redis,
    admin: server.admin,
    scrubber,
    logger,
    webhooks: {
      secrets: webhookSecrets(workspace),
      ingest,
      deduplicator: new WebhookDeduplicator(redis, connection.prefix),
      publicUrl: server.publicUrl,
    },
    api: { prefix: connection.prefix, partners: workspace.partners, populations: workspace.populations },
  });
  // Listen for stop signals before listening on the port, so an early signal still closes cleanly.
  const listening = app.listen({ port, host: options.host ?? server.host });
  onTerminationSignal(async () => {
    await listening.catch(() => undefined);
    await app.close();
    await ingest.close();
    await Promise.all(queues.map((queue) => queue.close()));
    await redis.quit();
  }, logger);
  const address = await listening;
  logger.info({ address, dashboard: `${address}${DASHBOARD_PATH}` }, 'server listening');
}
