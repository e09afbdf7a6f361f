import { loadWorkspace } from '../../config/load-workspace.js';
import { workspaceFile } from '../workspace-option.js';

export interface ConfigValidateOptions {
  skipEnv?: boolean;
}

/** `cosell config validate`: loads the workspace file and prints what it describes. */
export async function validateConfig(file: string | undefined, options: ConfigValidateOptions): Promise<void> {
  const path = workspaceFile(file);
  const workspace = await loadWorkspace(path, { skipSecrets: options.skipEnv === true });
  const partners = workspace.partners.map((p) => `${p.id} (${p.persona}, ${p.connection.kind})`);
  console.log(`${path} is valid.`);
  console.log(`  workspace  ${workspace.workspace.id}: ${workspace.workspace.name}`);
  console.log(`  vendor     ${workspace.vendor.name} on ${workspace.vendor.connection.kind}`);
  console.log(`  partners   ${partners.length === 0 ? 'none' : partners.join(', ')}`);
  console.log(`  schedules  ${workspace.schedules.length}`);
  if (options.skipEnv) console.log('  secrets    not checked (--skip-env)');
}
