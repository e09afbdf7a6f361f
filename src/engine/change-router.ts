import type { SyncObject } from '../config/schedule-schema.js';

/** Where a changed canonical record must be written: one connection's object. */
export interface WriteTarget {
  connectionId: string;
  object: SyncObject;
}

/** How a write-back flush of targets is asked for (see the flush in engine-processors.ts). */
export interface FlushOptions {
  /** What produced the records (a pass, an account mapping run) has ended: nothing more is coming from it to gather. */
  ended?: boolean;
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
