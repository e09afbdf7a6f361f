import type { Command } from 'commander';
import { wholeNumber } from '../option-parsers.js';
import { UsageError } from '../usage-error.js';

const DEMO_WORKSPACE_ID = 'cosell-demo';

interface DemoCommandOptions {
  once?: boolean;
  companies: string;
  seed: string;
  port: string;
  redis: string;
  workspace: string;
  mappings: string;
  dir: string;
}

function workspaceId(text: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(text)) throw new UsageError(`--workspace "${text}": expected lower-case letters, digits and dashes`);
  return text;
}

export function addDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('start sandbox CRMs with seeded data (vendor Salesforce, partner HubSpot, partner Salesforce), run the worker and dashboard, sync, and print a summary')
    .option('--once', 'exit after one sync cycle (default: keep syncing on the schedules until Ctrl-C)')
    .option('--companies <n>', 'companies in the vendor org', '1000')
    .option('--seed <n>', 'seed of the generated data (same seed, same data)', '7')
    .option('--port <port>', 'dashboard port (0: any free port)', '8080')
    .option('--redis <url>', 'Redis to use (the demo clears its own keys there first)', 'redis://127.0.0.1:6379')
    .option('--workspace <id>', 'workspace id naming the demo\'s keys in Redis (cleared first)', DEMO_WORKSPACE_ID)
    .option('--mappings <dir>', 'field mappings folder', 'mappings')
    .option('--dir <dir>', 'where the demo writes its workspace file', '.cosell-demo')
    .action(async (options: DemoCommandOptions) => {
      const settings = {
        once: options.once === true,
        companies: wholeNumber('--companies', options.companies, 1, 1_000_000),
        seed: wholeNumber('--seed', options.seed, 0, 2 ** 31 - 1),
        port: wholeNumber('--port', options.port, 0, 65_535),
        redisUrl: options.redis,
        workspaceId: workspaceId(options.workspace),
        mappingsDir: options.mappings,
        dir: options.dir,
      };
      const { startDemo } = await import('../actions/demo.js');
      await startDemo(settings);
    });
}
