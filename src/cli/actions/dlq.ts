import { loadWorkspace } from '../../config/load-workspace.js';
import { createRootLogger } from '../../logging/logger.js';
import { DeadLetterNotFoundError } from '../../queues/dead-letter-not-found-error.js';
import { DeadLetterQueue, type DeadLetterEntry } from '../../queues/dead-letter-queue.js';
import { replayDeadLetter } from '../../queues/replay-dead-letter.js';
import { workspaceKeyPrefix } from '../../redis/key-prefix.js';
import { createRedisConnection } from '../../redis/redis-connection-factory.js';
import { workspaceFile } from '../workspace-option.js';

export interface DlqOptions {
  config?: string;
  json?: boolean;
}

async function withDeadLetters(
  options: DlqOptions,
  action: (dlq: DeadLetterQueue, connection: ConnectionParts) => Promise<void>,
): Promise<void> {
  const workspace = await loadWorkspace(workspaceFile(options.config));
  const logger = createRootLogger({ level: 'warn' });
  const redis = createRedisConnection({ url: workspace.redis.url, password: workspace.redis.password }, 'state', logger);
  const connection = { connection: redis, prefix: workspaceKeyPrefix(workspace.workspace.id) };
  const deadLetters = new DeadLetterQueue(connection);
  try {
    await action(deadLetters, connection);
  } finally {
    await deadLetters.close();
    await redis.quit();
  }
}

type ConnectionParts = ConstructorParameters<typeof DeadLetterQueue>[0];

function summary(entry: DeadLetterEntry): string {
  const code = entry.error.crmCode ? ` ${entry.error.crmCode}` : '';
  return `${entry.id}  ${entry.failedAt}  ${entry.queue}/${entry.jobName}  ${entry.error.name}${code}: ${entry.error.message}`;
}

/** `cosell dlq list`: the newest `limit` entries. */
export async function listDeadLetters(options: DlqOptions, limit: number): Promise<void> {
  await withDeadLetters(options, async (deadLetters) => {
    const entries = await deadLetters.list(0, limit - 1);
    const total = await deadLetters.count();
    for (const entry of entries) console.log(options.json ? JSON.stringify(entry) : summary(entry));
    if (!options.json) console.log(`${entries.length} of ${total} dead-letter entries shown`);
  });
}

/** `cosell dlq show`: one entry in full. */
export async function showDeadLetter(id: string, options: DlqOptions): Promise<void> {
  await withDeadLetters(options, async (deadLetters) => {
    const entry = await deadLetters.get(id);
    if (!entry) throw new DeadLetterNotFoundError(id);
    console.log(JSON.stringify(entry, null, 2));
  });
}

/** `cosell dlq replay`: each entry back to its queue, in the order given. */
export async function replayDeadLetters(ids: readonly string[], options: DlqOptions): Promise<void> {
  await withDeadLetters(options, async (deadLetters, connection) => {
    for (const id of ids) {
      const result = await replayDeadLetter(deadLetters, id, connection);
      console.log(`replayed ${result.entryId} to ${result.queue} as job ${result.jobId}`);
    }
  });
}
