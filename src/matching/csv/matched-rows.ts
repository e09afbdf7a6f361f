import type { AccountMatch } from '../account-match.js';
import { packRows, type PackedRows } from './matches-csv-text.js';

/** A batch of partner accounts matched: its output rows, packed, and how much matched. */
export interface MatchedRows {
  rows: PackedRows;
  pairs: number;
  matchedAccounts: number;
}

/** Packs the matches of a batch's partner accounts (one list per account) as output rows, in order. */
export function matchedRowsOf(matchesPerAccount: readonly (readonly AccountMatch[])[]): MatchedRows {
  const rows: string[][] = [];
  let matchedAccounts = 0;
  for (const matches of matchesPerAccount) {
    if (matches.length > 0) matchedAccounts += 1;
    for (const match of matches) rows.push([match.vendorId, match.partnerId, match.score.toFixed(3), match.reason]);
  }
  return { rows: packRows(rows), pairs: rows.length, matchedAccounts };
}
