import { setTimeout as sleep } from 'node:timers/promises';
import type { SyncObject } from '../config/schedule-schema.js';
import type { EngineStores } from '../engine/engine-context.js';
import type { JobQueue } from '../queues/job-queue.js';
import type { ingestQueue, matchQueue, writeBackQueue } from '../queues/queue-catalog.js';

export interface DemoPass {
  connectionId: string;
  object: SyncObject;
}

/** What the demo syncs in each cycle, in order: the vendor first, so partners receive what it shares. */
export const DEMO_PASSES: readonly DemoPass[] = [
  { connectionId: 'vendor', object: 'account' },
  { connectionId: 'vendor', object: 'opportunity' },
  { connectionId: 'vendor', object: 'partner' },
  { connectionId: 'northwind', object: 'account' },
  { connectionId: 'globex', object: 'account' },
];

export interface CycleDependencies {
  ingest: JobQueue<typeof ingestQueue.payload>;
  writeBack: JobQueue<typeof writeBackQueue.payload>;
  /** Account mapping, which the account passes trigger and whose write-back follows. */
  match: JobQueue<typeof matchQueue.payload>;
  stores: EngineStores;
  connectionIds: readonly string[];
}

/**
 * One sync cycle through the queues, as the schedules would run it: an ingest job per pass, each waited
 * for, then until account mapping has run and every write-back has gone out. Throws when a pass fails or nothing settles in time.
 */
export async function runDemoCycle(deps: CycleDependencies, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const pass of DEMO_PASSES) {
    const jobId = await deps.ingest.add('poll', { ...pass, trigger: 'manual' });
    for (;;) {
      const state = await deps.ingest.queue.getJobState(jobId);
      if (state === 'completed') break;
      if (state === 'failed') {
        const job = await deps.ingest.queue.getJob(jobId);
        throw new Error(`the ${pass.connectionId} ${pass.object} pass failed: ${job?.failedReason ?? 'no reason recorded'}`);
      }
      if (Date.now() > deadline) throw new Error(`the ${pass.connectionId} ${pass.object} pass did not finish within ${String(timeoutMs / 1000)} s (job ${jobId} is ${state})`);
      await sleep(50);
    }
  }
  for (;;) {
    const counts = await deps.writeBack.queue.getJobCounts('waiting', 'active', 'delayed');
    const matching = await deps.match.queue.getJobCounts('waiting', 'active', 'delayed');
    let pending = (matching.waiting ?? 0) + (matching.active ?? 0) + (matching.delayed ?? 0);
    for (const connectionId of deps.connectionIds) for (const object of ['account', 'opportunity']) pending += await deps.stores.pending.count(connectionId, object);
    if ((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + pending === 0) return;
    if (Date.now() > deadline) throw new Error(`write-backs did not settle within ${String(timeoutMs / 1000)} s (${String(pending)} records pending)`);
    await sleep(50);
  }
}
