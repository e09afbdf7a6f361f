// Throughput under an enforced HubSpot rate limit: the sandbox partner allows BENCH_LIMIT requests per 10 s (default
// 40) and the connection is configured with the same limit. BENCH_LIMITED_RECORDS accounts (default 20,000) go from
// a sandbox Salesforce vendor to it; the time taken vs the least time the limit allows for the calls needed (100 records per call), and whether
// any record failed.
import { startEngineBench, syncVendorAccounts } from './lib/engine-bench-harness.js';

const RECORDS = Number(process.env.BENCH_LIMITED_RECORDS ?? '20000');
const LIMIT = Number(process.env.BENCH_LIMIT ?? '40');
const h = await startEngineBench({ hubspotPerTenSeconds: LIMIT });
try {
  await h.sandboxes.load(RECORDS);
  const started = performance.now();
  await syncVendorAccounts(h);
  const seconds = (performance.now() - started) / 1000;
  const runs = (await h.stores.runs.latest(1_000)).filter((r) => r.trigger === 'write-back');
  const failed = runs.reduce((n, r) => n + r.counts.failed, 0);
  const calls = runs.reduce((n, r) => n + r.counts.apiCalls, 0);
  // A rolling window starting empty lets LIMIT calls go at once, then LIMIT more every 10 s: the fastest any
  // client can make `calls` calls is (ceil(calls / LIMIT) - 1) windows.
  const fastest = (Math.ceil(calls / LIMIT) - 1) * 10;
  // Measured from the first write pass (before it, the vendor's records are being read, not written).
  const firstWrite = Math.min(...runs.map((r) => Date.parse(r.startedAt)));
  const lastWrite = Math.max(...runs.map((r) => Date.parse(r.endedAt ?? r.startedAt)));
  const writeSeconds = (lastWrite - firstWrite) / 1000;
  console.log(`limit ${LIMIT} requests / 10 s: ${(await h.sandboxes.companies()).partner} of ${RECORDS} records written with ${calls} calls (minimum ${Math.ceil(RECORDS / 100)}) in ${seconds.toFixed(1)} s (writing: ${writeSeconds.toFixed(1)} s); the limit allows the writes in ${fastest} s at best: achieved / allowed ${(fastest / writeSeconds).toFixed(3)} (whole run ${(fastest / seconds).toFixed(3)}); ${failed} records failed; dead letters ${await h.deadLetters.count()}`);
} finally {
  await h.close();
}
