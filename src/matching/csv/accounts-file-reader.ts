import type { Worker } from 'node:worker_threads';
import { prepareAccount, type PreparedAccount } from '../prepared-account.js';
import { AccountCsvError } from './account-csv-error.js';
import { isWorkerReply, type WorkerReply, type WorkerTask } from './accounts-file-messages.js';
import { SharedPlatformDetector } from '../shared-platform-detector.js';
import { preparedAccountsOf, type PreparedAccountBatch } from './prepared-account-batch.js';
import { readAccountsCsv, type AccountsCsvSummary } from './read-accounts-csv.js';
import { startWorker } from './start-worker.js';

/**
 * Reads and prepares an accounts CSV file on a worker thread, so that parsing and normalising — most of the
 * work of matching two large files — runs on another core while this thread indexes. The accounts come as
 * batches, in file order; the file's platform domains once it is read through, when asked for.
 * Where no worker can be started (TypeScript source without tsx), the same is done on this thread.
 */
export class AccountsFileReader {
  /** The file's platform domains (SharedPlatformDetector), once it is read through. Empty unless asked for. */
  readonly sharedDomains: Promise<Set<string>>;
  readonly #queue: (PreparedAccountBatch | PreparedAccount[])[] = [];
  #summary: AccountsCsvSummary | undefined;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;
  #settleShared: { resolve: (domains: Set<string>) => void; reject: (error: Error) => void } | undefined;
  readonly #worker: Worker | undefined;

  constructor(path: string, label: string, options: { findSharedDomains: boolean }) {
    this.sharedDomains = new Promise((resolve, reject) => { this.#settleShared = { resolve, reject }; });
    // Awaited by the caller later; this only keeps an early failure from counting as unhandled.
    this.sharedDomains.catch(() => undefined);
    if (!options.findSharedDomains) this.#settleShared?.resolve(new Set());
    const task: WorkerTask = { path, label, findSharedDomains: options.findSharedDomains };
    this.#worker = startWorker('prepare-accounts-worker', task);
    if (this.#worker) {
      this.#worker.on('message', (reply: unknown) => { if (isWorkerReply(reply)) this.#receive(reply); });
      this.#worker.on('error', (error) => { this.#fail(error); });
      this.#worker.on('exit', (code) => { this.#fail(new Error(`reading ${label} stopped before its end (worker exit code ${String(code)})`)); });
    } else {
      void this.#readHere(task);
    }
  }

  /** The accounts, a batch at a time, in file order. Throws what reading the file threw. */
  async *accounts(): AsyncGenerator<PreparedAccount[]> {
    for await (const batch of this.batches()) yield preparedAccountsOf(batch);
  }

  /** The batches as they came from the worker thread, still encoded (cheap to pass on to another thread). */
  async *batches(): AsyncGenerator<PreparedAccountBatch | PreparedAccount[]> {
    for (;;) {
      const next = this.#queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.#failure) throw this.#failure;
      if (this.#summary) return;
      await new Promise<void>((resolve) => { this.#wake = resolve; });
    }
  }

  /** What reading found besides the accounts; known once `accounts()` is through. */
  get summary(): AccountsCsvSummary {
    if (!this.#summary) throw new Error('the accounts file has not been read to its end yet');
    return this.#summary;
  }

  /** Stops reading; nothing more will come. */
  async cancel(): Promise<void> {
    this.#summary ??= { records: 0, rowsWithoutId: [] };
    await this.#worker?.terminate();
  }

  #receive(reply: WorkerReply): void {
    if (reply.kind === 'shared') this.#settleShared?.resolve(new Set(reply.domains));
    else if (reply.kind === 'batch') this.#queue.push(reply.batch);
    else if (reply.kind === 'done') this.#summary ??= reply.summary;
    else this.#fail(reply.badInput ? new AccountCsvError(reply.message) : new Error(reply.message));
    this.#wakeUp();
  }

  #fail(error: Error): void {
    if (this.#summary) return;
    this.#failure ??= error;
    this.#settleShared?.reject(error);
    this.#wakeUp();
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async #readHere(task: WorkerTask): Promise<void> {
    try {
      const platforms = new SharedPlatformDetector();
      const accounts: PreparedAccount[] = [];
      const summary = await readAccountsCsv(task.path, task.label, (record) => {
        const account = prepareAccount(record);
        platforms.observe(account.domain, account.name);
        accounts.push(account);
      });
      this.#queue.push(accounts);
      if (task.findSharedDomains) this.#settleShared?.resolve(platforms.shared());
      this.#summary = summary;
      this.#wakeUp();
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
