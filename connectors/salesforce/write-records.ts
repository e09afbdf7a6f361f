import { setTimeout as sleep } from 'node:timers/promises';
import type { DeleteOutcome, RecordError, RecordOutcome, UpsertInput } from '../shared/crm-connector.js';
import { RETRYABLE_RECORD_CODES } from './error-table.js';
import { SalesforceSaveResults, type SalesforceSaveResult } from './raw-shapes.js';
import type { SalesforceCaller } from './salesforce-caller.js';
import { soqlName } from './soql.js';

/** sObject Collections' limit per call. */
export const COLLECTION_LIMIT = 200;
/** Records refused for a row lock are sent again this many times, after these pauses. */
const LOCK_RETRY_PAUSES_MS = [250, 1_000, 3_000];

type Sender = (chunk: readonly UpsertInput[]) => Promise<SalesforceSaveResult[]>;

/**
 * Creates or updates records by external id through sObject Collections, 200 per call, allOrNone=false, one
 * outcome per input in input order. Linked records the org's users created (`crmId` known, our external id
 * not yet on them) are updated by Id and given the external id. jsforce's `upsert([...])` would send the
 * same call; it is called directly here so the answer's per-record results come back untouched.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
 */
export async function upsertRecords(caller: SalesforceCaller, object: string, externalIdField: string, inputs: readonly UpsertInput[]): Promise<RecordOutcome[]> {
  const type = soqlName(object);
  const field = soqlName(externalIdField);
  const byKey: Sender = async (chunk) =>
    (await caller.json(`upsert ${type} by ${field} (${String(chunk.length)} records)`, {
      method: 'PATCH',
      path: `/composite/sobjects/${type}/${field}`,
      body: { allOrNone: false, records: chunk.map((input) => ({ attributes: { type }, ...input.fields, [field]: input.externalId })) },
    }, SalesforceSaveResults)).body;
  const byId: Sender = async (chunk) =>
    (await caller.json(`update ${type} by Id (${String(chunk.length)} records)`, {
      method: 'PATCH',
      path: '/composite/sobjects',
      body: { allOrNone: false, records: chunk.map((input) => ({ attributes: { type }, ...input.fields, Id: input.crmId, [field]: input.externalId })) },
    }, SalesforceSaveResults)).body;
  const outcomes = new Map<UpsertInput, RecordOutcome>();
  await writeInChunks(inputs.filter((input) => input.crmId === undefined), byKey, outcomes, false);
  await writeInChunks(inputs.filter((input) => input.crmId !== undefined), byId, outcomes, true);
  return inputs.map((input) => outcomes.get(input) ?? { ok: false, externalId: input.externalId, error: { code: 'NOT_WRITTEN', message: 'Salesforce returned no result for this record', retryable: true } });
}

async function writeInChunks(inputs: readonly UpsertInput[], send: Sender, outcomes: Map<UpsertInput, RecordOutcome>, updates: boolean): Promise<void> {
  for (let start = 0; start < inputs.length; start += COLLECTION_LIMIT) {
    let pending = inputs.slice(start, start + COLLECTION_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      const results = await send(pending);
      const locked: UpsertInput[] = [];
      pending.forEach((input, index) => {
        const result = results[index];
        const error = result ? firstError(result) : { code: 'NOT_WRITTEN', message: 'Salesforce returned no result for this record', retryable: true };
        if (result?.success && result.id) {
          outcomes.set(input, { ok: true, externalId: input.externalId, id: result.id, created: updates ? false : result.created === true });
        } else if (error.code === 'UNABLE_TO_LOCK_ROW' && attempt < LOCK_RETRY_PAUSES_MS.length) {
          locked.push(input);
        } else {
          outcomes.set(input, { ok: false, externalId: input.externalId, error });
        }
      });
      pending = locked;
      if (pending.length > 0) await sleep(LOCK_RETRY_PAUSES_MS[attempt]);
    }
  }
}

function firstError(result: SalesforceSaveResult): RecordError {
  const error = result.errors[0];
  if (!error) return { code: 'UNKNOWN_ERROR', message: 'Salesforce reported a failure without an error', retryable: false };
  return { code: error.statusCode, message: error.message, ...(error.fields && error.fields.length > 0 ? { fields: error.fields } : {}), retryable: RETRYABLE_RECORD_CODES.has(error.statusCode) };
}

/**
 * Deletes by id, 200 per call, allOrNone=false (the rows go to the recycle bin).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_delete.htm
 */
export async function deleteRecords(caller: SalesforceCaller, object: string, ids: readonly string[]): Promise<DeleteOutcome[]> {
  const outcomes: DeleteOutcome[] = [];
  for (let start = 0; start < ids.length; start += COLLECTION_LIMIT) {
    const chunk = ids.slice(start, start + COLLECTION_LIMIT);
    const query = new URLSearchParams({ ids: chunk.join(','), allOrNone: 'false' });
    const { body } = await caller.json(`delete ${object} (${String(chunk.length)} records)`, { method: 'DELETE', path: `/composite/sobjects?${query.toString()}` }, SalesforceSaveResults);
    chunk.forEach((id, index) => {
      const result = body[index];
      outcomes.push(result?.success ? { ok: true, id } : { ok: false, id, error: result ? firstError(result) : { code: 'NOT_DELETED', message: 'no result', retryable: true } });
    });
  }
  return outcomes;
}
