import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { limitsBody } from '../api-usage.js';
import { describeGlobal, describeObject, objectSummary } from '../describe.js';
import { notFound } from '../errors.js';
import { recordAttributes } from '../record-json.js';
import type { SandboxOrg } from '../sandbox-org.js';
import type { ObjectDefinition } from '../schema/object-schema.js';
import { compareModstampThenId, isDeleted } from '../store/object-table.js';
import { apiContext } from './api-guard.js';
import { resourcesBody } from './api-versions.js';

const TypeParam = z.object({ type: z.string() });

/** The object named in the path, or 404 NOT_FOUND as the API answers for an unknown sObject. */
export function objectFromPath(org: SandboxOrg, params: unknown): ObjectDefinition {
  const parsed = TypeParam.safeParse(params);
  const object = parsed.success ? org.schema.find(parsed.data.type) : undefined;
  if (!object) throw notFound();
  return object;
}

/**
 * Resources list, `/limits`, describeGlobal (`/sobjects`), sObject basic information (`/sobjects/{type}`) and
 * describe (`/sobjects/{type}/describe`).
 */
export function registerDescribeRoutes(api: FastifyInstance, org: SandboxOrg, identityUrl: (userId: string) => string): void {
  api.get('/', (request) => {
    const ctx = apiContext(request);
    return resourcesBody(ctx.version, identityUrl(ctx.session.userId));
  });

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
  api.get('/limits', () => limitsBody(org.usage.used(), org.settings.dailyApiLimit));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm
  api.get('/sobjects', (request) => describeGlobal(org.schema, apiContext(request).version));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_basic_info.htm
  api.get('/sobjects/:type', (request) => {
    const { version } = apiContext(request);
    const object = objectFromPath(org, request.params);
    const nameField = object.fields.find((field) => field.nameField)?.name ?? 'Id';
    const recent = org.store
      .table(object)
      .byModstamp()
      .filter((record) => !isDeleted(record))
      .slice(-20)
      .sort((a, b) => compareModstampThenId(b, a))
      .map((record) => ({ attributes: recordAttributes(object, record.id, version), Id: record.id, [nameField]: record.values[nameField] ?? null }));
    return { objectDescribe: objectSummary(object, version), recentItems: recent };
  });

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
  api.get('/sobjects/:type/describe', (request) => describeObject(org.schema, objectFromPath(org, request.params), apiContext(request).version));
}
