import type { ResolvedWorkspace } from '../config/load-workspace.js';
import type { Logger } from '../logging/logger.js';
import { loadMappings } from '../mappings/load-mappings.js';
import { workspaceKeyPrefix } from '../redis/key-prefix.js';
import { createRedisConnection } from '../redis/redis-connection-factory.js';
import { claimStateVersionOrDisconnect } from '../state/state-version.js';
import { createEngineRuntime, type EngineRuntime } from './engine-runtime.js';
import { productConnectorFactory } from './product-connector-factory.js';

/** The engine for a one-off command (sync, dry run): its own Redis connection, closed with it. */
export async function openEngine(workspace: ResolvedWorkspace, mappingsDir: string, logger: Logger): Promise<{ runtime: EngineRuntime; close: () => Promise<void> }> {
  const mappings = await loadMappings(mappingsDir);
  const redis = createRedisConnection({ url: workspace.redis.url, password: workspace.redis.password }, 'state', logger);
  await redis.ping();
  const prefix = workspaceKeyPrefix(workspace.workspace.id);
  await claimStateVersionOrDisconnect(redis, prefix, logger);
  const runtime = createEngineRuntime({ workspace, mappings, connectorFactory: productConnectorFactory, redis, connection: { connection: redis, prefix }, logger });
  return {
    runtime,
    close: async () => {
      await runtime.close();
      await redis.quit();
    },
  };
}
