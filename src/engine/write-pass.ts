import pLimit, { type LimitFunction } from 'p-limit';
import type { CrmConnector, UpsertInput } from '../../connectors/shared/crm-connector.js';
import type { SyncObject } from '../config/schedule-schema.js';
import type { Logger } from '../logging/logger.js';
import { toCrm } from '../mappings/apply-mapping.js';
import type { CompiledMapping } from '../mappings/compiled-mapping.js';
import type { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import type { AuditEntry } from '../state/audit-log.js';
import type { PendingRecord } from '../state/pending-writes.js';
import { contentHash } from '../state/record-hashes.js';
import { sameValue } from '../state/stable-json.js';
import type { EngineStores } from './engine-context.js';
import type { OutgoingView } from './outgoing-view.js';

export interface WritePassCounts {
  written: number;
  unchanged: number;
  failed: number;
  calls: number;
  /** Records left waiting as a partial last batch while a pass feeds the target (see holdPartial). */
  held?: number;
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
  /**
   * Leave a partial last batch waiting while an ingest pass feeds this target (feeding-passes.ts): it brings
   * more records to fill it, and flushes the target when it ends. For queued flushes; a pass someone waits
   * for (`cosell sync`, a replay) writes everything.
   */
  holdPartial?: boolean;
}

interface Prepared {
  pending: PendingRecord;
  input: UpsertInput;
  hash: string;
}

/** CRM calls of a pass in flight at once (a round's batches, then the next round's as each one ends). */
const BATCHES_IN_FLIGHT = 4;
/** Rounds started and not yet settled: one committing, one calling, one being prepared. */
const ROUNDS_IN_FLIGHT = 3;

interface RoundInFlight {
  ids: ReadonlySet<string>;
  done: Promise<Round>;
}

/**
 * Writes everything waiting for one connection's object, in full batches (a few in flight at once): each record's outgoing values
 * are computed, unchanged ones cost nothing (the hash of what was last written), the rest go out as
 * upserts by external id with one outcome per record. A failed record is parked in the dead-letter queue
 * with the CRM's code; the others are committed. A batch leaves the waiting list only once committed.
 */
export async function runWritePass(input: WritePassInput): Promise<WritePassCounts> {
  const counts: WritePassCounts = { written: 0, unchanged: 0, failed: 0, calls: 0 };
  const { stores, connectionId, object, mapping } = input;
  const externalId = mapping.externalId;
  if (externalId === undefined) throw new Error(`mapping ${mapping.crm}/${mapping.object} has no externalId: it cannot be written`);
  const limit = input.batchSize * BATCHES_IN_FLIGHT;
  const settle = async (round: RoundInFlight): Promise<void> => {
    const result = await round.done;
    counts.written += result.counts.written;
    counts.unchanged += result.counts.unchanged;
    counts.failed += result.counts.failed;
    counts.calls += result.counts.calls;
    if (result.failure) throw result.failure.reason;
  };
  // Rounds overlap: while one round makes its calls, the one before commits and the one after is read and
  // prepared, so neither Redis step waits on the other or holds back the calls. At most BATCHES_IN_FLIGHT
  // calls are in flight in the pass, taken in order: a round's calls start as the previous round's end, one
  // by one, not once the slowest of them has. Records of the rounds in flight are left out of the next one,
  // so no record is in two rounds at once.
  const callSlots = pLimit(BATCHES_IN_FLIGHT);
  const rounds: RoundInFlight[] = [];
  try {
    for (;;) {
      input.signal?.throwIfAborted();
      const taken = new Set(rounds.flatMap((round) => [...round.ids]));
      const waiting = await stores.pending.peek(connectionId, object, limit, taken);
      if (waiting.length === 0) break;
      const toWrite = waiting.length < limit ? await withoutHeldTail(input, waiting, counts) : waiting;
      if (toWrite.length > 0) rounds.push(startRound(input, externalId, toWrite, callSlots));
      if (waiting.length < limit) break;
      const oldest = rounds.length >= ROUNDS_IN_FLIGHT ? rounds.shift() : undefined;
      if (oldest) await settle(oldest);
    }
    for (let round = rounds.shift(); round; round = rounds.shift()) await settle(round);
  } catch (error) {
    // Every round settles before the pass stops: none is left writing behind a deferred job.
    await Promise.all(rounds.map((round) => round.done.catch(() => undefined)));
    throw error;
  }
  return counts;
}

/**
 * The last round's records less a partial batch at its end, when the pass holds one back (holdPartial) and a
 * pass feeds the target now. The held records stay waiting, first in line.
 */
async function withoutHeldTail(input: WritePassInput, waiting: readonly PendingRecord[], counts: WritePassCounts): Promise<readonly PendingRecord[]> {
  const whole = waiting.length - (waiting.length % input.batchSize);
  if (input.holdPartial !== true || whole === waiting.length) return waiting;
  if (!(await input.stores.feeding.live(input.connectionId, input.object))) return waiting;
  counts.held = waiting.length - whole;
  return waiting.slice(0, whole);
}

interface Round {
  counts: WritePassCounts;
  failure?: PromiseRejectedResult;
}

/** A round started now; its calls go out through the pass's call slots. */
function startRound(input: WritePassInput, externalId: string, waiting: readonly PendingRecord[], callSlots: LimitFunction): RoundInFlight {
  const done = writeRound(input, externalId, waiting, callSlots);
  done.catch(() => undefined); // settled by the pass, even when an earlier round fails first
  return { ids: new Set(waiting.map((p) => p.canonicalId)), done };
}

/**
 * One round: the waiting records read and prepared together, the ones to write sent in batches (one call
 * each, all in flight at once), then the batches that went through committed (the records created first,
 * then hashes, links and one audit entry per batch together) and only then taken off the waiting list,
 * with the records that needed no write. A batch whose call failed stays waiting, whole; every batch
 * settles before the pass goes on or stops, so none is left writing behind a deferred job.
 */
async function writeRound(input: WritePassInput, externalId: string, waiting: readonly PendingRecord[], callSlots: LimitFunction): Promise<Round> {
  const { stores, connectionId, object, mapping } = input;
  const counts: WritePassCounts = { written: 0, unchanged: 0, failed: 0, calls: 0 };
  const prepared = await prepare(input, waiting, counts);
  const batches: Prepared[][] = [];
  for (let start = 0; start < prepared.length; start += input.batchSize) batches.push(prepared.slice(start, start + input.batchSize));
  // Before any call: a record upserted by external id may be created by it, and an interruption before the
  // commit must not lose that. Ids an earlier attempt left open come back (see create-intents.ts).
  const interrupted = await stores.createIntents.open(connectionId, mapping.object, prepared.filter((p) => p.input.crmId === undefined).map((p) => p.input.externalId));
  const settled = await Promise.allSettled(batches.map((batch) => callSlots(() => input.connector.upsert(mapping.object, externalId, batch.map((p) => p.input)))));

  const written = new Map<string, string>();
  const links: { canonicalId: string; crmId: string }[] = [];
  const toLink: { canonicalId: string; crmId: string }[] = [];
  const made: string[] = [];
  const audit: AuditEntry[] = [];
  const notWritten = new Set<string>();
  let failure: PromiseRejectedResult | undefined;
  for (const [index, result] of settled.entries()) {
    const batch = batches[index] ?? [];
    if (result.status === 'rejected') {
      failure ??= result;
      for (const item of batch) notWritten.add(item.pending.canonicalId);
      continue;
    }
    counts.calls += 1;
    const batchLinks: { canonicalId: string; crmId: string }[] = [];
    for (const [position, outcome] of result.value.entries()) {
      const item = batch[position];
      if (!item) continue;
      if (outcome.ok) {
        written.set(item.input.externalId, item.hash);
        batchLinks.push({ canonicalId: item.input.externalId, crmId: outcome.id });
        // A record of this CRM's own, written by its CRM id and still under its derived id, needs no entry.
        if (item.input.crmId !== outcome.id || !stores.links.isImplicit(mapping.canonical, connectionId, mapping.object, item.input.externalId, outcome.id)) toLink.push({ canonicalId: item.input.externalId, crmId: outcome.id });
        // Ours: created now, or found by our external id after an earlier attempt of ours created it and was
        // interrupted. A record the target's users made and that was linked is written by its CRM id: never ours.
        if (outcome.created || (item.input.crmId === undefined && interrupted.has(item.input.externalId))) made.push(item.input.externalId);
        counts.written += 1;
      } else {
        counts.failed += 1;
        await parkRecord(input, item.input.externalId, outcome.error.code, outcome.error.message);
      }
    }
    links.push(...batchLinks);
    // One entry per batch written, naming every record (canonical ids and CRM ids, in the same order).
    if (batchLinks.length > 0) {
      audit.push({
        who: 'engine',
        what: `upsert ${connectionId} ${mapping.object}: ${String(batchLinks.length)} record${batchLinks.length === 1 ? '' : 's'}`,
        why: `canonical ${mapping.canonical} records changed`,
        refs: { job: input.jobId, canonicalIds: batchLinks.map((link) => link.canonicalId).join(','), crmIds: batchLinks.map((link) => link.crmId).join(',') },
      });
    }
  }
  if (links.length > 0 || written.size > 0) {
    // Only records the engine created may be deleted when their origin is (see removal-pass.ts). Recorded
    // first: once a link or a hash is committed, a retry no longer upserts by external id and could not tell.
    // Failed records keep their intents open (an earlier attempt may have created them).
    await stores.createIntents.settle(connectionId, mapping.object, made, links.map((link) => link.canonicalId));
    await Promise.all([
      stores.hashes.set('written', connectionId, mapping.object, written),
      stores.crosswalk.linkMany(connectionId, mapping.object, toLink),
      stores.audit.append(audit),
    ]);
  }
  await Promise.all([
    stores.pending.ack(connectionId, object, notWritten.size === 0 ? waiting : waiting.filter((p) => !notWritten.has(p.canonicalId))),
    stores.runs.count(input.runId, { written: counts.written, failed: counts.failed, unchanged: counts.unchanged, apiCalls: counts.calls }),
  ]);
  return failure ? { counts, failure } : { counts };
}

async function prepare(input: WritePassInput, batch: readonly PendingRecord[], counts: WritePassCounts): Promise<Prepared[]> {
  const { stores, mapping, connectionId } = input;
  const ids = batch.map((p) => p.canonicalId);
  // The target's own documents are always read: a record first seen there is linked by its document.
  const sources = input.view.sourcesFor(mapping.canonical, connectionId);
  const [records, lastWritten, crmIds] = await Promise.all([
    stores.canonical.getMany(mapping.canonical, ids, sources === undefined || sources.includes(connectionId) ? sources : [...sources, connectionId]),
    stores.hashes.get('written', connectionId, mapping.object, ids),
    stores.crosswalk.crmIds(connectionId, mapping.object, ids),
  ]);
  const written = writtenFields(mapping);
  const prepared: Prepared[] = [];
  for (const [index, pending] of batch.entries()) {
    const record = records[index];
    const outgoing = record ? input.view.valuesFor(record, mapping.canonical, connectionId) : undefined;
    if (!outgoing) {
      counts.unchanged += 1;
      continue;
    }
    if (record && holdsAlready(record.sources.get(connectionId)?.values, outgoing.values, written, outgoing.allowed)) {
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
    const crmId = crmIds[index] ?? implicitCrmId(input, pending.canonicalId, record?.sources.get(connectionId)?.crmId);
    prepared.push({ pending, hash, input: { externalId: pending.canonicalId, crmId, fields: values } });
  }
  return prepared;
}

/** The target's CRM id of a record first seen there, from its document (the link is implicit: record-links.ts). */
function implicitCrmId(input: WritePassInput, canonicalId: string, described: string | undefined): string | undefined {
  if (described === undefined) return undefined;
  return input.stores.links.isImplicit(input.mapping.canonical, input.connectionId, input.mapping.object, canonicalId, described) ? described : undefined;
}

/** The canonical fields a mapping writes to its CRM, once per mapping. */
const WRITTEN_FIELDS = new WeakMap<CompiledMapping, readonly string[]>();
function writtenFields(mapping: CompiledMapping): readonly string[] {
  let fields = WRITTEN_FIELDS.get(mapping);
  if (!fields) {
    fields = mapping.fields.filter((f) => f.direction === 'both' || f.direction === 'to-crm').map((f) => f.canonical);
    WRITTEN_FIELDS.set(mapping, fields);
  }
  return fields;
}

/**
 * True when the target CRM, as last read, already holds every value that would be written: our own write
 * read back, or two sides that already agree, cost no call.
 */
function holdsAlready(
  current: Readonly<Record<string, unknown>> | undefined,
  outgoing: Readonly<Record<string, unknown>>,
  writtenFields: readonly string[],
  allowed: ReadonlySet<string> | undefined,
): boolean {
  if (!current) return false;
  let any = false;
  for (const field of writtenFields) {
    if ((allowed && !allowed.has(field)) || !(field in outgoing)) continue;
    if (!(field in current) || !sameValue(current[field] ?? null, outgoing[field] ?? null)) return false;
    any = true;
  }
  return any;
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
