import type { Redis } from 'ioredis';
import type { ResolvedWorkspace } from '../config/load-workspace.js';
import type { Logger } from '../logging/logger.js';
import type { MappingSet } from '../mappings/mapping-set.js';
import { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import { JobQueue, type QueueConnection } from '../queues/job-queue.js';
import { matchQueue, writeBackQueue } from '../queues/queue-catalog.js';
import { ConnectorPool, type ConnectorFactory } from './connector-factory.js';
import { openStores, type EngineStores } from './engine-context.js';
import { AccountChanges } from './overlaps/account-changes.js';
import { MatchingIndexes } from './overlaps/matching-indexes.js';
import { OverlapStore } from './overlaps/overlap-store.js';
import { WorkspaceRules } from './workspace-rules.js';

export interface EngineSettings {
  /** Re-read this far behind the cursor on every pass (index lag, clock skew). */
  lookbackMs: number;
  /** Changes for one connection are gathered this long before a write-back batch goes out. */
  coalesceMs: number;
  /** How long a write pass's lock lives between renewals (default WRITE_PASS_LOCK_MS; tests shorten it). */
  writeLockMs?: number;
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = { lookbackMs: 60_000, coalesceMs: 2_000 };

/** Everything the engine's job processors share in one worker process. */
type RuntimeWorkspace = Pick<ResolvedWorkspace, 'vendor' | 'partners'> & Partial<Pick<ResolvedWorkspace, 'populations' | 'territories'>>;

/** Account mapping's shared parts: the change stream, the stored overlaps, this process's indexes, its queue. */
export interface AccountMappingParts {
  changes: AccountChanges;
  overlaps: OverlapStore;
  indexes: MatchingIndexes;
  queue: JobQueue<typeof matchQueue.payload>;
}

export interface EngineRuntime {
  workspace: RuntimeWorkspace;
  mappings: MappingSet;
  connectors: ConnectorPool;
  stores: EngineStores;
  rules: WorkspaceRules;
  deadLetters: DeadLetterQueue;
  writeBack: JobQueue<typeof writeBackQueue.payload>;
  accountMapping: AccountMappingParts;
  settings: EngineSettings;
  logger: Logger;
  /** The state connection and key prefix (locks and other coordination across worker processes). */
  redis: Redis;
  prefix: string;
  close(): Promise<void>;
}

export function createEngineRuntime(options: {
  workspace: RuntimeWorkspace;
  mappings: MappingSet;
  connectorFactory: ConnectorFactory;
  redis: Redis;
  connection: QueueConnection;
  logger: Logger;
  settings?: Partial<EngineSettings>;
}): EngineRuntime {
  const { redis, connection, logger } = options;
  const stores = openStores(redis, connection.prefix);
  const deadLetters = new DeadLetterQueue(connection);
  const writeBack = new JobQueue(writeBackQueue, connection);
  const changes = new AccountChanges(redis, connection.prefix);
  const accountMapping: AccountMappingParts = {
    changes,
    overlaps: new OverlapStore(redis, connection.prefix),
    indexes: new MatchingIndexes(options.workspace, stores, changes),
    queue: new JobQueue(matchQueue, connection),
  };
  return {
    workspace: options.workspace,
    mappings: options.mappings,
    connectors: new ConnectorPool(options.workspace, options.connectorFactory, { redis, prefix: connection.prefix, logger }),
    stores,
    rules: new WorkspaceRules(options.workspace, options.mappings, stores.canonical),
    deadLetters,
    writeBack,
    accountMapping,
    settings: { ...DEFAULT_ENGINE_SETTINGS, ...options.settings },
    logger,
    redis,
    prefix: connection.prefix,
    async close() {
      await writeBack.close();
      await accountMapping.queue.close();
      await deadLetters.close();
    },
  };
}
