import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { AccountIndex } from './account-index.js';
import { checkAccountsCsvHeader } from './csv/read-accounts-csv.js';
import { AccountsFileReader } from './csv/accounts-file-reader.js';
import { MatchesCsvWriter } from './csv/write-matches-csv.js';
import type { MatchOptions } from './match-options.js';

/** A CRM export row is rarely shorter than this; the estimate of rows may be high, never far too low. */
const BYTES_PER_ROW = 60;

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
}

/**
 * Account mapping of two CSV exports: both headers are checked first; both files are read and prepared on
 * worker threads, the vendor accounts indexed as they arrive; then each partner account is matched and its
 * pairs are streamed to `output`, in partner file order.
 */
export async function matchCsvFiles(options: MatchCsvFilesOptions): Promise<MatchCsvFilesSummary> {
  const started = performance.now();
  const vendorLabel = options.vendorLabel ?? `vendor file ${options.vendorPath}`;
  const partnerLabel = options.partnerLabel ?? `partner file ${options.partnerPath}`;
  await checkAccountsCsvHeader(options.vendorPath, vendorLabel);
  await checkAccountsCsvHeader(options.partnerPath, partnerLabel);

  // Both files are read and prepared on worker threads at once, while this one indexes the vendor accounts as
  // they come; then it matches the partner accounts.
  const vendors = new AccountsFileReader(options.vendorPath, vendorLabel, { findSharedDomains: false });
  const partners = new AccountsFileReader(options.partnerPath, partnerLabel, { findSharedDomains: true });
  // Sized from the file, so the index is not grown a dozen times on the way to a million accounts.
  const index = new AccountIndex({ ...options, expectedAccounts: Math.ceil((await stat(options.vendorPath)).size / BYTES_PER_ROW) });
  let repeatedVendorIds = 0;
  let matchedPairs = 0;
  let matchedPartnerAccounts = 0;
  let writer: MatchesCsvWriter | undefined;
  try {
    for await (const batch of vendors.accounts()) {
      for (const vendor of batch) if (index.addPrepared(vendor)) repeatedVendorIds += 1;
    }
    index.compact();
    // Vendor-side platforms the index finds itself; the partner file's are known once it is read through.
    const sharedDomains = await partners.sharedDomains;
    writer = new MatchesCsvWriter(options.output);
    for await (const batch of partners.accounts()) {
      for (const partner of batch) {
        const matches = index.matchPrepared(partner, sharedDomains);
        if (matches.length > 0) matchedPartnerAccounts += 1;
        for (const match of matches) await writer.write(match);
        matchedPairs += matches.length;
      }
    }
    await writer.close();
  } catch (error) {
    await Promise.all([vendors.cancel(), partners.cancel(), writer?.abort()]);
    throw error;
  }
  return {
    vendorAccounts: index.size,
    partnerAccounts: partners.summary.records,
    matchedPairs,
    matchedPartnerAccounts,
    repeatedVendorIds,
    vendorRowsWithoutId: vendors.summary.rowsWithoutId,
    partnerRowsWithoutId: partners.summary.rowsWithoutId,
    seconds: (performance.now() - started) / 1000,
  };
}
