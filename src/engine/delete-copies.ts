import type { CrmConnector } from '../../connectors/shared/crm-connector.js';
import type { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import type { EngineStores } from './engine-context.js';

/** A connection holding copies of another connection's records (the vendor's accounts in a partner CRM). */
export interface CopyTarget {
  connectionId: string;
  connector: CrmConnector;
  crmObject: string;
}

export interface CopyDeletion {
  stores: EngineStores;
  deadLetters: DeadLetterQueue;
  target: CopyTarget;
  /** The canonical kind of the records (`account`). */
  kind: string;
  /** Why the copies go, for the audit stream. */
  why: string;
  jobId: string;
  /** Where a copy that could not be deleted is retried from: the queue and the payload that does it. */
  replay: { queue: string; payload: unknown };
}

/** A copy already gone is as good as deleted. */
const ALREADY_GONE = new Set(['ENTITY_IS_DELETED', 'OBJECT_NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY', 'NOT_FOUND']);

/**
 * Deletes the target's copies of these records that the engine created (never a record its users made); a
 * deleted copy leaves no trace of its link, its source or its hash, and is audited. A copy the CRM refuses to
 * delete stays as it was (still known as created, so a later attempt finds it) and is parked in the
 * dead-letter queue with the CRM's code.
 */
export async function deleteCopies(input: CopyDeletion, canonicalIds: readonly string[]): Promise<{ deleted: number; failed: number }> {
  const { stores, target, kind } = input;
  const counts = { deleted: 0, failed: 0 };
  if (canonicalIds.length === 0) return counts;
  const crmIds = await stores.links.crmIds(target.connectionId, target.crmObject, kind, canonicalIds);
  const created = await stores.tombstones.wasCreated(target.connectionId, target.crmObject, canonicalIds);
  const copies = canonicalIds.flatMap((canonicalId, index) => {
    const crmId = crmIds[index];
    return crmId !== undefined && created[index] === true ? [{ canonicalId, crmId }] : [];
  });
  if (copies.length === 0) return counts;
  const outcomes = await target.connector.remove(target.crmObject, copies.map((c) => c.crmId));
  for (const [index, outcome] of outcomes.entries()) {
    const copy = copies[index];
    if (!copy) continue;
    if (outcome.ok || ALREADY_GONE.has(outcome.error.code)) {
      counts.deleted += 1;
      // The source first: its document is a link too (record-links.ts), and goes no later than the entry.
      await stores.canonical.forgetSource(kind, copy.canonicalId, target.connectionId);
      await stores.crosswalk.unlink(target.connectionId, target.crmObject, copy.crmId);
      await stores.tombstones.forgetCreated(target.connectionId, target.crmObject, [copy.canonicalId]);
      await stores.hashes.forget(target.connectionId, target.crmObject, [copy.canonicalId]);
      await stores.audit.append([{ who: 'engine', what: `delete ${target.connectionId} ${target.crmObject} ${copy.crmId}`, why: input.why, refs: { canonicalId: copy.canonicalId, crmId: copy.crmId, job: input.jobId } }]);
      continue;
    }
    counts.failed += 1;
    await input.deadLetters.recordItem({
      queue: input.replay.queue,
      jobId: input.jobId,
      jobName: 'remove-copy',
      key: `${target.connectionId}--${target.crmObject}--remove--${copy.canonicalId}`,
      replay: input.replay.payload,
      error: { name: 'CopyNotDeleted', message: `${target.connectionId} ${target.crmObject} ${copy.crmId} was not deleted: ${outcome.error.message}`, crmCode: outcome.error.code },
      attemptsMade: 1,
      enqueuedAt: new Date().toISOString(),
    });
  }
  return counts;
}
