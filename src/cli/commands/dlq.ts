import type { Command } from 'commander';
import { loadWorkspace } from '../../config/load-workspace.js';
import { createRootLogger } from '../../logging/logger.js';
import { DeadLetterQueue, type DeadLetterEntry } from '../../queues/dead-letter-queue.js';
import { DeadLetterNotFoundError, replayDeadLetter } from '../../queues/replay-dead-letter.js';
import { workspaceKeyPrefix } from '../../redis/key-prefix.js';
import { createRedisConnection } from '../../redis/redis-connection-factory.js';
import { UsageError } from '../usage-error.js';
import { WORKSPACE_OPTION_HELP, workspaceFile } from '../workspace-option.js';

interface DlqOptions {
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

export function addDlqCommands(program: Command): void {
  const dlq = program.command('dlq').description('inspect and replay jobs that failed for good');

  dlq
    .command('list')
    .description('list dead-letter entries, newest first')
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .option('--limit <n>', 'how many entries to show', '50')
    .option('--json', 'print JSON lines')
    .action(async (options: DlqOptions & { limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit "${options.limit}": expected a whole number ≥ 1`);
      await withDeadLetters(options, async (deadLetters) => {
        const entries = await deadLetters.list(0, limit - 1);
        const total = await deadLetters.count();
        for (const entry of entries) console.log(options.json ? JSON.stringify(entry) : summary(entry));
        if (!options.json) console.log(`${entries.length} of ${total} dead-letter entries shown`);
      });
    });

  dlq
    .command('show')
    .description('show one entry: payload, error and CRM code')
    .argument('<id>', 'entry id from `cosell dlq list`')
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .action(async (id: string, options: DlqOptions) => {
      await withDeadLetters(options, async (deadLetters) => {
        const entry = await deadLetters.get(id);
        if (!entry) throw new DeadLetterNotFoundError(id);
        console.log(JSON.stringify(entry, null, 2));
      });
    });

  dlq
    .command('replay')
    .description('send entries back to their queue (the payload is validated first)')
    .argument('<ids...>', 'entry ids from `cosell dlq list`')
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .action(async (ids: string[], options: DlqOptions) => {
      await withDeadLetters(options, async (deadLetters, connection) => {
        for (const id of ids) {
          const result = await replayDeadLetter(deadLetters, id, connection);
          console.log(`replayed ${result.entryId} to ${result.queue} as job ${result.jobId}`);
        }
      });
    });
}
