import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { toApiObject } from './api-object.js';
import type { HubSpotPortal } from './hubspot-portal.js';
import { HubSpotApiError, validationError } from './hubspot-errors.js';
import { parseBody, storeOf } from './object-routes.js';
import { checkedValues, checkUnique, findRecord } from './record-writes.js';

/** HubSpot's batch limit: https://developers.hubspot.com/docs/api/crm/understanding-the-crm#batch */
export const MAX_BATCH = 100;

const Properties = z.record(z.string(), z.unknown());
const ReadInput = z.object({ inputs: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String) })), properties: z.array(z.string()).optional(), idProperty: z.string().optional() });
const CreateInput = z.object({ inputs: z.array(z.object({ properties: Properties, associations: z.array(z.unknown()).optional() })) });
const UpdateInput = z.object({ inputs: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), idProperty: z.string().optional(), properties: Properties })) });
const UpsertInput = z.object({ inputs: z.array(z.object({ id: z.string(), idProperty: z.string(), properties: Properties })) });
const ArchiveInput = z.object({ inputs: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String) })) });

interface BatchError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors?: unknown[];
}

function checkSize(count: number): void {
  if (count > MAX_BATCH) throw validationError(`Batch input size ${String(count)} exceeds the limit of ${String(MAX_BATCH)} inputs.`);
}

/** 200/201 when every input succeeded, 207 with `errors` and `numErrors` when some failed. */
function batchAnswer(results: unknown[], errors: BatchError[], startedAt: string, okStatus: 200 | 201): { status: number; body: Record<string, unknown> } {
  const completedAt = new Date().toISOString();
  if (errors.length === 0) return { status: okStatus, body: { status: 'COMPLETE', results, startedAt, completedAt } };
  return { status: 207, body: { status: 'COMPLETE', results, numErrors: errors.length, errors, startedAt, completedAt } };
}

function asBatchError(error: unknown, context: Record<string, string[]>): BatchError {
  if (error instanceof HubSpotApiError) {
    return { status: 'error', category: error.body.category, message: error.body.message, context, ...(error.body.errors ? { errors: error.body.errors } : {}) };
  }
  throw error;
}

/** Batch endpoints: read, create, update, upsert, archive (max 100 inputs each). */
export function registerBatchRoutes(app: FastifyInstance, portal: HubSpotPortal): void {
  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/batch/read', (request, reply) => {
    const store = storeOf(portal, request.params.type);
    const body = parseBody(ReadInput, request.body);
    checkSize(body.inputs.length);
    const startedAt = new Date().toISOString();
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const input of body.inputs) {
      const record = findRecord(store, input.id, body.idProperty);
      if (record) results.push(toApiObject(record, body.properties));
      else missing.push(input.id);
    }
    const errors: BatchError[] =
      missing.length === 0
        ? []
        : [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: `Could not get some ${store.type} objects, they may be deleted or not exist. Check that ids are valid.`, context: { ids: missing } }];
    const answer = batchAnswer(results, errors, startedAt, 200);
    return reply.code(answer.status).send(answer.body);
  });

  // Creation validates the whole batch first: one invalid input refuses the batch (400), as HubSpot does.
  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/batch/create', (request, reply) => {
    const store = storeOf(portal, request.params.type);
    const body = parseBody(CreateInput, request.body);
    checkSize(body.inputs.length);
    const startedAt = new Date().toISOString();
    const prepared = body.inputs.map((input) => checkedValues(store, input.properties));
    for (const values of prepared) checkUnique(store, values, undefined);
    const results = prepared.map((values) => toApiObject(store.create(portal.nextId(), values, portal.clock), [...values.keys()]));
    const answer = batchAnswer(results, [], startedAt, 201);
    return reply.code(answer.status).send(answer.body);
  });

  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/batch/update', (request, reply) => {
    const store = storeOf(portal, request.params.type);
    const body = parseBody(UpdateInput, request.body);
    checkSize(body.inputs.length);
    const startedAt = new Date().toISOString();
    const prepared = body.inputs.map((input) => ({ input, values: checkedValues(store, input.properties) }));
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const { input, values } of prepared) {
      const record = findRecord(store, input.id, input.idProperty);
      if (!record) {
        missing.push(input.id);
        continue;
      }
      checkUnique(store, values, record);
      store.update(record, values, portal.clock);
      results.push(toApiObject(record, [...values.keys()]));
    }
    const errors: BatchError[] = missing.length === 0 ? [] : [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not find some objects to update.', context: { ids: missing } }];
    const answer = batchAnswer(results, errors, startedAt, 200);
    return reply.code(answer.status).send(answer.body);
  });

  // Upsert decides each input on its own: valid ones are written, invalid ones come back as errors (207).
  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/batch/upsert', (request, reply) => {
    const store = storeOf(portal, request.params.type);
    const body = parseBody(UpsertInput, request.body);
    checkSize(body.inputs.length);
    const startedAt = new Date().toISOString();
    const results: unknown[] = [];
    const errors: BatchError[] = [];
    for (const input of body.inputs) {
      try {
        if (!store.isUnique(input.idProperty)) throw validationError(`${input.idProperty} is not a unique identifier property of ${store.type}.`);
        const values = checkedValues(store, { ...input.properties, [input.idProperty]: input.id });
        const existing = store.getByUnique(input.idProperty, input.id);
        checkUnique(store, values, existing);
        const record = existing ?? store.create(portal.nextId(), values, portal.clock);
        if (existing) store.update(existing, values, portal.clock);
        results.push({ ...toApiObject(record, [...values.keys()]), new: existing === undefined });
      } catch (error) {
        errors.push(asBatchError(error, { [input.idProperty]: [input.id] }));
      }
    }
    const answer = batchAnswer(results, errors, startedAt, 200);
    return reply.code(answer.status).send(answer.body);
  });

  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/batch/archive', (request, reply) => {
    const store = storeOf(portal, request.params.type);
    const body = parseBody(ArchiveInput, request.body);
    checkSize(body.inputs.length);
    for (const input of body.inputs) {
      const record = findRecord(store, input.id, undefined);
      if (record) store.archive(record, portal.clock);
    }
    return reply.code(204).send();
  });
}
