import type { Command } from 'commander';
import { loadWorkspace } from '../../config/load-workspace.js';
import { workspaceFile } from '../workspace-option.js';

export function addConfigCommands(program: Command): void {
  const config = program.command('config').description('check workspace configuration files');
  config
    .command('validate')
    .description('validate a workspace file: its shape, cross-references and (unless --skip-env) its secrets')
    .argument('[file]', 'workspace file (default: $COSELL_CONFIG or ./cosell.yaml)')
    .option('--skip-env', 'do not require the environment variables that secrets refer to')
    .action(async (file: string | undefined, options: { skipEnv?: boolean }) => {
      const path = workspaceFile(file);
      const workspace = await loadWorkspace(path, { skipSecrets: options.skipEnv === true });
      const partners = workspace.partners.map((p) => `${p.id} (${p.persona}, ${p.connection.kind})`);
      console.log(`${path} is valid.`);
      console.log(`  workspace  ${workspace.workspace.id}: ${workspace.workspace.name}`);
      console.log(`  vendor     ${workspace.vendor.name} on ${workspace.vendor.connection.kind}`);
      console.log(`  partners   ${partners.length === 0 ? 'none' : partners.join(', ')}`);
      console.log(`  schedules  ${workspace.schedules.length}`);
      if (options.skipEnv) console.log('  secrets    not checked (--skip-env)');
    });
}
