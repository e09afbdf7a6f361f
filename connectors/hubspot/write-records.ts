import type { DeleteOutcome, RecordOutcome, UpsertInput } from '../shared/crm-connector.js';
import type { HubSpotCaller } from './hubspot-caller.js';
import { HubSpotBatchWriteResponse } from './raw-shapes.js';

/** HubSpot's batch limit. */
export const BATCH_SIZE = 100;

/**
 * Upserts by a unique-value property, 100 per call, one outcome per input in input order, from the
 * 200 or 207 answer (a 207 lists failed inputs with the idProperty value in `context`).
 * https://developers.hubspot.com/docs/api/crm/companies — POST /crm/v3/objects/{type}/batch/upsert
 */
export async function upsertRecords(caller: HubSpotCaller, type: string, idProperty: string, inputs: readonly UpsertInput[]): Promise<RecordOutcome[]> {
  const byId = inputs.filter((input) => input.crmId !== undefined);
  const byKey = inputs.filter((input) => input.crmId === undefined);
  const outcomes = new Map<UpsertInput, RecordOutcome>();
  for (const [input, outcome] of [...(await updateByIds(caller, type, idProperty, byId)), ...(await upsertByKey(caller, type, idProperty, byKey))]) outcomes.set(input, outcome);
  return inputs.map((input) => outcomes.get(input) ?? { ok: false, externalId: input.externalId, error: { code: 'NOT_WRITTEN', message: 'no outcome', retryable: false } });
}

/**
 * Records that exist without our external id (linked ones) are updated by id, 100 per call, and given it.
 * https://developers.hubspot.com/docs/api/crm/companies — POST /crm/v3/objects/{type}/batch/update
 */
async function updateByIds(caller: HubSpotCaller, type: string, idProperty: string, inputs: readonly UpsertInput[]): Promise<[UpsertInput, RecordOutcome][]> {
  const outcomes: [UpsertInput, RecordOutcome][] = [];
  for (let start = 0; start < inputs.length; start += BATCH_SIZE) {
    const chunk = inputs.slice(start, start + BATCH_SIZE);
    const { body } = await caller.json(`update ${type} by id (${String(chunk.length)} records)`, {
      method: 'POST',
      path: `/crm/v3/objects/${type}/batch/update`,
      body: { inputs: chunk.map((input) => ({ id: input.crmId, properties: { ...stringValues(input.fields), [idProperty]: input.externalId } })) },
    }, HubSpotBatchWriteResponse);
    const written = new Map(body.results.map((result) => [result.id, result]));
    const missing = new Set((body.errors ?? []).flatMap((error) => error.context?.ids ?? []));
    for (const input of chunk) {
      const result = written.get(input.crmId ?? '');
      outcomes.push([input, result
        ? { ok: true, externalId: input.externalId, id: result.id, created: false }
        : { ok: false, externalId: input.externalId, error: { code: missing.has(input.crmId ?? '') ? 'OBJECT_NOT_FOUND' : 'NOT_WRITTEN', message: `record ${input.crmId ?? ''} was not updated`, retryable: false } }]);
    }
  }
  return outcomes;
}

async function upsertByKey(caller: HubSpotCaller, type: string, idProperty: string, inputs: readonly UpsertInput[]): Promise<[UpsertInput, RecordOutcome][]> {
  const outcomes: [UpsertInput, RecordOutcome][] = [];
  for (let start = 0; start < inputs.length; start += BATCH_SIZE) {
    const chunk = inputs.slice(start, start + BATCH_SIZE);
    const { body } = await caller.json(`upsert ${type} by ${idProperty} (${String(chunk.length)} records)`, {
      method: 'POST',
      path: `/crm/v3/objects/${type}/batch/upsert`,
      body: { inputs: chunk.map((input) => ({ id: input.externalId, idProperty, properties: stringValues(input.fields) })) },
    }, HubSpotBatchWriteResponse);
    const written = new Map(body.results.map((result) => {
      const key = result.properties[idProperty];
      return [typeof key === 'string' ? key : '', result];
    }));
    const failed = new Map<string, { category: string; message: string }>();
    for (const error of body.errors ?? []) for (const key of error.context?.[idProperty] ?? []) failed.set(key, error);
    for (const input of chunk) {
      const result = written.get(input.externalId);
      const error = failed.get(input.externalId);
      if (result) outcomes.push([input, { ok: true, externalId: input.externalId, id: result.id, created: result.new ?? false }]);
      else outcomes.push([input, { ok: false, externalId: input.externalId, error: { code: error ? codeOf(error.message, error.category) : 'NOT_WRITTEN', message: error?.message ?? 'HubSpot returned no result for this input', retryable: false } }]);
    }
  }
  return outcomes;
}

/** Archives by id, 100 per call (https://developers.hubspot.com/docs/api/crm/companies — batch/archive). */
export async function archiveRecords(caller: HubSpotCaller, type: string, ids: readonly string[]): Promise<DeleteOutcome[]> {
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    const chunk = ids.slice(start, start + BATCH_SIZE);
    await caller.json(`archive ${type} (${String(chunk.length)} records)`, { method: 'POST', path: `/crm/v3/objects/${type}/batch/archive`, body: { inputs: chunk.map((id) => ({ id })) } }, HubSpotBatchWriteResponse.partial());
  }
  return ids.map((id) => ({ ok: true, id }));
}

/** HubSpot properties are text; numbers and booleans are sent as their text form. */
function stringValues(fields: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)]));
}

/** The specific code inside a VALIDATION_ERROR message (INVALID_OPTION, …), else the category. */
function codeOf(message: string, category: string): string {
  return /"error":"([A-Z_]+)"/.exec(message)?.[1] ?? category;
}
