import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SaveOutcome, WriteContext } from '../dml/record-writer.js';
import { ROLLED_BACK, SalesforceApiError, jsonParserError, notFound, recordError, type RecordError } from '../errors.js';
import { fullRecordJson } from '../record-json.js';
import type { SandboxOrg } from '../sandbox-org.js';
import { keyPrefixOf, normalizeId } from '../salesforce-ids.js';
import type { ObjectDefinition } from '../schema/object-schema.js';
import { isDeleted, lookupKey } from '../store/object-table.js';
import { apiContext } from './api-guard.js';
import { objectFromPath } from './describe-routes.js';

const MAX_RECORDS = 200;
const MAX_RETRIEVE = 2000;

const SaveBody = z.object({
  allOrNone: z.boolean().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});
const Attributes = z.object({ attributes: z.object({ type: z.string().min(1) }) });
const DeleteQuery = z.object({ ids: z.string().min(1), allOrNone: z.enum(['true', 'false']).optional() });
const RetrieveBody = z.object({ ids: z.array(z.string()), fields: z.array(z.string()).min(1) });
const RetrieveQuery = z.object({ ids: z.string().min(1), fields: z.string().min(1) });

/** A SaveResult / UpsertResult / DeleteResult as the API writes it. */
interface Result {
  id?: string;
  success: boolean;
  errors: RecordError[];
  created?: boolean;
}

function saveBody(body: unknown): z.output<typeof SaveBody> {
  const parsed = SaveBody.safeParse(body);
  if (!parsed.success) throw jsonParserError('The request body must be {"allOrNone": boolean, "records": [ … ]}');
  if (parsed.data.records.length > MAX_RECORDS) tooMany();
  return parsed.data;
}

function tooMany(limit = MAX_RECORDS): never {
  throw new SalesforceApiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${limit} records into this call`);
}

/** The object a collection record's `attributes.type` names; every record must carry one. */
function typeOf(org: SandboxOrg, record: Record<string, unknown>): ObjectDefinition {
  const parsed = Attributes.safeParse(record);
  if (!parsed.success) throw new SalesforceApiError(400, 'INVALID_TYPE', 'Must specify a type in the attributes map of each record');
  const object = org.schema.find(parsed.data.attributes.type);
  if (!object) throw new SalesforceApiError(400, 'INVALID_TYPE', `sObject type '${parsed.data.attributes.type}' is not supported.`);
  return object;
}

function requireVersion(request: FastifyRequest, minimum: number): void {
  if (apiContext(request).versionNumber < minimum) throw notFound();
}

/**
 * Saves every record in one transaction. With allOrNone, one failure rolls everything back: failed records keep
 * their errors, the others report ALL_OR_NONE_OPERATION_ROLLED_BACK. A request-level error (an unknown field, a
 * value of the wrong JSON type) fails the whole request and rolls back what was saved.
 */
function saveAll(
  org: SandboxOrg,
  userId: string,
  allOrNone: boolean,
  count: number,
  save: (index: number, ctx: WriteContext) => SaveOutcome,
  upsert: boolean,
): Result[] {
  return org.write(userId, (ctx) => {
    const outcomes: SaveOutcome[] = [];
    for (let index = 0; index < count; index += 1) outcomes.push(save(index, ctx));
    const rollBack = allOrNone && outcomes.some((outcome) => !outcome.success);
    if (rollBack) ctx.tx.rollback();
    return outcomes.map((outcome): Result => {
      const created = upsert ? { created: outcome.success && outcome.created && !rollBack } : {};
      if (outcome.success && !rollBack) return { id: outcome.id, success: true, errors: [], ...created };
      const errors = outcome.success ? [ROLLED_BACK] : outcome.errors;
      const id = outcome.success ? (outcome.created ? undefined : outcome.id) : outcome.id;
      return id === undefined ? { success: false, errors, ...created } : { id, success: false, errors, ...created };
    });
  });
}

/**
 * sObject Collections (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm):
 * create, update, upsert by external id (API 46.0+), delete and retrieve up to 200 (retrieve: 2,000) records.
 */
export function registerCollectionsRoutes(api: FastifyInstance, org: SandboxOrg): void {
  api.post('/composite/sobjects', (request) => {
    requireVersion(request, 42);
    const { session } = apiContext(request);
    const body = saveBody(request.body);
    return saveAll(org, session.userId, body.allOrNone ?? false, body.records.length, (index, ctx) => {
      const record = body.records[index] ?? {};
      return org.writer.create(typeOf(org, record), record, ctx);
    }, false);
  });

  api.patch('/composite/sobjects', (request) => {
    requireVersion(request, 42);
    const { session } = apiContext(request);
    const body = saveBody(request.body);
    return saveAll(org, session.userId, body.allOrNone ?? false, body.records.length, (index, ctx) => {
      const record = body.records[index] ?? {};
      const object = typeOf(org, record);
      const id = record.id ?? record.Id;
      if (typeof id !== 'string' || id === '') {
        return { success: false, id: undefined, errors: [recordError('MISSING_ARGUMENT', 'Id not specified in an update call')] };
      }
      return org.writer.update(object, id, record, ctx);
    }, false);
  });

  api.patch('/composite/sobjects/:type/:field', (request) => {
    requireVersion(request, 46);
    const { session } = apiContext(request);
    const object = objectFromPath(org, request.params);
    const { field: fieldName } = z.object({ field: z.string() }).parse(request.params);
    const key = org.schema.field(object, fieldName);
    if (!key || key.type === 'id' || !(key.externalId || key.idLookup)) {
      throw new SalesforceApiError(400, 'INVALID_FIELD', `Field name provided, ${fieldName} is not an External ID or indexed field for ${object.name}`);
    }
    const body = saveBody(request.body);
    const keys = body.records.map((record) => {
      if (typeOf(org, record).name !== object.name) {
        throw new SalesforceApiError(400, 'INVALID_TYPE', `Records of type ${object.name} expected in a request to /composite/sobjects/${object.name}`);
      }
      const entry = Object.entries(record).find(([name]) => name.toLowerCase() === key.name.toLowerCase());
      const value = entry?.[1];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    });
    const counts = new Map<string, number>();
    for (const value of keys) {
      const normalized = value === undefined ? undefined : lookupKey(key, value);
      if (normalized !== undefined) counts.set(normalized, (counts.get(normalized) ?? 0) + 1);
    }
    return saveAll(org, session.userId, body.allOrNone ?? false, body.records.length, (index, ctx) => {
      const value = keys[index];
      if (value === undefined || value === '') {
        return { success: false, id: undefined, errors: [recordError('MISSING_ARGUMENT', `${key.name} not specified`)] };
      }
      if ((counts.get(lookupKey(key, value) ?? '') ?? 0) > 1) {
        return { success: false, id: undefined, errors: [recordError('DUPLICATE_VALUE', `Duplicate external id specified: ${value}`, [key.name])] };
      }
      const outcome = org.writer.upsert(object, key, value, body.records[index] ?? {}, ctx);
      return outcome.success || !outcome.matches ? outcome : { success: false, id: undefined, errors: outcome.errors };
    }, true);
  });

  api.delete('/composite/sobjects', (request) => {
    requireVersion(request, 42);
    const { session } = apiContext(request);
    const parsed = DeleteQuery.safeParse(request.query);
    if (!parsed.success) throw new SalesforceApiError(400, 'MISSING_ARGUMENT', 'ids must be given as a comma-separated list');
    const ids = parsed.data.ids.split(',').map((id) => id.trim());
    if (ids.length > MAX_RECORDS) tooMany();
    return saveAll(org, session.userId, parsed.data.allOrNone === 'true', ids.length, (index, ctx) => org.writer.delete(ids[index] ?? '', ctx), false);
  });

  const retrieve = (request: FastifyRequest, ids: string[], fields: string[]): (Record<string, unknown> | null)[] => {
    const { version } = apiContext(request);
    const object = objectFromPath(org, request.params);
    if (ids.length > MAX_RETRIEVE) tooMany(MAX_RETRIEVE);
    const names = new Set<string>();
    for (const name of fields) {
      const field = org.schema.field(object, name);
      if (!field) throw new SalesforceApiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
      names.add(field.name);
    }
    return ids.map((raw) => {
      const id = normalizeId(raw);
      const record = id !== undefined && keyPrefixOf(id) === object.keyPrefix ? org.store.get(id) : undefined;
      return record && !isDeleted(record) ? fullRecordJson(record, version, names) : null;
    });
  };

  api.get('/composite/sobjects/:type', (request) => {
    requireVersion(request, 42);
    const parsed = RetrieveQuery.safeParse(request.query);
    if (!parsed.success) throw new SalesforceApiError(400, 'MISSING_ARGUMENT', 'ids and fields must be given as comma-separated lists');
    return retrieve(request, parsed.data.ids.split(','), parsed.data.fields.split(','));
  });

  api.post('/composite/sobjects/:type', (request) => {
    requireVersion(request, 42);
    const parsed = RetrieveBody.safeParse(request.body);
    if (!parsed.success) throw jsonParserError('The request body must be {"ids": [ … ], "fields": [ … ]}');
    return retrieve(request, parsed.data.ids, parsed.data.fields);
  });
}
