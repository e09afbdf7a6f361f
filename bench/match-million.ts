// `cosell match` on two large CSV exports (default 1,000,000 accounts each), run as a user runs it: the built
// command (`npm run build`, done here first) in a process of its own. Reported: the wall time of the whole
// command, start to exit, and of the match itself, the peak memory (both from the command's own summary line),
// then the quality of its output against the known true pairs. The files are generated into a temporary
// folder first (not timed). `BENCH_MATCH_ACCOUNTS` sets the size. Targets (2 cores): ≤ 20 s and ≤ 3 GB.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEvaluationSet } from '../src/matching/evaluation/generate-evaluation-set.js';
import { scorePredictions } from '../src/matching/evaluation/score-predictions.js';
import { writeEvaluationSet } from '../src/matching/evaluation/write-evaluation-set.js';

const SUMMARY = /: ([\d,]+) pairs? in ([\d.]+) s \(peak memory ([\d.]+) GB\)/;

const size = Number(process.env.BENCH_MATCH_ACCOUNTS ?? '1000000');
const folder = await mkdtemp(join(tmpdir(), 'cosell-bench-match-'));
try {
  const generating = performance.now();
  const files = await writeEvaluationSet(generateEvaluationSet({ size, seed: 7 }), folder);
  console.log(`match-million: ${size.toLocaleString('en-US')} × ${size.toLocaleString('en-US')} accounts, files generated in ${((performance.now() - generating) / 1000).toFixed(1)} s (not timed)`);
  const build = spawnSync('npm', ['run', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  const out = join(folder, 'matches.csv');
  const started = performance.now();
  const command = spawnSync(process.execPath, ['bin/cosell.js', 'match', '--vendor', files.vendor, '--partner', files.partner, '--out', out], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (command.status !== 0) throw new Error(`cosell match failed (exit ${String(command.status)}):\n${command.stderr}`);
  const summary = SUMMARY.exec(command.stdout);
  if (!summary) throw new Error(`cosell match printed no summary line with its time and memory:\n${command.stdout}`);
  const [, pairs = '', matchSeconds = '', peakGb = ''] = summary;
  console.log(`  wall time          ${seconds.toFixed(1)} s, the command start to exit (the match itself ${matchSeconds} s)   (target ≤ 20 s)`);
  console.log(`  peak memory (RSS)  ${peakGb} GB   (target ≤ 3 GB)`);
  const pairsOf = (text: string): { vendorId: string; partnerId: string }[] =>
    text.trim().split('\n').slice(1).map((line) => {
      const [vendorId = '', partnerId = ''] = line.split(',', 2);
      return { vendorId, partnerId };
    });
  const quality = scorePredictions(pairsOf(await readFile(out, 'utf8')), pairsOf(await readFile(files.truth, 'utf8')));
  console.log(`  quality            precision ${quality.precision.toFixed(4)}  recall ${quality.recall.toFixed(4)}  F1 ${quality.f1.toFixed(4)}  (${pairs} pairs)`);
} finally {
  await rm(folder, { recursive: true, force: true });
}
