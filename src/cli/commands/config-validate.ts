import type { Command } from 'commander';
import type { ConfigValidateOptions } from '../actions/config-validate.js';

export function addConfigCommands(program: Command): void {
  const config = program.command('config').description('check workspace configuration files');
  config
    .command('validate')
    .description('validate a workspace file: its shape, cross-references and (unless --skip-env) its secrets')
    .argument('[file]', 'workspace file (default: $COSELL_CONFIG or ./cosell.yaml)')
    .option('--skip-env', 'do not require the environment variables that secrets refer to')
    .action(async (file: string | undefined, options: ConfigValidateOptions) => {
      const { validateConfig } = await import('../actions/config-validate.js');
      await validateConfig(file, options);
    });
}
