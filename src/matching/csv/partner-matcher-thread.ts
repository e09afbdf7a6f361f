import type { Worker } from 'node:worker_threads';
import type { SharedAccountNames } from '../account-index.js';
import type { MatchOptions } from '../match-options.js';
import type { MatchedRows } from './matched-rows.js';
import { isPartnerMatcherReply, type PartnerMatcherReply, type PartnerMatcherRequest } from './partner-matcher-messages.js';
import type { PreparedAccountBatch } from './prepared-account-batch.js';
import { startWorker } from './start-worker.js';

interface Waiting {
  resolve: (rows: MatchedRows) => void;
  reject: (error: Error) => void;
}

/**
 * A second thread matching partner accounts against a replica of this thread's vendor index (see
 * match-partners-worker.ts): it is given the vendor accounts and their slots while the index is built, the
 * shared name structures when it is complete, then batches of partner accounts, each answered with its rows.
 */
export class PartnerMatcherThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #failure: Error | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: unknown) => { if (isPartnerMatcherReply(reply)) this.#receive(reply); });
    worker.on('error', (error) => { this.#fail(error); });
    worker.on('exit', (code) => { this.#fail(new Error(`the partner-matching thread stopped (exit code ${String(code)})`)); });
  }

  /** Undefined where no worker thread can be started (TypeScript source without tsx): match on one thread then. */
  static start(options: MatchOptions): PartnerMatcherThread | undefined {
    const worker = startWorker('match-partners-worker', { threshold: options.threshold, blockLimit: options.blockLimit });
    return worker ? new PartnerMatcherThread(worker) : undefined;
  }

  /** Batches sent and not answered yet. */
  get inFlight(): number {
    return this.#waiting.size;
  }

  /** Vendor accounts as this thread's index placed them: `slots[i]` is the slot of the batch's i-th account. */
  addVendors(batch: PreparedAccountBatch, slots: Int32Array<ArrayBuffer>): void {
    this.#post({ kind: 'vendors', batch, slots }, [batch.bytes.buffer, batch.lengths.buffer, slots.buffer]);
  }

  /** The complete index's shared name structures and the partner file's platform domains: matching can start. */
  ready(names: SharedAccountNames, sharedDomains: ReadonlySet<string>): void {
    this.#post({ kind: 'ready', names, sharedDomains: [...sharedDomains] }, []);
  }

  /** Matches a batch of partner accounts there; `seq` tells the answers apart. */
  async match(seq: number, batch: PreparedAccountBatch): Promise<MatchedRows> {
    if (this.#failure) throw this.#failure;
    const answer = new Promise<MatchedRows>((resolve, reject) => { this.#waiting.set(seq, { resolve, reject }); });
    this.#post({ kind: 'partners', seq, batch }, [batch.bytes.buffer, batch.lengths.buffer]);
    return answer;
  }

  async stop(): Promise<void> {
    this.#failure ??= new Error('the partner-matching thread was stopped');
    await this.#worker.terminate();
  }

  #post(request: PartnerMatcherRequest, transfer: ArrayBuffer[]): void {
    this.#worker.postMessage(request, transfer);
  }

  #receive(reply: PartnerMatcherReply): void {
    if (reply.kind === 'failed') {
      this.#fail(new Error(`matching partner accounts on a second thread failed: ${reply.message}`));
      return;
    }
    const waiting = this.#waiting.get(reply.seq);
    this.#waiting.delete(reply.seq);
    waiting?.resolve({ rows: reply.rows, pairs: reply.pairs, matchedAccounts: reply.matchedAccounts });
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiting of this.#waiting.values()) waiting.reject(this.#failure);
    this.#waiting.clear();
  }
}
