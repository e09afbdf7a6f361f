import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SaveOutcome } from '../dml/record-writer.js';
import { SalesforceApiError, jsonParserError, notFound, type RecordError } from '../errors.js';
import { fullRecordJson } from '../record-json.js';
import type { SandboxOrg } from '../sandbox-org.js';
import { keyPrefixOf, normalizeId } from '../salesforce-ids.js';
import type { FieldDefinition, ObjectDefinition } from '../schema/object-schema.js';
import { isDeleted, type StoredRecord } from '../store/object-table.js';
import { apiContext } from './api-guard.js';
import { objectFromPath } from './describe-routes.js';

const RecordBody = z.record(z.string(), z.unknown(), { error: 'a JSON object of field values' });
const IdParams = z.object({ type: z.string(), id: z.string() });
const ExternalParams = z.object({ type: z.string(), field: z.string(), value: z.string() });
const FieldsQuery = z.object({ fields: z.string().optional() });

/** The request body as a record, or the API's JSON_PARSER_ERROR. */
export function recordBody(body: unknown): Record<string, unknown> {
  const parsed = RecordBody.safeParse(body);
  if (!parsed.success) throw jsonParserError('Cannot deserialize instance of the sObject from the request body: expected a JSON object');
  return parsed.data;
}

/** 404 with the error a failed save gives when its record is missing or deleted, 400 otherwise. */
function statusFor(errors: readonly RecordError[]): number {
  const code = errors[0]?.statusCode;
  return code === 'NOT_FOUND' || code === 'ENTITY_IS_DELETED' ? 404 : 400;
}

function unwrap(outcome: SaveOutcome): { id: string; created: boolean } {
  if (!outcome.success) throw SalesforceApiError.fromRecordErrors(statusFor(outcome.errors), outcome.errors);
  return outcome;
}

/** The live record a path id names, with the API's 404s for anything else. */
function recordAt(org: SandboxOrg, object: ObjectDefinition, segment: string): StoredRecord {
  const id = normalizeId(segment);
  if (id === undefined) throw notFound(`Provided external ID field does not exist or is not accessible: ${segment}`);
  const record = keyPrefixOf(id) === object.keyPrefix ? org.store.get(id) : undefined;
  if (!record) throw notFound();
  if (isDeleted(record)) throw new SalesforceApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  return record;
}

/** An external-id (or idLookup) field named in a path, or 404 as the API answers. */
function lookupField(org: SandboxOrg, object: ObjectDefinition, name: string): FieldDefinition {
  const field = org.schema.field(object, name);
  if (!field || !(field.externalId || field.idLookup)) {
    throw notFound(`Provided external ID field does not exist or is not accessible: ${name}`);
  }
  return field;
}

function fieldList(org: SandboxOrg, object: ObjectDefinition, query: unknown): Set<string> | undefined {
  const parsed = FieldsQuery.safeParse(query);
  const text = parsed.success ? parsed.data.fields : undefined;
  if (text === undefined || text.trim() === '') return undefined;
  const names = new Set<string>();
  for (const name of text.split(',').map((part) => part.trim())) {
    const field = org.schema.field(object, name);
    if (!field) throw new SalesforceApiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
    names.add(field.name);
  }
  return names;
}

/** 300 Multiple Choices with the matching records' URLs, as an ambiguous external id answers. */
function multipleChoices(reply: FastifyReply, object: ObjectDefinition, ids: readonly string[], version: string): FastifyReply {
  return reply.code(300).send(ids.map((id) => `/services/data/v${version}/sobjects/${object.name}/${id}`));
}

/**
 * Single-record resources: create, retrieve, update, delete by id, and retrieve/upsert/delete by external id
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_retrieve.htm,
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_upsert.htm).
 */
export function registerRecordRoutes(api: FastifyInstance, org: SandboxOrg): void {
  api.post('/sobjects/:type', (request, reply) => {
    const { session } = apiContext(request);
    const object = objectFromPath(org, request.params);
    const body = recordBody(request.body);
    const { id } = unwrap(org.write(session.userId, (ctx) => org.writer.create(object, body, ctx)));
    return reply.code(201).send({ id, success: true, errors: [] });
  });

  api.get('/sobjects/:type/:id', (request) => {
    const { version } = apiContext(request);
    const object = objectFromPath(org, request.params);
    const { id } = IdParams.parse(request.params);
    return fullRecordJson(recordAt(org, object, id), version, fieldList(org, object, request.query));
  });

  api.patch('/sobjects/:type/:id', (request, reply) => {
    const { session } = apiContext(request);
    const object = objectFromPath(org, request.params);
    const { id } = IdParams.parse(request.params);
    const record = recordAt(org, object, id);
    const body = recordBody(request.body);
    unwrap(org.write(session.userId, (ctx) => org.writer.update(object, record.id, body, ctx)));
    return reply.code(204).send();
  });

  api.delete('/sobjects/:type/:id', (request, reply) => {
    const { session } = apiContext(request);
    const object = objectFromPath(org, request.params);
    const { id } = IdParams.parse(request.params);
    const record = recordAt(org, object, id);
    unwrap(org.write(session.userId, (ctx) => org.writer.delete(record.id, ctx, object)));
    return reply.code(204).send();
  });

  // POST /sobjects/{type}/Id creates a record: Id as the external id, with a null value (API 37.0+).
  api.post('/sobjects/:type/:field', (request, reply) => {
    const { session } = apiContext(request);
    const object = objectFromPath(org, request.params);
    const params = z.object({ field: z.string() }).parse(request.params);
    if (params.field.toLowerCase() !== 'id') throw notFound();
    const body = recordBody(request.body);
    const { id } = unwrap(org.write(session.userId, (ctx) => org.writer.create(object, body, ctx)));
    return reply.code(201).send({ id, success: true, errors: [], created: true });
  });

  api.get('/sobjects/:type/:field/:value', (request, reply) => {
    const { version } = apiContext(request);
    const object = objectFromPath(org, request.params);
    const { field, value } = ExternalParams.parse(request.params);
    const key = lookupField(org, object, field);
    const matches = key.type === 'id' ? [recordAt(org, object, value)] : org.store.table(object).findBy(key, value);
    const [match, ...others] = matches;
    if (!match) throw notFound();
    if (others.length > 0) return multipleChoices(reply, object, matches.map((record) => record.id), version);
    return fullRecordJson(match, version, fieldList(org, object, request.query));
  });

  api.patch('/sobjects/:type/:field/:value', (request, reply) => {
    const { session, version, versionNumber } = apiContext(request);
    const object = objectFromPath(org, request.params);
    const { field, value } = ExternalParams.parse(request.params);
    const key = lookupField(org, object, field);
    const body = recordBody(request.body);
    const outcome = org.write(session.userId, (ctx) =>
      key.type === 'id' ? org.writer.update(object, recordAt(org, object, value).id, body, ctx) : org.writer.upsert(object, key, value, body, ctx),
    );
    if (!outcome.success && outcome.matches) return multipleChoices(reply, object, outcome.matches, version);
    const saved = unwrap(outcome);
    if (saved.created) return reply.code(201).send({ id: saved.id, success: true, errors: [], ...(versionNumber >= 46 ? { created: true } : {}) });
    if (versionNumber < 46) return reply.code(204).send();
    return reply.code(200).send({ id: saved.id, success: true, errors: [], created: false });
  });

  api.delete('/sobjects/:type/:field/:value', (request, reply) => {
    const { session, version } = apiContext(request);
    const object = objectFromPath(org, request.params);
    const { field, value } = ExternalParams.parse(request.params);
    const key = lookupField(org, object, field);
    const matches = key.type === 'id' ? [recordAt(org, object, value)] : org.store.table(object).findBy(key, value);
    const [match, ...others] = matches;
    if (!match) throw notFound();
    if (others.length > 0) return multipleChoices(reply, object, matches.map((record) => record.id), version);
    unwrap(org.write(session.userId, (ctx) => org.writer.delete(match.id, ctx, object)));
    return reply.code(204).send();
  });
}
