import type { ResolvedWorkspace } from '../config/load-workspace.js';
import type { Secret } from '../config/secret.js';

/** Connection id → client secret of every HubSpot connection configured to receive webhooks. */
export function webhookSecrets(workspace: Pick<ResolvedWorkspace, 'vendor' | 'partners'>): Map<string, Secret> {
  const secrets = new Map<string, Secret>();
  const connections = [{ id: 'vendor', connection: workspace.vendor.connection }, ...workspace.partners];
  for (const { id, connection } of connections) {
    if (connection.kind === 'hubspot' && connection.webhooks) secrets.set(id, connection.webhooks.clientSecret);
  }
  return secrets;
}
