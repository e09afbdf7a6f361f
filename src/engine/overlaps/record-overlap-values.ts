import type { EngineStores } from '../engine-context.js';
import { OVERLAP_SOURCE } from './overlap-fields.js';

export interface OverlapValues {
  canonicalId: string;
  crmId: string;
  modifiedAt: string;
  values: Record<string, unknown>;
}

/** Records account mapping's values (the `=overlap` source); those that changed wait for the target's write pass. */
export async function recordOverlapValues(stores: EngineStores, connectionId: string, items: readonly OverlapValues[]): Promise<number> {
  const outcomes = await stores.canonical.recordSources('account', OVERLAP_SOURCE, items);
  const changed = items.filter((_, index) => outcomes[index]?.status === 'changed').map((item) => item.canonicalId);
  if (changed.length > 0) await stores.pending.mark(connectionId, 'account', changed);
  return changed.length;
}
