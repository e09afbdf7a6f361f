import type { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AccountIndex } from './account-index.js';
import { checkAccountsCsvHeader, estimatedRows } from './csv/read-accounts-csv.js';
import { AccountsFileReader } from './csv/accounts-file-reader.js';
import { matchedRowsOf, type MatchedRows } from './csv/matched-rows.js';
import { OrderedMatchedRows } from './csv/ordered-matched-rows.js';
import { PartnerMatcherThread } from './csv/partner-matcher-thread.js';
import { encodePreparedAccounts, preparedAccountsOf, type PreparedAccountBatch } from './csv/prepared-account-batch.js';
import { MatchesCsvWriter } from './csv/write-matches-csv.js';
import type { MatchOptions } from './match-options.js';
import type { PreparedAccount } from './prepared-account.js';

/** Partner batches the second matching thread holds at once: one at work, one waiting, so it never idles. */
const SECOND_THREAD_BATCHES = 2;

export interface MatchCsvFilesOptions extends MatchOptions {
  vendorPath: string;
  partnerPath: string;
  /** Where the matches CSV goes: a file stream or process.stdout. */
  output: Writable;
  /** How errors name the files (default "vendor file <path>"). */
  vendorLabel?: string;
  partnerLabel?: string;
}

export interface MatchCsvFilesSummary {
  vendorAccounts: number;
  partnerAccounts: number;
  matchedPairs: number;
  matchedPartnerAccounts: number;
  /** Vendor rows whose id was seen before; the later row replaced the earlier. */
  repeatedVendorIds: number;
  /** Data rows without an id (1 = the first row after the header), left out. */
  vendorRowsWithoutId: number[];
  partnerRowsWithoutId: number[];
  seconds: number;
  /** The process's peak resident memory so far, all threads (bytes): what the run needed at most. */
  peakMemoryBytes: number;
}

/**
 * Account mapping of two CSV exports: both headers are checked first; both files are read and prepared on
 * worker threads, the vendor accounts indexed as they arrive; then the partner accounts are matched, on this
 * thread and on a second one that searches a replica of the index (its name structures in shared memory),
 * and their pairs are streamed to `output` in partner file order.
 */
export async function matchCsvFiles(options: MatchCsvFilesOptions): Promise<MatchCsvFilesSummary> {
  const started = performance.now();
  const vendorLabel = options.vendorLabel ?? `vendor file ${options.vendorPath}`;
  const partnerLabel = options.partnerLabel ?? `partner file ${options.partnerPath}`;
  await checkAccountsCsvHeader(options.vendorPath, vendorLabel);
  await checkAccountsCsvHeader(options.partnerPath, partnerLabel);

  const vendors = new AccountsFileReader(options.vendorPath, vendorLabel, { findSharedDomains: false });
  const partners = new AccountsFileReader(options.partnerPath, partnerLabel, { findSharedDomains: true });
  // Sized from the file, so the index is not grown a dozen times on the way to a million accounts.
  const index = new AccountIndex({ ...options, expectedAccounts: await estimatedRows(options.vendorPath) });
  const second = PartnerMatcherThread.start(options);
  let repeatedVendorIds = 0;
  let writer: MatchesCsvWriter | undefined;
  let output: OrderedMatchedRows | undefined;
  try {
    for await (const batch of vendors.batches()) {
      const accounts = preparedAccountsOf(batch);
      const slots = new Int32Array(accounts.length);
      repeatedVendorIds += index.addBatch(accounts, slots);
      second?.addVendors(encoded(batch), slots);
    }
    index.compact();
    // Vendor-side platforms the index finds itself; the partner file's are known once it is read through.
    const sharedDomains = await partners.sharedDomains;
    second?.ready(index.shareNames(), sharedDomains);
    writer = new MatchesCsvWriter(options.output);
    output = new OrderedMatchedRows(writer);
    const matchHere = (accounts: readonly PreparedAccount[]): MatchedRows => matchedRowsOf(accounts.map((partner) => index.matchPrepared(partner, sharedDomains)));
    let seq = 0;
    for await (const batch of partners.batches()) {
      if (second && second.inFlight < SECOND_THREAD_BATCHES) output.expect(seq, second.match(seq, encoded(batch)));
      else {
        output.expect(seq, Promise.resolve(matchHere(preparedAccountsOf(batch))));
        // Lets the second thread's answers in (they arrive as events), so it is given its next batch in time.
        await nextTurn();
      }
      seq += 1;
      await output.writeAnswered();
    }
    await output.writeAll();
    await writer.close();
  } catch (error) {
    await Promise.all([vendors.cancel(), partners.cancel(), writer?.abort()]);
    throw error;
  } finally {
    await second?.stop();
  }
  return {
    vendorAccounts: index.size,
    partnerAccounts: partners.summary.records,
    matchedPairs: output.pairs,
    matchedPartnerAccounts: output.matchedAccounts,
    repeatedVendorIds,
    vendorRowsWithoutId: vendors.summary.rowsWithoutId,
    partnerRowsWithoutId: partners.summary.rowsWithoutId,
    seconds: (performance.now() - started) / 1000,
    peakMemoryBytes: process.resourceUsage().maxRSS * 1024,
  };
}

/** A batch as it travels between threads. */
function encoded(batch: PreparedAccountBatch | PreparedAccount[]): PreparedAccountBatch {
  return Array.isArray(batch) ? encodePreparedAccounts(batch) : batch;
}
