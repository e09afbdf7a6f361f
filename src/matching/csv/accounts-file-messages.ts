import type { PreparedAccountBatch } from './prepared-account-batch.js';
import type { AccountsCsvSummary } from './read-accounts-csv.js';

/** What an accounts-file worker is asked to do. */
export interface WorkerTask {
  path: string;
  label: string;
  /** Find the file's platform domains (SharedPlatformDetector) while reading it. */
  findSharedDomains: boolean;
}

/** What it posts back: batches of accounts, the platform domains (when asked), a summary — or why it failed. */
export type WorkerReply =
  | { kind: 'shared'; domains: string[] }
  | { kind: 'batch'; batch: PreparedAccountBatch }
  | { kind: 'done'; summary: AccountsCsvSummary }
  | { kind: 'failed'; message: string; badInput: boolean };

const KINDS: ReadonlySet<string> = new Set(['shared', 'batch', 'done', 'failed']);

export function isWorkerReply(value: unknown): value is WorkerReply {
  return typeof value === 'object' && value !== null && 'kind' in value && KINDS.has(String(value.kind));
}
