import type { Command } from 'commander';
import type { ServeOptions } from '../actions/serve.js';
import { WORKSPACE_OPTION_HELP } from '../workspace-option.js';

export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP server: /healthz, /readyz, /metrics, the queue dashboard at /admin/queues, webhooks and the API at /api/v1')
    .option('-c, --config <file>', WORKSPACE_OPTION_HELP)
    .option('--port <port>', 'port to listen on (default: server.port, 8080)')
    .option('--host <host>', 'address to listen on (default: server.host, 127.0.0.1)')
    .action(async (options: ServeOptions) => {
      const { serve } = await import('../actions/serve.js');
      await serve(options);
    });
}
