// A worker thread that turns matched pairs into CSV text (see write-matches-csv.ts), so that the main thread
// spends its time matching. Each message is a batch of packed rows; each reply is the batch's CSV text.
import { parentPort } from 'node:worker_threads';
import { z } from 'zod';
import { csvTextOf } from './matches-csv-text.js';

const Batch = z.object({ bytes: z.instanceof(Uint8Array), lengths: z.instanceof(Int32Array), header: z.boolean() });

parentPort?.on('message', (message: unknown) => {
  const batch = Batch.parse(message);
  parentPort?.postMessage(csvTextOf(batch, batch.header));
});
