import type { CrmConnector, Removal } from '../../connectors/shared/crm-connector.js';
import type { SyncObject } from '../config/schedule-schema.js';
import type { Logger } from '../logging/logger.js';
import type { CompiledMapping } from '../mappings/compiled-mapping.js';
import type { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import { deleteCopies, type CopyTarget } from './delete-copies.js';
import type { EngineStores } from './engine-context.js';

export interface RemovalPassInput {
  connector: CrmConnector;
  connectionId: string;
  object: SyncObject;
  mapping: CompiledMapping;
  stores: EngineStores;
  deadLetters: DeadLetterQueue;
  /** Where copies the engine created from this connection's records live; empty when none may be deleted. */
  copyTargets: readonly CopyTarget[];
  /** Called with the canonical ids that lost this connection's source, after each page (account mapping follows them). */
  onChanged?: (canonicalIds: readonly string[]) => Promise<void>;
  jobId: string;
  lookbackMs: number;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * Deletions and merges of one connection's object, as tombstones: the copies the engine itself created from
 * a removed record are deleted in the other CRMs (never a record their users made, which only loses its
 * link), then the record's source is forgotten, its link removed, and a merge recorded as an alias to the
 * survivor. The removals cursor moves only after a page is done, so a crash repeats the page, and each step
 * is safe to repeat. Nothing is deleted because a read failed: only what the CRM reports as removed.
 */
export async function runRemovalPass(input: RemovalPassInput): Promise<{ removed: number; copiesDeleted: number }> {
  const { connector, connectionId, object, mapping, stores } = input;
  const counts = { removed: 0, copiesDeleted: 0 };
  const since = await stores.cursors.get(connectionId, object, 'removals');
  const pages = connector.readRemovals(mapping.object, { since, lookbackMs: input.lookbackMs, ...(input.signal ? { signal: input.signal } : {}) });
  for await (const page of pages) {
    input.signal?.throwIfAborted();
    const known = await stores.links.canonicalIds(connectionId, mapping.object, mapping.canonical, page.removals.map((r) => r.id));
    const removed = page.removals.flatMap((removal, index) => {
      const canonicalId = known[index];
      return canonicalId === undefined ? [] : [{ removal, canonicalId }];
    });
    for (const target of input.copyTargets) {
      const deletion = { stores, deadLetters: input.deadLetters, target, kind: mapping.canonical, why: `its origin in ${connectionId} was removed`, jobId: input.jobId, replay: { queue: 'ingest', payload: { connectionId, object, trigger: 'manual' } } };
      counts.copiesDeleted += (await deleteCopies(deletion, removed.map((r) => r.canonicalId))).deleted;
    }
    for (const { removal, canonicalId } of removed) await tombstone(input, removal, canonicalId);
    counts.removed += removed.length;
    if (removed.length > 0) await input.onChanged?.(removed.map((r) => r.canonicalId));
    await stores.cursors.advance(connectionId, object, page.cursor, 'removals');
  }
  return counts;
}

async function tombstone(input: RemovalPassInput, removal: Removal, canonicalId: string): Promise<void> {
  const { stores, connectionId, mapping } = input;
  const survivor = removal.mergedInto === undefined ? undefined : (await stores.links.canonicalIds(connectionId, mapping.object, mapping.canonical, [removal.mergedInto]))[0];
  await stores.tombstones.record(mapping.canonical, { canonicalId, connectionId, object: mapping.object, crmId: removal.id, removedAt: removal.removedAt, mergedInto: survivor });
  await stores.hashes.forget(connectionId, mapping.object, [canonicalId]);
  await stores.audit.append([{
    who: 'engine',
    what: `${removal.mergedInto === undefined ? 'deleted' : 'merged'} ${connectionId} ${mapping.object} ${removal.id}`,
    why: removal.mergedInto === undefined ? `deleted in ${connectionId} at ${removal.removedAt}` : `merged into ${removal.mergedInto} (canonical ${survivor ?? 'not synced yet'})`,
    refs: { canonicalId, crmId: removal.id, job: input.jobId },
  }]);
  // The link goes last (the source's document, which is the link of a record under its derived id, then the
  // crosswalk's entry): a page repeated after a crash finds the removal again until every step above is done.
  await stores.canonical.forgetSource(mapping.canonical, canonicalId, connectionId);
  await stores.crosswalk.unlink(connectionId, mapping.object, removal.id);
}
