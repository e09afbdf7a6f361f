import type { Deferral } from '../../queues/job-deferral.js';
import { stateKey } from '../../redis/key-prefix.js';
import type { EngineRuntime } from '../engine-runtime.js';
import { VENDOR } from '../workspace-rules.js';

/** A mapping run waits for account writes while they land; once this long passes with none landing and no fewer waiting, it runs. */
export const MAPPING_WAITS_FOR_PROGRESS_MS = 30_000;
/** However well they land, a run waits at most this long from when it was queued (a load that never ends). */
export const MAPPING_WAITS_AT_MOST_MS = 10 * 60_000;

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

/** The mapping run asking: its job id and when it was queued. */
export interface WaitingRun {
  id: string;
  queuedAt: number;
}

/**
 * What a mapping run does now: undefined to run, or the deferral to throw while account writes are waiting
 * and landing. Landing, not only fewer waiting: while a load is read faster than it is written the waiting
 * count grows though every write lands, and a run started then would build its index beside the load. A
 * target that cannot be written to (no write landing and no fewer waiting for MAPPING_WAITS_FOR_PROGRESS_MS)
 * holds account mapping back only that long; a large load, until it is written (at most MAPPING_WAITS_AT_MOST_MS).
 * What was seen last (fewest waiting, writes landed) and when are kept in Redis per run, since a deferred run
 * may come back in another worker process.
 */
export async function mappingDeferral(runtime: EngineRuntime, run: WaitingRun, now = Date.now()): Promise<AccountWritesWaitingError | undefined> {
  const progress = stateKey(runtime.prefix, 'match-waits');
  if (now - run.queuedAt >= MAPPING_WAITS_AT_MOST_MS) return ranAfterWaiting(runtime, progress, run);
  const { waiting, landed } = await accountWrites(runtime);
  if (waiting === 0) return ranAfterWaiting(runtime, progress, run);
  const seen = parseProgress(await runtime.redis.hget(progress, run.id));
  if (seen === undefined || waiting < seen.fewest || landed > seen.landed) {
    const next: Progress = { fewest: Math.min(waiting, seen?.fewest ?? waiting), landed, at: now };
    await runtime.redis.multi().hset(progress, run.id, JSON.stringify(next)).pexpire(progress, MAPPING_WAITS_AT_MOST_MS * 2).exec();
  } else if (now - seen.at >= MAPPING_WAITS_FOR_PROGRESS_MS) {
    return ranAfterWaiting(runtime, progress, run);
  }
  return new AccountWritesWaitingError(waiting, Math.max(250, runtime.settings.coalesceMs));
}

/** What a waiting run last saw: the fewest account writes waiting, how many had landed, and when it last moved. */
interface Progress {
  fewest: number;
  landed: number;
  at: number;
}

async function ranAfterWaiting(runtime: EngineRuntime, progress: string, run: WaitingRun): Promise<undefined> {
  await runtime.redis.hdel(progress, run.id);
  return undefined;
}

/** The stored progress of a run; anything unreadable (or kept by an earlier version) counts as none: the run starts counting again. */
function parseProgress(raw: string | null): Progress | undefined {
  if (raw === null) return undefined;
  let parsed: Partial<Record<keyof Progress, unknown>> | null;
  try {
    parsed = JSON.parse(raw) as Partial<Record<keyof Progress, unknown>> | null;
  } catch {
    return undefined;
  }
  const { fewest, landed, at } = parsed ?? {};
  return typeof fewest === 'number' && typeof landed === 'number' && typeof at === 'number' ? { fewest, landed, at } : undefined;
}

/**
 * Account records waiting to be written to any connection, and how many have landed so far. Account mapping
 * reads what the sync has stored and writes its fields to the same accounts: run while a load is still being
 * written, it competes with the writes for the CPU and the CRMs' limits, holds its index of every vendor account
 * in memory beside them, and whatever it computes for the accounts still arriving is computed again once they have.
 */
async function accountWrites(runtime: EngineRuntime): Promise<{ waiting: number; landed: number }> {
  const connections = [VENDOR, ...runtime.workspace.partners.map((partner) => partner.id)];
  const { pending } = runtime.stores;
  const counts = await Promise.all(connections.map((connectionId) => Promise.all([pending.count(connectionId, 'account'), pending.cleared(connectionId, 'account')])));
  return { waiting: counts.reduce((sum, [n]) => sum + n, 0), landed: counts.reduce((sum, [, n]) => sum + n, 0) };
}
