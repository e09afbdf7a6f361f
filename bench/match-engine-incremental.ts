// Account mapping in the engine, one changed account at a time: vendor and partner accounts (a generated
// labelled set, `BENCH_MATCH_ENGINE_ACCOUNTS` a side, default 100,000) are stored in Redis as synced accounts,
// a first run matches everything, then a partner account is changed and one run re-evaluates it, many times:
// p50/p99 of such a run end to end (canonical record, stream append, index catch-up, re-match, stored matches,
// write-back values), and how many accounts each run re-evaluated. The partner's whole report is rebuilt at most
// every few seconds (its cost is printed apart). Target for a single-account re-match: ≤ 5 ms p99.
import { pino } from 'pino';
import { openStores } from '../src/engine/engine-context.js';
import { AccountChanges } from '../src/engine/overlaps/account-changes.js';
import { REPORT_EVERY_MS, runAccountMapping, type AccountMappingInput } from '../src/engine/overlaps/account-mapping-pass.js';
import { MatchingIndexes } from '../src/engine/overlaps/matching-indexes.js';
import { OverlapStore } from '../src/engine/overlaps/overlap-store.js';
import { generateEvaluationSet } from '../src/matching/evaluation/generate-evaluation-set.js';
import type { AccountRecord } from '../src/matching/account-record.js';
import { canonicalIdFor } from '../src/state/canonical-ids.js';
import { benchRedis } from './lib/bench-redis.js';

const size = Number(process.env.BENCH_MATCH_ENGINE_ACCOUNTS ?? '100000');
const RUNS = Number(process.env.BENCH_MATCH_ENGINE_RUNS ?? '300');
const bench = benchRedis();
const { redis, prefix } = bench;
const stores = openStores(redis, prefix);
const partner = { id: 'globex', name: 'Globex', connection: { kind: 'salesforce' }, sharing: { share: 'overlaps' as const, fields: ['relationship', 'ownerName'] } };
// Only what account mapping reads of the workspace.
const workspace = { vendor: { connection: { kind: 'salesforce' } }, partners: [partner] } as unknown as AccountMappingInput['workspace'];

async function store(connectionId: string, object: string, records: readonly AccountRecord[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < records.length; start += 1_000) {
    const chunk = records.slice(start, start + 1_000);
    const items = chunk.map((r) => ({ canonicalId: canonicalIdFor('account', connectionId, object, r.id), crmId: r.id, modifiedAt: '2026-11-01T00:00:00.000Z', values: { name: r.name, website: r.website ?? null, country: r.country ?? null, state: r.state ?? null, city: r.city ?? null, relationship: 'customer', ownerName: 'Maya Chen' } }));
    await stores.crosswalk.linkMany(connectionId, object, items);
    await stores.canonical.recordSources('account', connectionId, items);
    ids.push(...items.map((i) => i.canonicalId));
  }
  return ids;
}

try {
  const set = generateEvaluationSet({ size, seed: 3 });
  const loading = performance.now();
  await store('vendor', 'Account', set.vendors);
  const partnerIds = await store('globex', 'Account', set.partners);
  const changes = new AccountChanges(redis, prefix);
  const input: AccountMappingInput = { workspace, stores, indexes: new MatchingIndexes(workspace, stores, changes), changes, overlaps: new OverlapStore(redis, prefix), state: { redis, prefix }, logger: pino({ level: 'silent' }) };
  console.log(`match-engine-incremental: ${set.vendors.length.toLocaleString('en-US')} vendor × ${set.partners.length.toLocaleString('en-US')} partner accounts stored in ${((performance.now() - loading) / 1000).toFixed(1)} s`);

  const first = performance.now();
  const full = await runAccountMapping(input);
  console.log(`  first run (indexes built, everything matched): ${((performance.now() - first) / 1000).toFixed(1)} s, ${full.counts.matchesChanged.toLocaleString('en-US')} partner accounts matched`);

  const times: number[] = [];
  let reevaluated = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const index = (run * 7_919) % set.partners.length;
    const record = set.partners[index];
    const canonicalId = partnerIds[index];
    if (!record || canonicalId === undefined) continue;
    // Alternate: the account loses its website and country (it may lose its match), then gets them back.
    const values = run % 2 === 0 ? { name: record.name, website: null, country: null } : { name: record.name, website: record.website ?? null, country: record.country ?? null };
    const started = performance.now();
    await stores.canonical.recordSources('account', 'globex', [{ canonicalId, crmId: record.id, modifiedAt: new Date(Date.UTC(2026, 10, 2, 0, 0, run)).toISOString(), values }]);
    await changes.append('globex', [canonicalId]);
    const result = await runAccountMapping(input);
    times.push(performance.now() - started);
    reevaluated += result.counts.reevaluated;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  console.log(`  one changed partner account, whole run: p50 ${at(0.5).toFixed(1)} ms  p99 ${at(0.99).toFixed(1)} ms  max ${at(1).toFixed(1)} ms  (${String(RUNS)} runs, ${(reevaluated / RUNS).toFixed(1)} accounts re-evaluated a run)`);
  const reportStart = performance.now();
  await runAccountMapping({ ...input, reportEveryMs: 0 });
  console.log(`  the partner's whole report, rebuilt and saved (at most every ${String(REPORT_EVERY_MS / 1000)} s by the worker): ${(performance.now() - reportStart).toFixed(0)} ms`);
} finally {
  await bench.cleanup();
}
