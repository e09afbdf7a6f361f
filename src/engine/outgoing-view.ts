import type { CanonicalRecord } from '../state/canonical-store.js';

/**
 * What a target connection may receive of a canonical record: the values to write (already resolved
 * between sources by the precedence rules) and the canonical fields it may see. `undefined` means the
 * record must not be sent there at all (not shared, no longer linked).
 */
export interface OutgoingView {
  /**
   * The sources valuesFor reads of a record of `kind` for this target (undefined: all of them), so a write
   * batch reads only those: its cost then does not grow with the number of partners.
   */
  sourcesFor(kind: string, targetConnectionId: string): readonly string[] | undefined;
  valuesFor(record: CanonicalRecord, kind: string, targetConnectionId: string): { values: Record<string, unknown>; allowed?: ReadonlySet<string> } | undefined;
}
