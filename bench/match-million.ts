// `cosell match` on two large CSV exports (default 1,000,000 accounts each): wall time and peak memory of the
// match itself, run in a fresh process the way the command runs it, then the quality of its output against
// the known true pairs. The files are generated into a temporary folder first (not timed).
// `BENCH_MATCH_ACCOUNTS` sets the size. Targets (2 cores): ≤ 20 s and ≤ 3 GB.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { generateEvaluationSet } from '../src/matching/evaluation/generate-evaluation-set.js';
import { scorePredictions } from '../src/matching/evaluation/score-predictions.js';
import { writeEvaluationSet } from '../src/matching/evaluation/write-evaluation-set.js';
import { matchCsvFiles } from '../src/matching/match-csv-files.js';

const MEASURE = '--measure';

if (process.argv[2] === MEASURE) {
  // The measured process: only the match, as `cosell match --out` does it.
  const [vendor = '', partner = '', out = ''] = process.argv.slice(3);
  const started = performance.now();
  const summary = await matchCsvFiles({ vendorPath: vendor, partnerPath: partner, output: createWriteStream(out) });
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024, pairs: summary.matchedPairs }));
} else {
  const size = Number(process.env.BENCH_MATCH_ACCOUNTS ?? '1000000');
  const folder = await mkdtemp(join(tmpdir(), 'cosell-bench-match-'));
  try {
    const generating = performance.now();
    const files = await writeEvaluationSet(generateEvaluationSet({ size, seed: 7 }), folder);
    console.log(`match-million: ${size.toLocaleString('en-US')} × ${size.toLocaleString('en-US')} accounts, files generated in ${((performance.now() - generating) / 1000).toFixed(1)} s (not timed)`);
    const out = join(folder, 'matches.csv');
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/match-million.ts', MEASURE, files.vendor, files.partner, out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error(`the measured match failed (exit ${String(child.status)})`);
    const result = z.object({ seconds: z.number(), peakRssBytes: z.number(), pairs: z.number() }).parse(JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}'));
    console.log(`  wall time          ${result.seconds.toFixed(1)} s   (target ≤ 20 s)`);
    console.log(`  peak memory (RSS)  ${(result.peakRssBytes / 2 ** 30).toFixed(2)} GB   (target ≤ 3 GB)`);
    const pairs = (text: string): { vendorId: string; partnerId: string }[] =>
      text.trim().split('\n').slice(1).map((line) => {
        const [vendorId = '', partnerId = ''] = line.split(',', 2);
        return { vendorId, partnerId };
      });
    const quality = scorePredictions(pairs(await readFile(out, 'utf8')), pairs(await readFile(files.truth, 'utf8')));
    console.log(`  quality            precision ${quality.precision.toFixed(4)}  recall ${quality.recall.toFixed(4)}  F1 ${quality.f1.toFixed(4)}  (${result.pairs.toLocaleString('en-US')} pairs)`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
