import { UnrecoverableError } from 'bullmq';
import type { SyncObject } from '../config/schedule-schema.js';
import { ingestQueue, writeBackQueue } from '../queues/queue-catalog.js';
import { registerProcessor, type ProcessorRegistration } from '../runtime/processor-registration.js';
import type { FlushOptions, WriteTarget } from './change-router.js';
import type { EngineRuntime } from './engine-runtime.js';
import { commitRecords, runIngestPass, type PassCounts } from './ingest-pass.js';
import { MappingNotFoundError } from './mapping-not-found-error.js';
import { BATCH_SIZE, resolveMapping } from './resolve-mapping.js';
import type { CopyTarget } from './delete-copies.js';
import { runRemovalPass } from './removal-pass.js';
import { writeProgramStatus } from './program-status.js';
import { accountChangeListener, accountMappingProcessor } from './overlaps/account-mapping-processor.js';
import { WriteLock } from './write-lock.js';
import { runWritePass } from './write-pass.js';

/** Objects whose deletions and merges are read (owners and partner records are kept current by their changes). */
const REMOVABLE: ReadonlySet<SyncObject> = new Set(['account', 'opportunity', 'contact']);


/** The sync engine's job processors: ingest (read changes) and write-back (write waiting records). */
export function engineProcessors(runtime: EngineRuntime): ProcessorRegistration[] {
  // A job whose connection or mapping is gone cannot succeed by retrying.
  const mappingFor = (connectionId: string, object: SyncObject): ReturnType<typeof resolveMapping> => {
    try {
      return resolveMapping(runtime.connectors, runtime.mappings, connectionId, object);
    } catch (error) {
      throw error instanceof MappingNotFoundError ? new UnrecoverableError(error.message) : error;
    }
  };

  // One flush job per target at a time, and at most one more behind it: a flush added while one waits (or is
  // deferred) is covered by it; one added while it runs comes back once it ends, for records it may have missed.
  // Flushes never queue up behind a long pass, each polling the write lock and then finding nothing.
  // A flush waits out the coalescing window only when there is something to gather: it goes at once (bringing a
  // waiting one forward) when a whole batch already waits, or when what produced the records has ended.
  const flush = async (targets: readonly WriteTarget[], options: FlushOptions = {}): Promise<void> => {
    for (const target of targets) {
      const settings = runtime.connectors.settings(target.connectionId);
      // A connection taken out of the workspace (a source still lists it among its targets) gets no more writes.
      if (settings === undefined) continue;
      const now = options.ended === true || (await runtime.stores.pending.count(target.connectionId, target.object)) >= BATCH_SIZE[settings.kind];
      await runtime.writeBack.add('flush', { connectionId: target.connectionId, object: target.object }, {
        delay: now ? 0 : runtime.settings.coalesceMs,
        deduplication: { id: `flush--${target.connectionId}--${target.object}`, keepLastIfActive: true, ...(now ? { reschedule: true } : {}) },
      });
    }
  };

  // The vendor is the source of truth: copies of its records in partner CRMs go when it removes them.
  // A partner's removals only unlink its own records.
  const copyTargetsOf = (connectionId: string, object: SyncObject): CopyTarget[] => {
    if (connectionId !== 'vendor') return [];
    return runtime.workspace.partners.flatMap((partner) => {
      try {
        const { mapping } = resolveMapping(runtime.connectors, runtime.mappings, partner.id, object);
        return [{ connectionId: partner.id, connector: runtime.connectors.get(partner.id), crmObject: mapping.object }];
      } catch (error) {
        if (error instanceof MappingNotFoundError) return [];
        throw error;
      }
    });
  };

  const ingest = registerProcessor(
    ingestQueue,
    async (payload, { job, logger, signal }) => {
      const { mapping } = mappingFor(payload.connectionId, payload.object);
      const connector = runtime.connectors.get(payload.connectionId);
      const runId = await runtime.stores.runs.start(payload.connectionId, payload.object, payload.trigger);
      const callsBefore = connector.calls();
      const accountChanges = payload.object === 'account' ? accountChangeListener(runtime, payload.connectionId) : undefined;
      const input = {
        connector,
        connectionId: payload.connectionId,
        object: payload.object,
        mapping,
        stores: runtime.stores,
        deadLetters: runtime.deadLetters,
        router: runtime.rules,
        onTargets: flush,
        ...(accountChanges ? { onChanged: (ids: readonly string[]) => accountChanges.onChanged(ids) } : {}),
        runId,
        jobId: job.id ?? '',
        lookbackMs: runtime.settings.lookbackMs,
        logger,
        signal,
      };
      try {
        let counts: PassCounts;
        if (payload.recordIds) {
          const records = await connector.readByIds(mapping.object, payload.recordIds, mapping.crmFieldsToRead);
          const committed = await commitRecords(input, records);
          await runtime.stores.runs.count(runId, { read: records.length, unchanged: committed.unchanged, failed: committed.failed });
          counts = { read: records.length, pages: 1, ...committed };
        } else {
          counts = await runIngestPass(input);
          if (REMOVABLE.has(payload.object)) {
            const removals = await runRemovalPass({ ...input, copyTargets: copyTargetsOf(payload.connectionId, payload.object) });
            if (removals.removed > 0) logger.info({ ...removals, runId }, 'removals applied');
          }
        }
        await runtime.stores.runs.count(runId, { apiCalls: connector.calls() - callsBefore });
        // The partner directory changed: each partner's CRM gets its current program standing.
        if (payload.connectionId === 'vendor' && payload.object === 'partner' && counts.changed > 0) {
          for (const partner of runtime.workspace.partners) await runtime.writeBack.add('flush', { connectionId: partner.id, object: 'partner' });
        }
        await runtime.stores.runs.finish(runId);
        logger.info({ ...counts, runId }, 'ingest pass done');
        return counts;
      } catch (error) {
        await runtime.stores.runs.finish(runId, { error: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        await accountChanges?.settled();
      }
    },
    2,
  );

  const writeBack = registerProcessor(
    writeBackQueue,
    async (payload, { job, logger, signal }) => {
      if (payload.object === 'partner' && payload.connectionId !== 'vendor') {
        const written = await writeProgramStatus(runtime, payload.connectionId, job.id ?? '', logger);
        logger.info(written, 'program status pass done');
        return written;
      }
      const { mapping, kind } = mappingFor(payload.connectionId, payload.object);
      const waiting = payload.canonicalIds
        ? await runtime.stores.pending.mark(payload.connectionId, payload.object, payload.canonicalIds)
        : await runtime.stores.pending.count(payload.connectionId, payload.object);
      // Nothing waiting (a flush after a pass that took everything): no pass, no run to record.
      if (waiting === 0) return { written: 0, unchanged: 0, failed: 0, calls: 0 };
      // Less than a batch while an ingest pass feeds the target: it brings more, and flushes when it ends.
      const holdPartial = payload.canonicalIds === undefined;
      if (holdPartial && waiting < BATCH_SIZE[kind] && (await runtime.stores.feeding.live(payload.connectionId, payload.object))) {
        return { written: 0, unchanged: 0, failed: 0, calls: 0, held: waiting };
      }
      const lock = new WriteLock(runtime.redis, runtime.prefix, payload.connectionId, payload.object, runtime.settings.writeLockMs);
      await lock.acquire(Math.max(250, runtime.settings.coalesceMs));
      const runId = await runtime.stores.runs.start(payload.connectionId, payload.object, 'write-back');
      // Kept on a timer, not between rounds: a round waiting out a rate limit or retries may outlast the lock's
      // short life, which is what lets a crashed worker's target be written again within seconds.
      const held = lock.keepAlive(() => {
        logger.warn({ connectionId: payload.connectionId, object: payload.object }, 'write pass lost its lock while running (this process stalled, or Redis lost the key); another pass may write beside it');
      });
      try {
        const counts = await runWritePass({
          connector: runtime.connectors.get(payload.connectionId),
          connectionId: payload.connectionId,
          object: payload.object,
          mapping,
          stores: runtime.stores,
          view: runtime.rules,
          deadLetters: runtime.deadLetters,
          batchSize: BATCH_SIZE[kind],
          holdPartial,
          runId,
          jobId: job.id ?? '',
          logger,
          signal,
        });
        await runtime.stores.runs.finish(runId);
        logger.info({ ...counts, runId }, 'write-back pass done');
        return counts;
      } catch (error) {
        await runtime.stores.runs.finish(runId, { error: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        held.stop();
        await lock.release();
      }
    },
    4,
  );

  return [ingest, writeBack, accountMappingProcessor(runtime, flush)];
}
