import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requestedProperties, toApiObject } from './api-object.js';
import type { HubSpotPortal } from './hubspot-portal.js';
import { notFound, validationError } from './hubspot-errors.js';
import type { ObjectTypeStore } from './object-store.js';
import { createRecord, findRecord, updateRecord } from './record-writes.js';

const Write = z.object({ properties: z.record(z.string(), z.unknown()), associations: z.array(z.unknown()).optional() });

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw validationError(`Invalid input JSON: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function storeOf(portal: HubSpotPortal, type: string): ObjectTypeStore {
  const store = portal.store(type);
  if (!store) throw notFound(`Unable to infer object type from: ${type}`);
  return store;
}

/** Basic object endpoints: https://developers.hubspot.com/docs/api/crm/companies (list, read, create, update, archive). */
export function registerObjectRoutes(app: FastifyInstance, portal: HubSpotPortal): void {
  app.get<{ Params: { type: string }; Querystring: Record<string, unknown> }>('/crm/v3/objects/:type', (request) => {
    const store = storeOf(portal, request.params.type);
    const limit = Math.min(Math.max(Number(request.query.limit ?? 10) || 10, 1), 100);
    const archived = request.query.archived === 'true' || request.query.archived === true;
    const after = request.query.after === undefined ? 0 : Number(request.query.after);
    if (!Number.isInteger(after) || after < 0) throw validationError(`after "${String(request.query.after)}" is not a valid paging cursor`);
    const properties = requestedProperties(request.query.properties);
    const results: Record<string, unknown>[] = [];
    let next: number | undefined;
    for (const record of store.fromCreation(store.creationIndexOf(after))) {
      if (record.archived !== archived) continue;
      if (results.length === limit) {
        next = record.id;
        break;
      }
      results.push(toApiObject(record, properties));
    }
    const base = `${request.protocol}://${request.host}${request.url.split('?')[0] ?? ''}`;
    return {
      results,
      ...(next === undefined ? {} : { paging: { next: { after: String(next), link: `${base}?after=${String(next)}` } } }),
    };
  });

  app.get<{ Params: { type: string; id: string }; Querystring: Record<string, unknown> }>('/crm/v3/objects/:type/:id', (request) => {
    const store = storeOf(portal, request.params.type);
    const idProperty = typeof request.query.idProperty === 'string' ? request.query.idProperty : undefined;
    const record = findRecord(store, request.params.id, idProperty);
    if (!record) throw notFound(`resource not found`);
    return toApiObject(record, requestedProperties(request.query.properties));
  });

  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type', (request, reply) => {
    const store = storeOf(portal, request.params.type);
    const body = parseBody(Write, request.body);
    const record = createRecord(portal, store, body.properties);
    return reply.code(201).send(toApiObject(record, Object.keys(body.properties)));
  });

  app.patch<{ Params: { type: string; id: string }; Querystring: Record<string, unknown> }>('/crm/v3/objects/:type/:id', (request) => {
    const store = storeOf(portal, request.params.type);
    const body = parseBody(Write, request.body);
    const idProperty = typeof request.query.idProperty === 'string' ? request.query.idProperty : undefined;
    const record = findRecord(store, request.params.id, idProperty);
    if (!record) throw notFound(`resource not found`);
    return toApiObject(updateRecord(portal, store, record, body.properties), Object.keys(body.properties));
  });

  app.delete<{ Params: { type: string; id: string } }>('/crm/v3/objects/:type/:id', (request, reply) => {
    const store = storeOf(portal, request.params.type);
    const record = findRecord(store, request.params.id, undefined);
    if (record) store.archive(record, portal.clock);
    return reply.code(204).send();
  });
}
