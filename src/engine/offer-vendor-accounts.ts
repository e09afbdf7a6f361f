import type { EngineRuntime } from './engine-runtime.js';
import { resolveMapping } from './resolve-mapping.js';
import { VENDOR } from './workspace-rules.js';

type Runtime = Pick<EngineRuntime, 'mappings' | 'connectors' | 'stores'>;

/**
 * Puts every vendor account the engine knows in line for one partner's write-back: what a partner that
 * starts sharing `all`, or shares it with another allowlist, must now hold of each. The write pass decides
 * per account: copies already as they should be cost no call (the hash of what was last written), the others
 * are created, filled in or have a field taken back. Returns how many were put in line.
 */
export async function offerVendorAccounts(runtime: Runtime, partnerId: string): Promise<number> {
  const { mapping } = resolveMapping(runtime.connectors, runtime.mappings, VENDOR, 'account');
  let offered = 0;
  for await (const ids of runtime.stores.links.scanCanonicalIds(VENDOR, mapping.object, mapping.canonical)) {
    await runtime.stores.pending.mark(partnerId, 'account', ids);
    offered += ids.length;
  }
  return offered;
}
