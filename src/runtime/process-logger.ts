import { collectSecrets } from '../config/collect-secrets.js';
import type { ResolvedWorkspace } from '../config/load-workspace.js';
import { createRootLogger, type Logger } from '../logging/logger.js';
import { SecretScrubber } from '../logging/redaction.js';

/** The root logger of a long-running process, taught the workspace's secrets so no line can carry them. */
export function createProcessLogger(workspace: ResolvedWorkspace): { logger: Logger; scrubber: SecretScrubber } {
  const scrubber = new SecretScrubber();
  for (const secret of collectSecrets(workspace)) scrubber.add(secret.reveal());
  return { logger: createRootLogger({ level: workspace.logging.level, scrubber }), scrubber };
}
