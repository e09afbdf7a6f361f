/** A payload over its queue's size limit: jobs carry ids, and a record-sized payload means a bug. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
  readonly queue: string;
  readonly bytes: number;
  readonly limit: number;

  constructor(queue: string, bytes: number, limit: number) {
    super(
      `payload for queue "${queue}" is ${bytes} bytes, over the ${limit}-byte limit; ` +
        'jobs carry record ids, not records: split the batch or pass ids and read the records in the job',
    );
    this.queue = queue;
    this.bytes = bytes;
    this.limit = limit;
  }
}
