// A worker thread that matches half the partner accounts while the main thread matches the other half (see
// partner-matcher-thread.ts). It keeps a replica of the main thread's vendor index: the accounts arrive with
// their slots while the main thread builds the index, the name structures in shared memory once it is done.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { AccountIndex } from '../account-index.js';
import { matchedRowsOf } from './matched-rows.js';
import { isPartnerMatcherRequest, type PartnerMatcherReply, type PartnerMatcherRequest } from './partner-matcher-messages.js';
import { preparedAccountsOf } from './prepared-account-batch.js';

const Options = z.object({ threshold: z.number().optional(), blockLimit: z.number().optional() });

const index = AccountIndex.replica(Options.parse(workerData));
let sharedDomains: ReadonlySet<string> = new Set();

function post(reply: PartnerMatcherReply): void {
  parentPort?.postMessage(reply, reply.kind === 'matched' ? [reply.rows.bytes.buffer, reply.rows.lengths.buffer] : []);
}

function handle(request: PartnerMatcherRequest): void {
  if (request.kind === 'vendors') index.place(preparedAccountsOf(request.batch), request.slots);
  else if (request.kind === 'ready') {
    index.useSharedNames(request.names);
    sharedDomains = new Set(request.sharedDomains);
  } else {
    const matches = preparedAccountsOf(request.batch).map((partner) => index.matchPrepared(partner, sharedDomains));
    post({ kind: 'matched', seq: request.seq, ...matchedRowsOf(matches) });
  }
}

parentPort?.on('message', (message: unknown) => {
  try {
    if (!isPartnerMatcherRequest(message)) throw new Error('the partner-matching thread got a message it does not know');
    handle(message);
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
