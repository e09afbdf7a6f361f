import type { MatchedRows } from './matched-rows.js';
import type { MatchesCsvWriter } from './write-matches-csv.js';

interface Expected {
  answer: Promise<MatchedRows>;
  rows: MatchedRows | undefined;
}

/**
 * Writes batches of matched rows in partner file order, whichever thread matched them and whenever it
 * answers: a batch waits until every earlier one is written. Counts what it wrote.
 */
export class OrderedMatchedRows {
  readonly #writer: MatchesCsvWriter;
  readonly #expected = new Map<number, Expected>();
  #next = 0;
  pairs = 0;
  matchedAccounts = 0;

  constructor(writer: MatchesCsvWriter) {
    this.#writer = writer;
  }

  /** The rows of batch `seq` (numbered from 0 in file order), now or later. */
  expect(seq: number, answer: Promise<MatchedRows>): void {
    const expected: Expected = { answer, rows: undefined };
    answer.then((rows) => { expected.rows = rows; }, () => undefined); // a failure surfaces where it is awaited
    this.#expected.set(seq, expected);
  }

  /** Writes the batches that are next in order and already answered. */
  async writeAnswered(): Promise<void> {
    for (let next = this.#expected.get(this.#next); next?.rows !== undefined; next = this.#expected.get(this.#next)) await this.#write(next.rows);
  }

  /** Waits for every expected batch and writes them all, in order. */
  async writeAll(): Promise<void> {
    for (let next = this.#expected.get(this.#next); next !== undefined; next = this.#expected.get(this.#next)) await this.#write(await next.answer);
  }

  async #write(rows: MatchedRows): Promise<void> {
    this.#expected.delete(this.#next);
    this.#next += 1;
    this.pairs += rows.pairs;
    this.matchedAccounts += rows.matchedAccounts;
    await this.#writer.writePacked(rows.rows);
  }
}
