import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import type { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import { AuditLog } from '../state/audit-log.js';
import { CanonicalStore } from '../state/canonical-store.js';
import { CreateIntents } from '../state/create-intents.js';
import { CursorStore } from '../state/cursor-store.js';
import { FeedingPasses } from '../state/feeding-passes.js';
import { IdCrosswalk } from '../state/id-crosswalk.js';
import { PendingWrites } from '../state/pending-writes.js';
import { RecordHashes } from '../state/record-hashes.js';
import { RecordLinks } from '../state/record-links.js';
import { SyncRunLog } from '../state/sync-run-log.js';
import { Tombstones } from '../state/tombstones.js';

/** The engine's state in Redis, one set of stores per workspace prefix. */
export interface EngineStores {
  cursors: CursorStore;
  /** Explicit links only; ask `links`, which also knows the implicit ones (record-links.ts). */
  crosswalk: IdCrosswalk;
  links: RecordLinks;
  hashes: RecordHashes;
  canonical: CanonicalStore;
  pending: PendingWrites;
  runs: SyncRunLog;
  audit: AuditLog;
  tombstones: Tombstones;
  createIntents: CreateIntents;
  feeding: FeedingPasses;
}

export function openStores(redis: Redis, prefix: string): EngineStores {
  const crosswalk = new IdCrosswalk(redis, prefix);
  const canonical = new CanonicalStore(redis, prefix);
  return {
    cursors: new CursorStore(redis, prefix),
    crosswalk,
    links: new RecordLinks(redis, prefix, crosswalk, canonical),
    hashes: new RecordHashes(redis, prefix),
    canonical,
    pending: new PendingWrites(redis, prefix),
    runs: new SyncRunLog(redis, prefix),
    audit: new AuditLog(redis, prefix),
    tombstones: new Tombstones(redis, prefix),
    createIntents: new CreateIntents(redis, prefix),
    feeding: new FeedingPasses(redis, prefix),
  };
}

export interface EngineContext {
  stores: EngineStores;
  deadLetters: DeadLetterQueue;
  logger: Logger;
}
