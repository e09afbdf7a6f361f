import type { SyncObject } from '../config/schedule-schema.js';

/** Where a changed canonical record must be written: one connection's object. */
export interface WriteTarget {
  connectionId: string;
  object: SyncObject;
}

/**
 * Decides which connections receive a change (the workspace's sharing rules, links between
 * opportunities, the partner program). The ingest pass asks it for every committed change.
 */
export interface ChangeRouter {
  targetsFor(change: {
    sourceConnectionId: string;
    object: SyncObject;
    canonicalId: string;
    changedFields: readonly string[];
  }): Promise<WriteTarget[]>;
}
