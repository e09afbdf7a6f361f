import type { SharedAccountNames } from '../account-index.js';
import type { PackedRows } from './matches-csv-text.js';
import type { PreparedAccountBatch } from './prepared-account-batch.js';

/** What the partner-matching thread is sent: the vendor accounts with their slots, then its names, then work. */
export type PartnerMatcherRequest =
  | { kind: 'vendors'; batch: PreparedAccountBatch; slots: Int32Array }
  | { kind: 'ready'; names: SharedAccountNames; sharedDomains: string[] }
  | { kind: 'partners'; seq: number; batch: PreparedAccountBatch };

/** What it answers: a batch's matched pairs as output rows, or why it failed. */
export type PartnerMatcherReply =
  | { kind: 'matched'; seq: number; rows: PackedRows; pairs: number; matchedAccounts: number }
  | { kind: 'failed'; message: string };

const REQUESTS: ReadonlySet<string> = new Set(['vendors', 'ready', 'partners']);
const REPLIES: ReadonlySet<string> = new Set(['matched', 'failed']);

export function isPartnerMatcherRequest(value: unknown): value is PartnerMatcherRequest {
  return typeof value === 'object' && value !== null && 'kind' in value && REQUESTS.has(String(value.kind));
}

export function isPartnerMatcherReply(value: unknown): value is PartnerMatcherReply {
  return typeof value === 'object' && value !== null && 'kind' in value && REPLIES.has(String(value.kind));
}
