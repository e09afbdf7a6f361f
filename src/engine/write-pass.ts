import type { CrmConnector, UpsertInput } from '../../connectors/shared/crm-connector.js';
import type { SyncObject } from '../config/schedule-schema.js';
import type { Logger } from '../logging/logger.js';
import { toCrm } from '../mappings/apply-mapping.js';
import type { CompiledMapping } from '../mappings/compiled-mapping.js';
import type { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import type { PendingRecord } from '../state/pending-writes.js';
import { contentHash } from '../state/record-hashes.js';
import { stableJson } from '../state/stable-json.js';
import type { EngineStores } from './engine-context.js';
import type { OutgoingView } from './outgoing-view.js';

export interface WritePassCounts {
  written: number;
  unchanged: number;
  failed: number;
  calls: number;
}

export interface WritePassInput {
  connector: CrmConnector;
  connectionId: string;
  object: SyncObject;
  mapping: CompiledMapping;
  stores: EngineStores;
  view: OutgoingView;
  deadLetters: DeadLetterQueue;
  batchSize: number;
  runId: string;
  jobId: string;
  logger: Logger;
  signal?: AbortSignal;
  /** Called after each round of batches (the caller extends its write lock). */
  onBatches?: () => Promise<void>;
}

interface Prepared {
  pending: PendingRecord;
  input: UpsertInput;
  hash: string;
}

/**
 * Writes everything waiting for one connection's object, in full batches (a few in flight at once): each record's outgoing values
 * are computed, unchanged ones cost nothing (the hash of what was last written), the rest go out as
 * upserts by external id with one outcome per record. A failed record is parked in the dead-letter queue
 * with the CRM's code; the others are committed. A batch leaves the waiting list only once committed.
 */
/** Batches of one pass in flight at once: the CRM call of one overlaps the bookkeeping of the others. */
const BATCHES_IN_FLIGHT = 4;

export async function runWritePass(input: WritePassInput): Promise<WritePassCounts> {
  const counts: WritePassCounts = { written: 0, unchanged: 0, failed: 0, calls: 0 };
  const { stores, connectionId, object, mapping } = input;
  const externalId = mapping.externalId;
  if (externalId === undefined) throw new Error(`mapping ${mapping.crm}/${mapping.object} has no externalId: it cannot be written`);
  for (;;) {
    input.signal?.throwIfAborted();
    const waiting = await stores.pending.peek(connectionId, object, input.batchSize * BATCHES_IN_FLIGHT);
    if (waiting.length === 0) break;
    const batches: PendingRecord[][] = [];
    for (let start = 0; start < waiting.length; start += input.batchSize) batches.push(waiting.slice(start, start + input.batchSize));
    // Every batch settles before the pass goes on or stops: none is left writing behind a deferred job.
    const settled = await Promise.allSettled(batches.map((batch) => writeBatch(input, externalId, batch)));
    const rejected = settled.find((result) => result.status === 'rejected');
    const deltas = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    for (const delta of deltas) {
      counts.written += delta.written;
      counts.unchanged += delta.unchanged;
      counts.failed += delta.failed;
      counts.calls += delta.calls;
    }
    if (rejected) throw rejected.reason;
    await input.onBatches?.();
    if (waiting.length < input.batchSize * BATCHES_IN_FLIGHT) break;
  }
  return counts;
}

/** One batch: prepared, written with one call, committed, then taken off the waiting list. */
async function writeBatch(input: WritePassInput, externalId: string, batch: readonly PendingRecord[]): Promise<WritePassCounts> {
  const { stores, connectionId, object, mapping } = input;
  const delta: WritePassCounts = { written: 0, unchanged: 0, failed: 0, calls: 0 };
  const prepared = await prepare(input, batch, delta);
  if (prepared.length > 0) {
    const outcomes = await input.connector.upsert(mapping.object, externalId, prepared.map((p) => p.input));
    delta.calls += 1;
    const written = new Map<string, string>();
    const links: { canonicalId: string; crmId: string }[] = [];
    const created: string[] = [];
    for (const [index, outcome] of outcomes.entries()) {
      const item = prepared[index];
      if (!item) continue;
      if (outcome.ok) {
        written.set(item.input.externalId, item.hash);
        links.push({ canonicalId: item.input.externalId, crmId: outcome.id });
        if (outcome.created) created.push(item.input.externalId);
        delta.written += 1;
      } else {
        delta.failed += 1;
        await parkRecord(input, item.input.externalId, outcome.error.code, outcome.error.message);
      }
    }
    await stores.hashes.set('written', connectionId, mapping.object, written);
    await stores.crosswalk.linkMany(connectionId, mapping.object, links);
    // Only records the engine created may be deleted when their origin is (see removal-pass.ts).
    await stores.tombstones.markCreated(connectionId, mapping.object, created);
    await stores.audit.append(
      links.map((link) => ({
        who: 'engine',
        what: `upsert ${connectionId} ${mapping.object} ${link.crmId}`,
        why: `canonical ${mapping.canonical} ${link.canonicalId} changed`,
        refs: { canonicalId: link.canonicalId, crmId: link.crmId, job: input.jobId },
      })),
    );
  }
  await stores.pending.ack(connectionId, object, batch);
  await stores.runs.count(input.runId, { written: delta.written, failed: delta.failed, unchanged: delta.unchanged, apiCalls: delta.calls });
  return delta;
}

async function prepare(input: WritePassInput, batch: readonly PendingRecord[], counts: WritePassCounts): Promise<Prepared[]> {
  const { stores, mapping, connectionId } = input;
  const records = await stores.canonical.getMany(mapping.canonical, batch.map((p) => p.canonicalId));
  const lastWritten = await stores.hashes.get('written', connectionId, mapping.object, batch.map((p) => p.canonicalId));
  const crmIds = await stores.crosswalk.crmIds(connectionId, mapping.object, batch.map((p) => p.canonicalId));
  const prepared: Prepared[] = [];
  for (const [index, pending] of batch.entries()) {
    const record = records[index];
    const outgoing = record ? input.view.valuesFor(record, mapping.canonical, connectionId) : undefined;
    if (!outgoing) {
      counts.unchanged += 1;
      continue;
    }
    if (record && holdsAlready(record.sources.get(connectionId)?.values, outgoing.values, mapping, outgoing.allowed)) {
      counts.unchanged += 1;
      continue;
    }
    const { values, errors } = toCrm(mapping, outgoing.values, outgoing.allowed);
    if (errors.length > 0) {
      counts.failed += 1;
      await parkRecord(input, pending.canonicalId, 'MAPPING', errors.map((e) => `${e.crm}: ${e.message}`).join('; '));
      continue;
    }
    const hash = contentHash(values);
    if (lastWritten[index] === hash) {
      counts.unchanged += 1;
      continue;
    }
    // A record the target already has (ours, or one its users created and that was linked) is written by
    // its CRM id and given our external id; only records it does not have yet are upserted by the external id.
    const crmId = crmIds[index];
    prepared.push({ pending, hash, input: { externalId: pending.canonicalId, crmId, fields: values } });
  }
  return prepared;
}

/**
 * True when the target CRM, as last read, already holds every value that would be written: our own write
 * read back, or two sides that already agree, cost no call.
 */
function holdsAlready(
  current: Readonly<Record<string, unknown>> | undefined,
  outgoing: Readonly<Record<string, unknown>>,
  mapping: CompiledMapping,
  allowed: ReadonlySet<string> | undefined,
): boolean {
  if (!current) return false;
  const written = mapping.fields.filter((f) => (f.direction === 'both' || f.direction === 'to-crm') && (!allowed || allowed.has(f.canonical)) && f.canonical in outgoing);
  return written.length > 0 && written.every((f) => f.canonical in current && stableJson(current[f.canonical] ?? null) === stableJson(outgoing[f.canonical] ?? null));
}

async function parkRecord(input: WritePassInput, canonicalId: string, code: string, message: string): Promise<void> {
  await input.deadLetters.recordItem({
    queue: 'write-back',
    jobId: input.jobId,
    jobName: 'record',
    key: `${input.connectionId}--${input.mapping.object}--${canonicalId}`,
    replay: { connectionId: input.connectionId, object: input.object, canonicalIds: [canonicalId] },
    error: { name: 'CrmRecordRejected', message, crmCode: code },
    attemptsMade: 1,
    enqueuedAt: new Date().toISOString(),
  });
  input.logger.warn({ canonicalId, crmCode: code }, `record not written: ${message}`);
}
