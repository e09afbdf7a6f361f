// A worker thread that reads and prepares one accounts CSV file while the main thread indexes
// (see accounts-file-reader.ts). It posts batches of prepared accounts, then the file's platform domains when
// asked for, then a summary — or an error.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { SharedPlatformDetector } from '../shared-platform-detector.js';
import { prepareAccount, type PreparedAccount } from '../prepared-account.js';
import { AccountCsvError } from './account-csv-error.js';
import type { WorkerReply } from './accounts-file-messages.js';
import { encodePreparedAccounts } from './prepared-account-batch.js';
import { estimatedRows, readAccountsCsv } from './read-accounts-csv.js';

// Small batches for the same reason (accounts waiting to be posted survive collections), and an even split of the
// partner accounts between the two matching threads.
const BATCH = 2_000;
const WorkerTaskSchema = z.object({ path: z.string(), label: z.string(), findSharedDomains: z.boolean() });

function post(reply: WorkerReply): void {
  parentPort?.postMessage(reply, reply.kind === 'batch' ? [reply.batch.bytes.buffer, reply.batch.lengths.buffer] : []);
}

try {
  const task = WorkerTaskSchema.parse(workerData);
  const platforms = task.findSharedDomains ? new SharedPlatformDetector(undefined, await estimatedRows(task.path)) : undefined;
  let pending: PreparedAccount[] = [];
  const summary = await readAccountsCsv(task.path, task.label, (record) => {
    const account = prepareAccount(record);
    platforms?.observe(account.domain, account.name);
    pending.push(account);
    if (pending.length === BATCH) {
      post({ kind: 'batch', batch: encodePreparedAccounts(pending) });
      pending = [];
    }
  });
  if (pending.length > 0) post({ kind: 'batch', batch: encodePreparedAccounts(pending) });
  if (platforms) post({ kind: 'shared', domains: [...platforms.shared()] });
  post({ kind: 'done', summary });
} catch (error) {
  post({ kind: 'failed', message: error instanceof Error ? error.message : String(error), badInput: error instanceof AccountCsvError });
}
