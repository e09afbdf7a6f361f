// Initial sync through the whole engine (queues, canonical store, crosswalk, hashes, write-back batches):
// BENCH_SYNC_RECORDS accounts (default 100,000) from a sandbox Salesforce vendor to a sandbox HubSpot partner,
// next to the bare clients doing the same reads (jsforce query + queryMore) and writes (batch upsert, 100 a call),
// and to the bare clients making the engine's own calls (its first load's Bulk API 2.0 query; bare-bulk-sync.ts).
// Then the incremental pass with 1% of the accounts changed: write calls made vs the minimum.
// The sandboxes serve them all from processes of their own (remote-sandboxes.ts), over HTTP on loopback.
// BENCH_SYNC_RUNS (default 1) repeats the whole benchmark from fresh sandboxes and Redis state and ends with the
// spread of the ratio: one run's figure moves by ±0.1 with this machine's speed.
import { bareInChild } from './lib/bare-in-child.js';
import { bareLines } from './lib/bare-sync.js';
import { startEngineBench, syncVendorAccounts } from './lib/engine-bench-harness.js';
import { perSecond } from './lib/bench-redis.js';
import { cpuMeter } from './lib/process-cpu.js';
import { formatFootprint, redisFootprint } from './lib/redis-footprint.js';

const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? '100000');
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? '1');
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`BENCH_SYNC_RUNS must be a whole number of at least 1; found "${process.env.BENCH_SYNC_RUNS ?? ''}"`);

interface RunFigures {
  ratio: number;
  /** To the bare clients making the engine's own calls. */
  ratioSameCalls: number;
  engineMs: number;
}

const figures: RunFigures[] = [];
for (let run = 1; run <= RUNS; run += 1) {
  if (RUNS > 1) console.log(`-- run ${String(run)} of ${String(RUNS)}`);
  figures.push(await oneRun());
}
if (RUNS > 1) console.log(spread(figures));

async function oneRun(): Promise<RunFigures> {
  const h = await startEngineBench();
  try {
    await h.sandboxes.load(RECORDS);

    // Bare: the same reads and writes, nothing in between.
    // Each in a fresh process, as cold as the engine's.
    const bare = await bareInChild('rest', h.sandboxes, h.pids.redis);
    const bareBulk = await bareInChild('bulk', h.sandboxes, h.pids.redis);

    const engineCpu = cpuMeter({ engine: h.pids.engine, redis: h.pids.redis, sandboxes: h.pids.sandboxes });
    const engineStarted = performance.now();
    const { writtenAt, idleAt } = await syncVendorAccounts(h);
    const engineCpuSpent = engineCpu();
    const engineMs = writtenAt - engineStarted;
    const { partner: written, bare: bareWritten, bareBulk: bareBulkWritten } = await h.sandboxes.companies();
    if (bareWritten !== RECORDS || bareBulkWritten !== RECORDS) throw new Error(`the bare clients wrote ${String(bareWritten)} and ${String(bareBulkWritten)} of ${String(RECORDS)} accounts`);
    for (const line of bareLines(RECORDS, bare, bareBulk)) console.log(line);
    console.log(`initial sync, engine:       ${written} accounts written in ${(engineMs / 1000).toFixed(1)} s = ${perSecond(RECORDS, engineMs)} records/s; ratio to bare ${(bare.ms / engineMs).toFixed(2)} (to bare with the engine's calls ${(bareBulk.ms / engineMs).toFixed(2)}); engine processes: ${h.layout} (write-back queue idle ${((idleAt - writtenAt) / 1000).toFixed(1)} s later); ${engineCpuSpent}`);
    console.log(`engine state in Redis after the first load: ${formatFootprint(await redisFootprint(h.bench.redis, h.bench.prefix))}`);

    // Incremental: 1% changed in the vendor org.
    const changed = Math.max(1, Math.floor(RECORDS / 100));
    await h.sandboxes.rename(changed, 100);
    const earlier = new Set((await h.stores.runs.latest(1_000)).map((r) => r.id));
    const incStarted = performance.now();
    await syncVendorAccounts(h);
    const incMs = performance.now() - incStarted;
    // The write-back runs of the incremental pass, per target (runs started before it are left out).
    const incremental = (await h.stores.runs.latest(1_000)).filter((r) => !earlier.has(r.id));
    const runs = incremental.filter((r) => r.trigger === 'write-back');
    const calls = runs.reduce((n, r) => n + r.counts.apiCalls, 0);
    const byTarget = new Map<string, { runs: number; calls: number; written: number }>();
    for (const run of runs) {
      const key = `${run.connectionId}/${run.object}`;
      const entry = byTarget.get(key) ?? { runs: 0, calls: 0, written: 0 };
      byTarget.set(key, { runs: entry.runs + 1, calls: entry.calls + run.counts.apiCalls, written: entry.written + run.counts.written });
    }
    const reads = incremental.filter((r) => r.trigger !== 'write-back').map((r) => `${String(r.counts.read)} read`);
    const detail = [`reading: ${reads.join(', ')}`, ...[...byTarget].map(([key, t]) => `${key}: ${String(t.calls)} calls, ${String(t.written)} written in ${String(t.runs)} run${t.runs === 1 ? '' : 's'}`)].join('; ');
    console.log(`incremental, ${changed} changed (1%): ${calls} write calls (minimum ${Math.ceil(changed / 100)}), ${(incMs / 1000).toFixed(2)} s (${detail})`);
    return { ratio: bare.ms / engineMs, ratioSameCalls: bareBulk.ms / engineMs, engineMs };
  } finally {
    await h.close();
  }
}

function spread(runs: readonly RunFigures[]): string {
  const median = (sorted: readonly number[]): number => {
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  };
  const of = (ratios: number[]): string => {
    const sorted = ratios.sort((a, b) => a - b);
    const mean = sorted.reduce((sum, r) => sum + r, 0) / sorted.length;
    const reached = sorted.filter((r) => r >= 0.7).length;
    return `${(sorted[0] ?? 0).toFixed(2)}–${(sorted.at(-1) ?? 0).toFixed(2)}, median ${median(sorted).toFixed(3)}, mean ${mean.toFixed(3)}, ${String(reached)} of ${String(runs.length)} at ≥ 0.7`;
  };
  const rates = runs.map((r) => RECORDS / (r.engineMs / 1000)).sort((a, b) => a - b);
  return `over ${String(runs.length)} runs: ratio to bare ${of(runs.map((r) => r.ratio))}; to bare with the engine's calls ${of(runs.map((r) => r.ratioSameCalls))}; engine ${Math.round(rates[0] ?? 0)}–${Math.round(rates.at(-1) ?? 0)} records/s, median ${Math.round(median(rates))}`;
}
