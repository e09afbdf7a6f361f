import type { CanonicalRecord } from '../state/canonical-store.js';

/**
 * What a target connection may receive of a canonical record: the values to write (already resolved
 * between sources by the precedence rules) and the canonical fields it may see. `undefined` means the
 * record must not be sent there at all (not shared, no longer linked).
 */
export interface OutgoingView {
  valuesFor(record: CanonicalRecord, kind: string, targetConnectionId: string): { values: Record<string, unknown>; allowed?: ReadonlySet<string> } | undefined;
}
