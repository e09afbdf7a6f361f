import type { SyncObject } from '../config/schedule-schema.js';
import type { WriteTarget } from './change-router.js';
import type { EngineRuntime } from './engine-runtime.js';
import { runIngestPass, type PassCounts } from './ingest-pass.js';
import { accountChangeRecorder, accountMappingNow } from './overlaps/account-mapping-processor.js';
import { BATCH_SIZE, resolveMapping } from './resolve-mapping.js';
import { runWritePass, type WritePassCounts } from './write-pass.js';

/**
 * One sync pass now, in this process (what `cosell sync` runs): the ingest pass of a connection's object,
 * then the write-back of everything it queued, target by target. Same code paths as the queued jobs.
 */
export async function syncNow(runtime: EngineRuntime, connectionId: string, object: SyncObject, jobId: string): Promise<{ ingest: PassCounts; writes: (WritePassCounts & WriteTarget)[] }> {
  const { mapping } = resolveMapping(runtime.connectors, runtime.mappings, connectionId, object);
  const targets = new Map<string, WriteTarget>();
  const recordAccountChanges = object === 'account' ? accountChangeRecorder(runtime, connectionId) : undefined;
  const runId = await runtime.stores.runs.start(connectionId, object, 'manual');
  const ingest = await runIngestPass({
    connector: runtime.connectors.get(connectionId),
    connectionId,
    object,
    mapping,
    stores: runtime.stores,
    deadLetters: runtime.deadLetters,
    router: runtime.rules,
    onTargets: (found) => {
      for (const target of found) targets.set(`${target.connectionId}/${target.object}`, target);
      return Promise.resolve();
    },
    ...(recordAccountChanges ? { onChanged: recordAccountChanges } : {}),
    runId,
    jobId,
    lookbackMs: runtime.settings.lookbackMs,
    logger: runtime.logger,
  });
  await runtime.stores.runs.finish(runId);
  // Changed accounts: account mapping now, and its write-back with the rest.
  if (recordAccountChanges) {
    const mapping = await accountMappingNow(runtime, runtime.logger, 0, jobId);
    for (const target of mapping.targets) targets.set(`${target.connectionId}/${target.object}`, target);
  }
  const writes = await writeNow(runtime, [...targets.values()], jobId);
  return { ingest, writes };
}

/** The write-back of everything waiting for some targets, now, in this process. */
export async function writeNow(runtime: EngineRuntime, targets: readonly WriteTarget[], jobId: string): Promise<(WritePassCounts & WriteTarget)[]> {
  const writes: (WritePassCounts & WriteTarget)[] = [];
  for (const target of targets) {
    const { mapping: targetMapping, kind } = resolveMapping(runtime.connectors, runtime.mappings, target.connectionId, target.object);
    const writeRun = await runtime.stores.runs.start(target.connectionId, target.object, 'write-back');
    const counts = await runWritePass({
      connector: runtime.connectors.get(target.connectionId),
      connectionId: target.connectionId,
      object: target.object,
      mapping: targetMapping,
      stores: runtime.stores,
      view: runtime.rules,
      deadLetters: runtime.deadLetters,
      batchSize: BATCH_SIZE[kind],
      runId: writeRun,
      jobId,
      logger: runtime.logger,
    });
    await runtime.stores.runs.finish(writeRun);
    writes.push({ ...target, ...counts });
  }
  return writes;
}
