// The incremental account index: latency of re-matching one partner account, and of adding, replacing or
// removing one vendor account, in an index of `BENCH_MATCH_INDEX_ACCOUNTS` vendor accounts (default
// 1,000,000), over `BENCH_MATCH_OPERATIONS` random operations (default 20,000). Target: re-match p99 ≤ 5 ms.
import { AccountIndex } from '../src/matching/account-index.js';
import { generateEvaluationSet } from '../src/matching/evaluation/generate-evaluation-set.js';
import { SeededRandom } from '../src/matching/evaluation/seeded-random.js';

const size = Number(process.env.BENCH_MATCH_INDEX_ACCOUNTS ?? '1000000');
const operations = Number(process.env.BENCH_MATCH_OPERATIONS ?? '20000');
const set = generateEvaluationSet({ size, seed: 5 });
const index = new AccountIndex();
const loading = performance.now();
for (const vendor of set.vendors) index.add(vendor);
index.compact();
console.log(`match-incremental: ${index.size.toLocaleString('en-US')} vendor accounts indexed in ${((performance.now() - loading) / 1000).toFixed(1)} s`);

const random = new SeededRandom(9);
const timings = { match: [] as number[], update: [] as number[], remove: [] as number[], add: [] as number[] };
const time = (into: number[], work: () => void): void => {
  const started = performance.now();
  work();
  into.push(performance.now() - started);
};
for (let i = 0; i < operations; i++) {
  const vendor = random.pick(set.vendors);
  const other = random.pick(set.vendors);
  // A vendor account edited in the CRM: another company's name and website.
  time(timings.update, () => index.update({ ...vendor, name: other.name, website: other.website }));
  time(timings.match, () => index.match(random.pick(set.partners)));
  if (i % 4 === 0) {
    time(timings.remove, () => index.remove(vendor.id));
    time(timings.add, () => index.add(vendor));
  } else index.update(vendor);
}

const percentile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;
for (const [name, values] of Object.entries(timings)) {
  console.log(`  ${name.padEnd(7)} p50 ${percentile(values, 50).toFixed(3)} ms   p99 ${percentile(values, 99).toFixed(3)} ms   max ${Math.max(...values).toFixed(3)} ms   (${String(values.length)} runs)`);
}
