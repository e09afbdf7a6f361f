import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { AccountCsvError } from '../../matching/csv/account-csv-error.js';
import { matchCsvFiles, type MatchCsvFilesSummary } from '../../matching/match-csv-files.js';
import { UsageError } from '../usage-error.js';

export interface MatchCommandOptions {
  vendor: string;
  partner: string;
  out?: string;
  threshold: string;
}

/** `cosell match`: matches the two files to --out (or stdout) and reports the counts. */
export async function matchAccounts(options: MatchCommandOptions, threshold: number): Promise<void> {
  const summary = options.out === undefined ? await matchToStdout(options, threshold) : await matchToFile(options, options.out, threshold);
  if (summary === undefined) return;
  // With the matches on stdout, the summary goes to stderr so the CSV stays clean.
  const report = options.out === undefined ? console.error : console.log;
  for (const line of describe(summary, options.out)) report(line);
}

async function matchToStdout(options: MatchCommandOptions, threshold: number): Promise<MatchCsvFilesSummary | undefined> {
  try {
    return await run(options, threshold, process.stdout);
  } catch (error) {
    // The reader closed the pipe (`cosell match … | head`): it has all it wants, which is no failure.
    if (error instanceof Error && 'code' in error && error.code === 'EPIPE') return undefined;
    throw error;
  }
}

/** Writes beside the target and renames at the end, so a failed run leaves no half-written file. */
async function matchToFile(options: MatchCommandOptions, out: string, threshold: number): Promise<MatchCsvFilesSummary> {
  const partial = join(dirname(out), `.${basename(out)}.partial`);
  let file: FileHandle;
  try {
    // Opened now, so an output that cannot be written is refused before any long work starts.
    file = await open(partial, 'w');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new UsageError(`--out ${out}: cannot write there (${code}); expected a file path in a folder that exists and is writable`, { cause: error });
  }
  try {
    const summary = await run(options, threshold, file.createWriteStream());
    await rename(partial, out);
    return summary;
  } catch (error) {
    await file.close().catch(() => undefined); // already closed by its stream when writing got that far
    await rm(partial, { force: true });
    throw error;
  }
}

async function run(options: MatchCommandOptions, threshold: number, output: Writable): Promise<MatchCsvFilesSummary> {
  try {
    return await matchCsvFiles({
      vendorPath: options.vendor,
      partnerPath: options.partner,
      vendorLabel: `--vendor ${options.vendor}`,
      partnerLabel: `--partner ${options.partner}`,
      output,
      threshold,
    });
  } catch (error) {
    // A file that is missing, not CSV or without a required column is bad input: exit 2, message only.
    if (error instanceof AccountCsvError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

function describe(summary: MatchCsvFilesSummary, out: string | undefined): string[] {
  const count = (n: number): string => n.toLocaleString('en-US');
  const pairs = `${count(summary.matchedPairs)} ${summary.matchedPairs === 1 ? 'pair' : 'pairs'}`;
  const lines = [
    `matched ${count(summary.matchedPartnerAccounts)} of ${count(summary.partnerAccounts)} partner accounts to ` +
      `${count(summary.vendorAccounts)} vendor accounts: ${pairs} in ${summary.seconds.toFixed(1)} s ` +
      `(peak memory ${(summary.peakMemoryBytes / 2 ** 30).toFixed(2)} GB)` +
      (out === undefined ? '' : ` → ${out}`),
  ];
  const skipped = (rows: number[], side: string): void => {
    if (rows.length === 0) return;
    const shown = rows.slice(0, 10).join(', ') + (rows.length > 10 ? ', …' : '');
    lines.push(`skipped ${count(rows.length)} ${side} rows without an id (rows after the header: ${shown})`);
  };
  skipped(summary.vendorRowsWithoutId, 'vendor');
  skipped(summary.partnerRowsWithoutId, 'partner');
  if (summary.repeatedVendorIds > 0) lines.push(`${count(summary.repeatedVendorIds)} vendor ids appeared more than once; the last row of each was used`);
  return lines;
}
