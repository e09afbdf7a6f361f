// Matcher quality: precision, recall and F1 on generated, labelled evaluation sets of growing size, next to
// the plain exact-domain join and the join on the matcher's domain key alone. `BENCH_MATCH_QUALITY_SIZES`
// sets the sizes (accounts per side, default 5000,50000,200000), `BENCH_MATCH_SEED` the seed (default 1).
import { evaluateMatcher } from '../src/matching/evaluation/evaluate-matcher.js';
import type { QualityFigures } from '../src/matching/evaluation/score-predictions.js';

const sizes = (process.env.BENCH_MATCH_QUALITY_SIZES ?? '5000,50000,200000').split(',').map(Number);
const seed = Number(process.env.BENCH_MATCH_SEED ?? '1');
const show = (q: QualityFigures): string =>
  `precision ${q.precision.toFixed(4)}  recall ${q.recall.toFixed(4)}  F1 ${q.f1.toFixed(4)}  (${String(q.predicted)} pairs, ${String(q.falsePositives)} wrong, ${String(q.falseNegatives)} missed)`;

console.log(`match-quality: generated evaluation sets, seed ${String(seed)}`);
for (const size of sizes) {
  const report = evaluateMatcher({ size, seed });
  console.log(`  ${size.toLocaleString('en-US')} accounts a side (${report.vendors.toLocaleString('en-US')} vendor, ${report.partners.toLocaleString('en-US')} partner, ${report.truePairs.toLocaleString('en-US')} true pairs)`);
  console.log(`    matcher            ${show(report.matcher)}  ${report.matcher.seconds.toFixed(2)} s`);
  console.log(`    exact-domain join  ${show(report.baseline)}`);
  console.log(`    domain key only    ${show(report.domainKeyOnly)}`);
}
