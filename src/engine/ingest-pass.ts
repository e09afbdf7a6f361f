import type { CrmConnector, CrmRecord } from '../../connectors/shared/crm-connector.js';
import type { SyncObject } from '../config/schedule-schema.js';
import type { Logger } from '../logging/logger.js';
import { fromCrm } from '../mappings/apply-mapping.js';
import type { CompiledMapping } from '../mappings/compiled-mapping.js';
import type { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import { canonicalIdFor } from '../state/canonical-ids.js';
import type { ChangeRouter, FlushOptions, WriteTarget } from './change-router.js';
import type { EngineStores } from './engine-context.js';

export interface PassCounts {
  read: number;
  changed: number;
  unchanged: number;
  failed: number;
  pages: number;
}

export interface IngestPassInput {
  connector: CrmConnector;
  connectionId: string;
  object: SyncObject;
  mapping: CompiledMapping;
  stores: EngineStores;
  deadLetters: DeadLetterQueue;
  router: ChangeRouter;
  /** Called with the targets that received new pending writes, after each page is committed (and `ended` when the pass is over). */
  onTargets: (targets: readonly WriteTarget[], options?: FlushOptions) => Promise<void>;
  /** Called with the canonical ids whose values changed, after each page is committed (account mapping follows them). */
  onChanged?: (canonicalIds: readonly string[]) => Promise<void>;
  runId: string;
  jobId: string;
  lookbackMs: number;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * One incremental read of a connection's object: page by page, map each record to the canonical model,
 * record what changed (repeats and our own writes read back change nothing), queue the writes the
 * router asks for, and only then move the cursor. A crash anywhere repeats at most the current page.
 */
export async function runIngestPass(input: IngestPassInput): Promise<PassCounts> {
  const counts: PassCounts = { read: 0, changed: 0, unchanged: 0, failed: 0, pages: 0 };
  // The targets this pass routes changes into are fed by its job while it runs (see feeding-passes.ts).
  try {
    await readPages(input, counts);
  } finally {
    await endFeeding(input);
  }
  return counts;
}

async function readPages(input: IngestPassInput, counts: PassCounts): Promise<void> {
  const { connector, connectionId, mapping, stores, object } = input;
  // Changes a stopped pass recorded but never routed go to their targets first (see routeLeftovers).
  counts.changed += await routeLeftovers(input);
  const since = await stores.cursors.get(connectionId, object);
  const pages = connector.readChanges(mapping.object, {
    fields: mapping.crmFieldsToRead,
    since,
    lookbackMs: input.lookbackMs,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const iterator = pages[Symbol.asyncIterator]();
  try {
    let next = iterator.next();
    for (;;) {
      const result = await next;
      if (result.done === true) break;
      const page = result.value;
      input.signal?.throwIfAborted();
      // The next page is read while this one is committed (its cursor still moves only after its own commit).
      next = iterator.next();
      next.catch(() => undefined); // seen when awaited; a pass stopping before that must not leave it unhandled
      const pageCounts = await commitRecords(input, page.records, true);
      await stores.cursors.advance(connectionId, object, page.cursor);
      counts.pages += 1;
      counts.read += page.records.length;
      counts.changed += pageCounts.changed;
      counts.unchanged += pageCounts.unchanged;
      counts.failed += pageCounts.failed;
      await stores.runs.count(input.runId, {
        read: page.records.length,
        unchanged: pageCounts.unchanged,
        failed: pageCounts.failed,
      });
    }
  } finally {
    // Stopped early (an error, an abort): the reader cleans up (a bulk job is deleted) once its read settles.
    await iterator.return?.(undefined).catch(() => undefined);
  }
}

/**
 * The pass feeds no target any more; every target its source feeds gets a flush, for what write passes held
 * back meanwhile (partial last batches), for this pass or an earlier attempt of its job that died. Best
 * effort: a pass whose Redis is gone lapses as feeding on its own, and the next pass of its source flushes.
 */
async function endFeeding(input: IngestPassInput): Promise<void> {
  try {
    const targets = await input.stores.feeding.done({ connectionId: input.connectionId, object: input.object }, input.jobId);
    // Only targets with records waiting: a pass that changed nothing queues no flushes.
    const waiting = await Promise.all(targets.map((target) => input.stores.pending.count(target.connectionId, target.object)));
    const toFlush = targets.filter((_, index) => (waiting[index] ?? 0) > 0);
    if (toFlush.length > 0) await input.onTargets(toFlush, { ended: true });
  } catch (error) {
    input.logger.warn({ err: error, connectionId: input.connectionId, object: input.object }, 'could not end the pass\'s feeding of its targets; they count as fed until it lapses');
  }
}

/**
 * Commits records read from the CRM (a page of a pass, or records a webhook named). Within a pass (`inPass`),
 * the targets it routes into are marked as fed by the pass's job.
 */
export async function commitRecords(
  input: IngestPassInput,
  records: readonly CrmRecord[],
  inPass = false,
): Promise<{ changed: number; unchanged: number; failed: number }> {
  const { connectionId, mapping, stores, object } = input;
  let failed = 0;
  const converted: { record: CrmRecord; values: Record<string, unknown> }[] = [];
  for (const record of records) {
    const { values, errors } = fromCrm(mapping, record.fields);
    // Ids and times travel to Redis in line-separated lists: a line break in one is invalid input.
    if (record.id.includes('\n') || record.modifiedAt.includes('\n')) errors.push({ canonical: 'id', crm: 'id', message: 'the record id or modification time holds a line break' });
    if (errors.length === 0) {
      converted.push({ record, values });
      continue;
    }
    failed += 1;
    await input.deadLetters.recordItem({
      queue: 'ingest',
      jobId: input.jobId,
      jobName: 'record',
      key: `${connectionId}--${mapping.object}--${record.id}`,
      replay: { connectionId, object, trigger: 'manual', recordIds: [record.id] },
      error: { name: 'FieldConversionError', message: errors.map((e) => `${e.crm}: ${e.message}`).join('; '), crmCode: 'MAPPING' },
      attemptsMade: 1,
      enqueuedAt: new Date().toISOString(),
    });
  }

  const crmIds = converted.map((c) => c.record.id);
  const derived = crmIds.map((crmId) => canonicalIdFor(mapping.canonical, connectionId, mapping.object, crmId));
  const known = await stores.links.canonicalIds(connectionId, mapping.object, mapping.canonical, crmIds, derived);
  const items = converted.map(({ record, values }, index) => ({
    canonicalId: known[index] ?? ownCanonicalId(mapping, record) ?? (derived[index] as string),
    crmId: record.id,
    modifiedAt: record.modifiedAt,
    values,
    // Not linked yet: most likely a record this source never described (the canonical store tries a one-step insert).
    fresh: known[index] === undefined,
  }));
  // Only links other than the derived one take a crosswalk entry; a record under its derived id is linked by
  // its document, recorded below (see record-links.ts).
  const toLink = items.filter((item, index) => item.fresh && item.canonicalId !== derived[index]);
  // A record first seen here that carries one of our canonical ids was made by a write of ours; if that write
  // was interrupted before its commit, it is the engine's record (see create-intents.ts). Recorded before the
  // link: once linked, the retried write finds it by its CRM id (or has nothing to write) and could not tell.
  const ours = converted.flatMap(({ record }, index) => {
    const own = known[index] === undefined ? ownCanonicalId(mapping, record) : undefined;
    return own === undefined ? [] : [own];
  });
  if (ours.length > 0) await stores.createIntents.claim(connectionId, mapping.object, ours);
  // Sent together; Redis runs them in this order on the connection, and both finish before anything is routed.
  const [, outcomes] = await Promise.all([
    stores.crosswalk.linkMany(connectionId, mapping.object, toLink),
    stores.canonical.recordSources(mapping.canonical, connectionId, items),
  ]);

  const changes: Change[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    const item = items[index];
    if (item && outcome.status === 'changed') changes.push({ canonicalId: item.canonicalId, fields: outcome.fields });
  }
  await route(input, changes, inPass);
  return { changed: changes.length, unchanged: items.length - changes.length, failed };
}

interface Change {
  canonicalId: string;
  fields: readonly string[];
}

/**
 * Marks changed records waiting for every target the router names, schedules those targets' write-back,
 * tells `onChanged`, and only then takes the records off the source's unrouted list: until then a pass
 * that stopped (a crash, Redis lost) left them there, and the next pass routes them again.
 */
async function route(input: IngestPassInput, changes: readonly Change[], inPass: boolean): Promise<void> {
  if (changes.length === 0) return;
  const { connectionId, mapping, stores, object } = input;
  const targets = new Map<string, { target: WriteTarget; ids: string[] }>();
  for (const change of changes) {
    const routed = await input.router.targetsFor({ sourceConnectionId: connectionId, object, canonicalId: change.canonicalId, changedFields: change.fields });
    for (const target of routed) {
      const key = `${target.connectionId}/${target.object}`;
      const entry = targets.get(key) ?? { target, ids: [] };
      entry.ids.push(change.canonicalId);
      targets.set(key, entry);
    }
  }
  await Promise.all([...targets.values()].map(({ target, ids }) => stores.pending.mark(target.connectionId, target.object, ids)));
  const routedTo = [...targets.values()].map((t) => t.target);
  // Before the flush: a write pass it starts sees the target fed and holds back a partial last batch.
  if (inPass && routedTo.length > 0) await stores.feeding.feed({ connectionId, object }, routedTo, input.jobId);
  if (routedTo.length > 0) await input.onTargets(routedTo);
  const ids = changes.map((change) => change.canonicalId);
  await input.onChanged?.(ids);
  await stores.canonical.routed(mapping.canonical, connectionId, ids);
}

/** Leftovers routed per call. */
const LEFTOVERS_PER_ROUND = 1_000;

/**
 * Routes the records whose change was recorded by a pass that stopped before routing it. Which fields
 * changed is not known any more: every field read from this CRM may have. Returns how many were routed.
 */
async function routeLeftovers(input: IngestPassInput): Promise<number> {
  const { connectionId, mapping, stores } = input;
  const fields = mapping.fields.filter((f) => f.direction === 'from-crm' || f.direction === 'both').map((f) => f.canonical);
  let routed = 0;
  // Bounded: changes recorded meanwhile by another job are routed by that job.
  for (let round = 0; round < 100; round += 1) {
    const ids = await stores.canonical.unrouted(mapping.canonical, connectionId, LEFTOVERS_PER_ROUND);
    if (ids.length === 0) break;
    await route(input, ids.map((canonicalId) => ({ canonicalId, fields })), true);
    routed += ids.length;
    if (ids.length < LEFTOVERS_PER_ROUND) break;
  }
  if (routed > 0) input.logger.info({ connectionId, object: input.object, routed }, 'routed changes a stopped pass had recorded');
  return routed;
}

/** A record we created carries its canonical id in the external-id field: reuse it. */
function ownCanonicalId(mapping: CompiledMapping, record: CrmRecord): string | undefined {
  if (mapping.externalId === undefined) return undefined;
  const value = record.fields[mapping.externalId];
  return typeof value === 'string' && /^[a-z]{3}_[A-Za-z0-9]{22}$/.test(value) ? value : undefined;
}
