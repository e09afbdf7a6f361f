import type { SyncRun } from '../state/sync-run-log.js';

const number = (n: number): string => n.toLocaleString('en-US');

/** Read and write counts per connection and object, summed over the runs given, as aligned text lines. */
export function summarizeRuns(runs: readonly SyncRun[]): string[] {
  const totals = new Map<string, { reads: SyncRun['counts']; writes: SyncRun['counts']; failedRuns: number }>();
  const zero = (): SyncRun['counts'] => ({ read: 0, written: 0, unchanged: 0, failed: 0, apiCalls: 0 });
  for (const run of runs) {
    const key = `${run.connectionId}\u0000${run.object}`;
    const entry = totals.get(key) ?? { reads: zero(), writes: zero(), failedRuns: 0 };
    const into = run.trigger === 'write-back' ? entry.writes : entry.reads;
    for (const counter of Object.keys(into) as (keyof SyncRun['counts'])[]) into[counter] += run.counts[counter];
    if (run.status === 'failed') entry.failedRuns += 1;
    totals.set(key, entry);
  }
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([key, { reads, writes, failedRuns }]) => {
    const [connectionId = '', object = ''] = key.split('\u0000');
    return (
      `${connectionId.padEnd(10)} ${object.padEnd(12)} read ${number(reads.read).padStart(7)}  ` +
      `wrote ${number(writes.written).padStart(7)}  unchanged ${number(writes.unchanged + reads.unchanged).padStart(7)}  ` +
      `failed ${number(writes.failed + reads.failed).padStart(4)}  API calls ${number(reads.apiCalls + writes.apiCalls).padStart(5)}` +
      (failedRuns > 0 ? `  (${String(failedRuns)} runs failed)` : '')
    );
  });
}
