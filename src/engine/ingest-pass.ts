import type { CrmConnector, CrmRecord } from '../../connectors/shared/crm-connector.js';
import type { SyncObject } from '../config/schedule-schema.js';
import type { Logger } from '../logging/logger.js';
import { fromCrm } from '../mappings/apply-mapping.js';
import type { CompiledMapping } from '../mappings/compiled-mapping.js';
import type { DeadLetterQueue } from '../queues/dead-letter-queue.js';
import { canonicalIdFor } from '../state/canonical-ids.js';
import type { ChangeRouter, WriteTarget } from './change-router.js';
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
  /** Called with the targets that received new pending writes, after each page is committed. */
  onTargets: (targets: readonly WriteTarget[]) => Promise<void>;
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
  const { connector, connectionId, mapping, stores, object } = input;
  const counts: PassCounts = { read: 0, changed: 0, unchanged: 0, failed: 0, pages: 0 };
  const since = await stores.cursors.get(connectionId, object);
  const pages = connector.readChanges(mapping.object, {
    fields: mapping.crmFieldsToRead,
    since,
    lookbackMs: input.lookbackMs,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  for await (const page of pages) {
    input.signal?.throwIfAborted();
    const pageCounts = await commitRecords(input, page.records);
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
  return counts;
}

/** Commits records read from the CRM (a page of a pass, or records a webhook named). */
export async function commitRecords(
  input: IngestPassInput,
  records: readonly CrmRecord[],
): Promise<{ changed: number; unchanged: number; failed: number }> {
  const { connectionId, mapping, stores, object } = input;
  let failed = 0;
  const converted: { record: CrmRecord; values: Record<string, unknown> }[] = [];
  for (const record of records) {
    const { values, errors } = fromCrm(mapping, record.fields);
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

  const known = await stores.crosswalk.canonicalIds(connectionId, mapping.object, converted.map((c) => c.record.id));
  const items = converted.map(({ record, values }, index) => ({
    canonicalId: known[index] ?? ownCanonicalId(mapping, record) ?? canonicalIdFor(mapping.canonical, connectionId, mapping.object, record.id),
    crmId: record.id,
    modifiedAt: record.modifiedAt,
    values,
  }));
  await stores.crosswalk.linkMany(connectionId, mapping.object, items.filter((_, i) => known[i] === undefined));
  const outcomes = await stores.canonical.recordSources(mapping.canonical, connectionId, items);

  const targets = new Map<string, { target: WriteTarget; ids: string[] }>();
  let changed = 0;
  for (const [index, outcome] of outcomes.entries()) {
    const item = items[index];
    if (!item || outcome.status !== 'changed') continue;
    changed += 1;
    const routed = await input.router.targetsFor({ sourceConnectionId: connectionId, object, canonicalId: item.canonicalId, changedFields: outcome.fields });
    for (const target of routed) {
      const key = `${target.connectionId}/${target.object}`;
      const entry = targets.get(key) ?? { target, ids: [] };
      entry.ids.push(item.canonicalId);
      targets.set(key, entry);
    }
  }
  for (const { target, ids } of targets.values()) await stores.pending.mark(target.connectionId, target.object, ids);
  if (targets.size > 0) await input.onTargets([...targets.values()].map((t) => t.target));
  return { changed, unchanged: items.length - changed, failed };
}

/** A record we created carries its canonical id in the external-id field: reuse it. */
function ownCanonicalId(mapping: CompiledMapping, record: CrmRecord): string | undefined {
  if (mapping.externalId === undefined) return undefined;
  const value = record.fields[mapping.externalId];
  return typeof value === 'string' && /^[a-z]{3}_[A-Za-z0-9]{22}$/.test(value) ? value : undefined;
}
