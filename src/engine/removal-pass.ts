import type { CrmConnector, Removal } from '../../connectors/shared/crm-connector.js';
import type { SyncObject } from '../config/schedule-schema.js';
import type { Logger } from '../logging/logger.js';
import type { CompiledMapping } from '../mappings/compiled-mapping.js';
import type { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import type { EngineStores } from './engine-context.js';

/** A connection holding copies of this connection's records (the vendor's accounts in a partner CRM). */
export interface CopyTarget {
  connectionId: string;
  connector: CrmConnector;
  crmObject: string;
}

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

/** A copy already gone is as good as deleted. */
const ALREADY_GONE = new Set(['ENTITY_IS_DELETED', 'OBJECT_NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY', 'NOT_FOUND']);

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
    const known = await stores.crosswalk.canonicalIds(connectionId, mapping.object, page.removals.map((r) => r.id));
    const removed = page.removals.flatMap((removal, index) => {
      const canonicalId = known[index];
      return canonicalId === undefined ? [] : [{ removal, canonicalId }];
    });
    for (const target of input.copyTargets) counts.copiesDeleted += await deleteCopies(input, target, removed.map((r) => r.canonicalId));
    for (const { removal, canonicalId } of removed) await tombstone(input, removal, canonicalId);
    counts.removed += removed.length;
    if (removed.length > 0) await input.onChanged?.(removed.map((r) => r.canonicalId));
    await stores.cursors.advance(connectionId, object, page.cursor, 'removals');
  }
  return counts;
}

async function tombstone(input: RemovalPassInput, removal: Removal, canonicalId: string): Promise<void> {
  const { stores, connectionId, mapping } = input;
  const survivor = removal.mergedInto === undefined ? undefined : (await stores.crosswalk.canonicalIds(connectionId, mapping.object, [removal.mergedInto]))[0];
  await stores.tombstones.record(mapping.canonical, { canonicalId, connectionId, object: mapping.object, crmId: removal.id, removedAt: removal.removedAt, mergedInto: survivor });
  await stores.canonical.forgetSource(mapping.canonical, canonicalId, connectionId);
  await stores.crosswalk.unlink(connectionId, mapping.object, removal.id);
  await stores.hashes.forget(connectionId, mapping.object, [canonicalId]);
  await stores.audit.append([{
    who: 'engine',
    what: `${removal.mergedInto === undefined ? 'deleted' : 'merged'} ${connectionId} ${mapping.object} ${removal.id}`,
    why: removal.mergedInto === undefined ? `deleted in ${connectionId} at ${removal.removedAt}` : `merged into ${removal.mergedInto} (canonical ${survivor ?? 'not synced yet'})`,
    refs: { canonicalId, crmId: removal.id, job: input.jobId },
  }]);
}

/** Deletes the target's copies of these records that the engine created; returns how many went. */
async function deleteCopies(input: RemovalPassInput, target: CopyTarget, canonicalIds: readonly string[]): Promise<number> {
  const { stores, mapping } = input;
  if (canonicalIds.length === 0) return 0;
  const crmIds = await stores.crosswalk.crmIds(target.connectionId, target.crmObject, canonicalIds);
  const created = await stores.tombstones.wasCreated(target.connectionId, target.crmObject, canonicalIds);
  const copies = canonicalIds.flatMap((canonicalId, index) => {
    const crmId = crmIds[index];
    return crmId !== undefined && created[index] === true ? [{ canonicalId, crmId }] : [];
  });
  if (copies.length === 0) return 0;
  const outcomes = await target.connector.remove(target.crmObject, copies.map((c) => c.crmId));
  let deleted = 0;
  for (const [index, outcome] of outcomes.entries()) {
    const copy = copies[index];
    if (!copy) continue;
    if (outcome.ok || ALREADY_GONE.has(outcome.error.code)) {
      deleted += 1;
      await stores.crosswalk.unlink(target.connectionId, target.crmObject, copy.crmId);
      await stores.tombstones.forgetCreated(target.connectionId, target.crmObject, [copy.canonicalId]);
      await stores.canonical.forgetSource(mapping.canonical, copy.canonicalId, target.connectionId);
      await stores.hashes.forget(target.connectionId, target.crmObject, [copy.canonicalId]);
      await stores.audit.append([{ who: 'engine', what: `delete ${target.connectionId} ${target.crmObject} ${copy.crmId}`, why: `its origin in ${input.connectionId} was removed`, refs: { canonicalId: copy.canonicalId, crmId: copy.crmId, job: input.jobId } }]);
      continue;
    }
    await input.deadLetters.recordItem({
      queue: 'ingest',
      jobId: input.jobId,
      jobName: 'remove-copy',
      key: `${target.connectionId}--${target.crmObject}--remove--${copy.canonicalId}`,
      replay: { connectionId: input.connectionId, object: input.object, trigger: 'manual' },
      error: { name: 'CopyNotDeleted', message: `${target.connectionId} ${target.crmObject} ${copy.crmId} was not deleted: ${outcome.error.message}`, crmCode: outcome.error.code },
      attemptsMade: 1,
      enqueuedAt: new Date().toISOString(),
    });
  }
  return deleted;
}
