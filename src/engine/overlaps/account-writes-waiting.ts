import type { Deferral } from '../../queues/job-deferral.js';
import type { EngineRuntime } from '../engine-runtime.js';
import { VENDOR } from '../workspace-rules.js';

/** An account mapping run waits at most this long (from when it was queued) for account writes to drain. */
export const MAPPING_WAITS_FOR_WRITES_MS = 30_000;

/** Account writes are waiting: this run comes back once they are done (no attempt spent, logged at debug). */
export class AccountWritesWaitingError extends Error implements Deferral {
  override readonly name = 'AccountWritesWaitingError';
  readonly deferMs: number;
  readonly routine = true;

  constructor(waiting: number, deferMs: number) {
    super(`${String(waiting)} account writes are waiting; account mapping runs once they are done (checked again in ${String(deferMs)} ms)`);
    this.deferMs = deferMs;
  }
}

/**
 * What a mapping run queued at `queuedAt` does now: undefined to run, or the deferral to throw while
 * account writes are waiting and it has not waited MAPPING_WAITS_FOR_WRITES_MS yet (a target that cannot
 * be written to must not hold account mapping back for long).
 */
export async function mappingDeferral(runtime: EngineRuntime, queuedAt: number, now = Date.now()): Promise<AccountWritesWaitingError | undefined> {
  if (now - queuedAt >= MAPPING_WAITS_FOR_WRITES_MS) return undefined;
  const waiting = await accountWritesWaiting(runtime);
  return waiting > 0 ? new AccountWritesWaitingError(waiting, Math.max(250, runtime.settings.coalesceMs)) : undefined;
}

/**
 * Account records waiting to be written to any connection. Account mapping reads what the sync has stored
 * and writes its fields to the same accounts: run while a load is still being written, it competes with the
 * writes for the CPU and the CRMs' limits, and whatever it computes for the accounts still arriving is
 * computed again once they have.
 */
async function accountWritesWaiting(runtime: EngineRuntime): Promise<number> {
  const connections = [VENDOR, ...runtime.workspace.partners.map((partner) => partner.id)];
  const counts = await Promise.all(connections.map((connectionId) => runtime.stores.pending.count(connectionId, 'account')));
  return counts.reduce((sum, n) => sum + n, 0);
}
