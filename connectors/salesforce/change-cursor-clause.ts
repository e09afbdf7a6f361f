import type { ChangeCursor } from '../shared/crm-connector.js';
import { soqlDateTime, soqlString } from './soql.js';

/**
 * The WHERE condition for records after a compound cursor, read in (SystemModstamp, Id) order so records
 * sharing one timestamp are neither skipped nor read twice. With a lookback the cursor moves back in time
 * and every record from there on is read again (the engine's content hashes make that free).
 */
export function afterCursor(since: ChangeCursor | undefined, lookbackMs = 0): string | undefined {
  if (!since) return undefined;
  if (lookbackMs > 0) return `SystemModstamp >= ${soqlDateTime(new Date(Date.parse(since.modifiedAt) - lookbackMs).toISOString())}`;
  const at = soqlDateTime(since.modifiedAt);
  // A cursor without a Salesforce id (a bulk load's end, a stamp set by hand) re-reads its whole second.
  if (!SALESFORCE_ID.test(since.id)) return `SystemModstamp >= ${at}`;
  return `(SystemModstamp > ${at} OR (SystemModstamp = ${at} AND Id > ${soqlString(since.id)}))`;
}

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export const CHANGE_ORDER = 'ORDER BY SystemModstamp ASC, Id ASC';
