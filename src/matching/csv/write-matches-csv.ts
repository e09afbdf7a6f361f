import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { csvTextOf, packRows, type PackedRows } from './matches-csv-text.js';
import { startWorker } from './start-worker.js';

export { MATCH_COLUMNS } from './matches-csv-text.js';

/** Batches the CSV worker may hold at once before writes wait. */
const IN_FLIGHT = 4;

/**
 * Writes batches of matched pairs (packed rows) as CSV (PapaParse) to `output`, a file or stdout, header
 * first, in the order given.
 * The CSV text is made on a worker thread while this one matches; writes wait whenever the worker or the
 * output falls behind, so memory stays flat. A failing output (a full disk, a closed pipe) fails the next
 * write.
 */
export class MatchesCsvWriter {
  readonly #output: Writable;
  readonly #worker: Worker | undefined;
  #headerWritten = false;
  /** Batches posted to the worker and not yet written, oldest first; `arrived` once their text is back. */
  readonly #inFlight: { done: Promise<void>; resolve: () => void; reject: (error: Error) => void; arrived: boolean }[] = [];
  #error: Error | undefined;
  /** Rejected by the first failure, so a wait for 'drain' ends when the output fails instead. */
  readonly #failed: Promise<never>;
  #rejectFailed: (error: Error) => void = () => undefined;

  constructor(output: Writable) {
    this.#output = output;
    this.#failed = new Promise<never>((_resolve, reject) => { this.#rejectFailed = reject; });
    this.#failed.catch(() => undefined); // surfaced by writePacked() and close()
    output.on('error', (error) => { this.#fail(error); });
    this.#worker = startWorker('matches-csv-worker', undefined);
    this.#worker?.on('message', (text: unknown) => { void this.#written(String(text)); });
    this.#worker?.on('error', (error) => { this.#fail(error); });
    this.#worker?.on('exit', () => { if (this.#inFlight.length > 0) this.#fail(new Error('the CSV writer thread stopped before the output was written')); });
  }

  /** Writes a batch of rows (packRows), after the ones written before. */
  async writePacked(rows: PackedRows): Promise<void> {
    this.#throwIfFailed();
    await this.#flush(rows);
  }

  /** Writes the header if no row came, and ends a file output (stdout stays open). */
  async close(): Promise<void> {
    this.#throwIfFailed();
    if (!this.#headerWritten) await this.#flush(packRows([]));
    await Promise.all(this.#inFlight.map((batch) => batch.done));
    await this.#worker?.terminate();
    this.#throwIfFailed();
    if (this.#output !== process.stdout) {
      this.#output.end();
      await once(this.#output, 'finish');
    }
  }

  /** Gives up: nothing more is written, and the worker thread is stopped. */
  async abort(): Promise<void> {
    this.#fail(new Error('the matches output was abandoned'));
    await this.#worker?.terminate();
  }

  /** Sends rows to be made CSV text and written (the header before the first). */
  async #flush(packed: PackedRows): Promise<void> {
    const header = !this.#headerWritten;
    if (packed.lengths.length === 0 && !header) return;
    this.#headerWritten = true;
    if (!this.#worker) {
      await this.#writeText(csvTextOf(packed, header));
      return;
    }
    let settle: { resolve: () => void; reject: (error: Error) => void } = { resolve: () => undefined, reject: () => undefined };
    const done = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
    done.catch(() => undefined); // surfaced by write() and close()
    this.#inFlight.push({ done, ...settle, arrived: false });
    this.#worker.postMessage({ ...packed, header } satisfies PackedRows & { header: boolean }, [packed.bytes.buffer, packed.lengths.buffer]);
    const oldest = this.#inFlight[0];
    if (this.#inFlight.length > IN_FLIGHT && oldest) await oldest.done;
    this.#throwIfFailed();
  }

  /** A batch's text is back from the worker (replies come in order): write it, then let the next one through. */
  async #written(text: string): Promise<void> {
    const batch = this.#inFlight.find((posted) => !posted.arrived);
    if (batch) batch.arrived = true;
    try {
      await this.#writeText(text);
      if (batch) this.#inFlight.splice(this.#inFlight.indexOf(batch), 1);
      batch?.resolve();
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async #writeText(text: string): Promise<void> {
    this.#throwIfFailed();
    if (!this.#output.write(text)) await Promise.race([once(this.#output, 'drain'), this.#failed]);
    this.#throwIfFailed();
  }

  /** A method, not an inline test: the failure may arrive while a write waits. */
  #throwIfFailed(): void {
    if (this.#error) throw this.#error;
  }

  #fail(error: Error): void {
    this.#error ??= error;
    this.#rejectFailed(error);
    for (const batch of this.#inFlight.splice(0)) batch.reject(error);
  }
}
