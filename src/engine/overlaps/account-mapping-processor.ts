import type { Logger } from '../../logging/logger.js';
import { matchQueue } from '../../queues/queue-catalog.js';
import { registerProcessor, type ProcessorRegistration } from '../../runtime/processor-registration.js';
import type { FlushOptions, WriteTarget } from '../change-router.js';
import type { EngineRuntime } from '../engine-runtime.js';
import { bringCopiesInLine } from '../copies-in-line.js';
import { WriteLock } from '../write-lock.js';
import { REPORT_EVERY_MS, runAccountMapping } from './account-mapping-pass.js';
import { mappingDeferral } from './account-writes-waiting.js';
import { isMapped } from './overlap-fields.js';

/**
 * Account mapping's lock lives longer than a write pass's: building the matching indexes of a million accounts
 * keeps the process busy in long stretches, between which the lock must not lapse.
 */
const ACCOUNT_MAPPING_LOCK_MS = 60_000;
/** While a pass runs, account mapping runs at most this often (a long first load shows overlaps as it goes). */
const MAPPING_DURING_PASS_EVERY_MS = 60_000;

/** What a job that commits account changes tells account mapping. */
export interface AccountChangeListener {
  /** Records committed changes (an ingest page, removals). */
  onChanged(canonicalIds: readonly string[]): Promise<void>;
  /** The job's commits are over (done, failed or stopped): one run for what it recorded, now. */
  settled(): Promise<void>;
}

/**
 * Account changes committed by an ingest or removal pass: recorded for account mapping as they are committed,
 * and one run queued when the pass is over. A run during the pass would compete with it for the CPU and
 * re-match what the next page changes again (a first load commits a page every few milliseconds), so while it
 * runs a run is queued at most every MAPPING_DURING_PASS_EVERY_MS. Changes stay recorded in the stream whatever
 * happens to the job: a worker crashing mid-pass queues a run when it starts again.
 */
export function accountChangeListener(runtime: EngineRuntime, connectionId: string): AccountChangeListener | undefined {
  const record = accountChangeRecorder(runtime, connectionId);
  if (!record) return undefined;
  let unqueued = false;
  let queuedAt = Date.now();
  return {
    async onChanged(canonicalIds) {
      await record(canonicalIds);
      unqueued = true;
      if (Date.now() - queuedAt < MAPPING_DURING_PASS_EVERY_MS) return;
      await queueAccountMapping(runtime);
      unqueued = false;
      queuedAt = Date.now();
    },
    async settled() {
      if (unqueued) await queueAccountMapping(runtime);
    },
  };
}

/** Queues one account mapping run soon (one per coalescing window, however many ask in it). */
async function queueAccountMapping(runtime: EngineRuntime): Promise<void> {
  const window = runtime.settings.coalesceMs;
  await runtime.accountMapping.queue.add('match', { trigger: 'change' }, { delay: window, deduplication: { id: 'match--accounts', ttl: Math.max(window, 1) } });
}

/** Records account changes for account mapping without queueing a run (the caller runs it: `cosell sync`). */
export function accountChangeRecorder(runtime: EngineRuntime, connectionId: string): ((canonicalIds: readonly string[]) => Promise<void>) | undefined {
  const mapped = runtime.workspace.partners.filter(isMapped);
  if (mapped.length === 0 || (connectionId !== 'vendor' && !mapped.some((p) => p.id === connectionId))) return undefined;
  return (canonicalIds) => runtime.accountMapping.changes.append(connectionId, canonicalIds);
}

/**
 * The `match` queue's processor: one account mapping run at a time across all worker processes (the runs
 * share the vendor accounts' write-back values), then the write passes for what it changed.
 */
export function accountMappingProcessor(runtime: EngineRuntime, flush: (targets: readonly WriteTarget[], options?: FlushOptions) => Promise<void>): ProcessorRegistration {
  return registerProcessor(matchQueue, async (payload, { job, logger }) => {
    // Account writes first, while they land (see mappingDeferral).
    const deferral = await mappingDeferral(runtime, { id: job.id ?? '', queuedAt: job.timestamp });
    if (deferral) throw deferral;
    const { counts, targets, reportDueInMs } = await accountMappingNow(runtime, logger, REPORT_EVERY_MS, job.id ?? '');
    // The run is over: its writes go at once.
    await flush(targets, { ended: true });
    // Changes came faster than reports are rebuilt: one more run when the next report is due.
    if (reportDueInMs !== undefined) await runtime.accountMapping.queue.add('match', { trigger: 'schedule' }, { delay: reportDueInMs, deduplication: { id: 'match--report', ttl: Math.max(reportDueInMs, 1) } });
    logger.info({ ...counts, trigger: payload.trigger }, 'account mapping done');
    return counts;
  });
}

/**
 * One account mapping run in this process, holding the lock every run takes (a run elsewhere defers this one).
 * Copies of vendor accounts a partner may no longer hold (its sharing is no longer `all`) go first.
 */
export async function accountMappingNow(runtime: EngineRuntime, logger: Logger, reportEveryMs = 0, jobId = ''): ReturnType<typeof runAccountMapping> {
  const lock = new WriteLock(runtime.redis, runtime.prefix, 'account-mapping', 'accounts', ACCOUNT_MAPPING_LOCK_MS);
  await lock.acquire(Math.max(250, runtime.settings.coalesceMs));
  // A full run over a million accounts (or a slow partner CRM deleting copies) outlives the lock: kept while it
  // works, so no second run starts beside it.
  const held = lock.keepAlive(() => {
    logger.warn({ jobId }, 'account mapping lost its lock while running (this process stalled, or Redis lost the key); another run may start beside it');
  });
  try {
    const copies = await bringCopiesInLine(runtime, jobId, logger);
    const run = await runAccountMapping({ ...runtime.accountMapping, workspace: runtime.workspace, stores: runtime.stores, state: runtime, logger, reportEveryMs });
    return { ...run, targets: [...run.targets, ...copies.targets] };
  } finally {
    held.stop();
    await lock.release();
  }
}
