import { Command } from 'commander';
import { addConfigCommands } from './commands/config-validate.js';
import { addDemoCommand } from './commands/demo.js';
import { addDlqCommands } from './commands/dlq.js';
import { addLinkCommand } from './commands/link.js';
import { addMatchCommand } from './commands/match.js';
import { addMappingsCommands } from './commands/mappings-validate.js';
import { addOverlapsCommand } from './commands/overlaps.js';
import { addSandboxCommand } from './commands/sandbox.js';
import { addServeCommand } from './commands/serve.js';
import { addSyncCommand } from './commands/sync.js';
import { addWorkerCommand } from './commands/worker.js';
import { packageInfo } from './package-info.js';

/**
 * The `cosell` command: only commands that work are registered here. Each command module declares its options
 * and imports its implementation (src/cli/actions/) only when its action runs, so `cosell --help` or a light
 * command like `cosell match` does not load Redis, queues, servers and CRM clients it does not use
 * (test/cli/lazy-commands.test.ts keeps it so).
 */
export function buildProgram(): Command {
  const program = new Command('cosell')
    .description('cosell-sync: keep a vendor CRM and its partners\' CRMs in step for co-selling')
    .version(packageInfo().version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  addDemoCommand(program);
  addConfigCommands(program);
  addMappingsCommands(program);
  addWorkerCommand(program);
  addServeCommand(program);
  addSandboxCommand(program);
  addSyncCommand(program);
  addLinkCommand(program);
  addOverlapsCommand(program);
  addDlqCommands(program);
  addMatchCommand(program);
  return program;
}
