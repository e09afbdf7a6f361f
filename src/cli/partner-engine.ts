import { loadWorkspace, type ResolvedWorkspace } from '../config/load-workspace.js';
import { openEngine } from '../engine/open-engine.js';
import type { EngineRuntime } from '../engine/engine-runtime.js';
import { createProcessLogger } from '../runtime/process-logger.js';
import { UsageError } from './usage-error.js';
import { workspaceFile } from './workspace-option.js';

export interface PartnerCommandOptions {
  config?: string;
  mappings: string;
  partner: string;
}

/**
 * Loads the workspace, refuses a partner it does not name (before connecting anywhere), opens the engine, runs
 * the command's work and closes the engine whatever happens.
 */
export async function withPartnerEngine<T>(options: PartnerCommandOptions, work: (runtime: EngineRuntime, workspace: ResolvedWorkspace) => Promise<T>): Promise<T> {
  const workspace = await loadWorkspace(workspaceFile(options.config));
  if (!workspace.partners.some((p) => p.id === options.partner)) {
    throw new UsageError(`--partner "${options.partner}": expected one of ${workspace.partners.map((p) => p.id).join(', ') || '(no partners)'}`);
  }
  const { logger } = createProcessLogger({ ...workspace, logging: { level: 'warn' } });
  const engine = await openEngine(workspace, options.mappings, logger);
  try {
    return await work(engine.runtime, workspace);
  } finally {
    await engine.close();
  }
}
