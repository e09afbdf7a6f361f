/**
 * zod schemas of the response shapes Salesforce documents, written from its reference pages (linked above each),
 * so tests parse the sandbox's real responses with them.
 */
import { z } from 'zod';

/** `2024-01-31T10:00:00.000+0000` */
export const SalesforceDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
export const SalesforceId = z.string().regex(/^[0-9A-Za-z]{15}[A-Z0-5]{3}$/);

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
export const ErrorArray = z.array(z.strictObject({ message: z.string(), errorCode: z.string(), fields: z.array(z.string()).optional() })).min(1);

// https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_username_password_flow.htm
export const PasswordTokenResponse = z.strictObject({
  access_token: z.string().min(20),
  instance_url: z.url(),
  id: z.url(),
  token_type: z.literal('Bearer'),
  issued_at: z.string().regex(/^\d{13}$/),
  signature: z.string().min(40),
});
// Refresh-token and client-credentials responses add the granted scope; the web-server flow adds refresh_token.
export const RefreshTokenResponse = PasswordTokenResponse.extend({ scope: z.string() });
export const CodeTokenResponse = RefreshTokenResponse.extend({ refresh_token: z.string().min(20) });
export const OAuthError = z.strictObject({ error: z.string(), error_description: z.string() });

export const RecordAttributes = z.strictObject({ type: z.string(), url: z.string().regex(/^\/services\/data\/v\d+\.0\/sobjects\/\w+\/[0-9A-Za-z]{18}$/) });

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
export const QueryResult = z.strictObject({
  totalSize: z.number().int().min(0),
  done: z.boolean(),
  nextRecordsUrl: z.string().regex(/^\/services\/data\/v\d+\.0\/query\/01g[0-9A-Za-z]{15}-\d+$/).optional(),
  records: z.array(z.looseObject({ attributes: RecordAttributes })),
});

const RecordErrorShape = z.strictObject({ statusCode: z.string(), message: z.string(), fields: z.array(z.string()) });
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_create.htm
export const SaveResult = z.strictObject({ id: SalesforceId.optional(), success: z.boolean(), errors: z.array(RecordErrorShape) });
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
export const UpsertResult = SaveResult.extend({ created: z.boolean() });
export const CreateResponse = z.strictObject({ id: SalesforceId, success: z.literal(true), errors: z.array(z.never()) });

// https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_describesobjects_describesobjectresult.htm#field
export const DescribeField = z.looseObject({
  name: z.string(),
  label: z.string(),
  type: z.enum(['id', 'string', 'picklist', 'multipicklist', 'currency', 'double', 'percent', 'int', 'date', 'datetime', 'boolean', 'reference', 'url', 'email', 'phone', 'textarea']),
  length: z.number().int(),
  precision: z.number().int(),
  scale: z.number().int(),
  digits: z.number().int(),
  picklistValues: z.array(z.strictObject({ active: z.boolean(), defaultValue: z.boolean(), label: z.string(), validFor: z.null(), value: z.string() })),
  restrictedPicklist: z.boolean(),
  updateable: z.boolean(),
  createable: z.boolean(),
  externalId: z.boolean(),
  idLookup: z.boolean(),
  nillable: z.boolean(),
  unique: z.boolean(),
  caseSensitive: z.boolean(),
  defaultedOnCreate: z.boolean(),
  referenceTo: z.array(z.string()),
  relationshipName: z.string().nullable(),
  soapType: z.string(),
  custom: z.boolean(),
  nameField: z.boolean(),
  calculated: z.boolean(),
  filterable: z.boolean(),
  sortable: z.boolean(),
});
export const DescribeSObject = z.looseObject({
  name: z.string(),
  label: z.string(),
  labelPlural: z.string(),
  keyPrefix: z.string().length(3),
  custom: z.boolean(),
  createable: z.boolean(),
  updateable: z.boolean(),
  deletable: z.boolean(),
  queryable: z.boolean(),
  fields: z.array(DescribeField),
  childRelationships: z.array(z.looseObject({ childSObject: z.string(), field: z.string(), relationshipName: z.string().nullable(), cascadeDelete: z.boolean() })),
  urls: z.looseObject({ sobject: z.string(), describe: z.string(), rowTemplate: z.string() }),
});
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm
export const DescribeGlobal = z.strictObject({
  encoding: z.literal('UTF-8'),
  maxBatchSize: z.literal(200),
  sobjects: z.array(z.looseObject({ name: z.string(), keyPrefix: z.string().nullable(), label: z.string(), custom: z.boolean(), urls: z.record(z.string(), z.string()) })),
});

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getupdated.htm
export const UpdatedResult = z.strictObject({ ids: z.array(SalesforceId), latestDateCovered: SalesforceDateTime });
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm
export const DeletedResult = z.strictObject({
  deletedRecords: z.array(z.strictObject({ id: SalesforceId, deletedDate: SalesforceDateTime })),
  earliestDateAvailable: SalesforceDateTime,
  latestDateCovered: SalesforceDateTime,
});

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
export const Limits = z.record(z.string(), z.looseObject({ Max: z.number().int(), Remaining: z.number().int() }));

// https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_create_job.htm
export const QueryJobCreated = z.strictObject({
  id: z.string().regex(/^750[0-9A-Za-z]{15}$/),
  operation: z.enum(['query', 'queryAll']),
  object: z.string(),
  createdById: SalesforceId,
  createdDate: SalesforceDateTime,
  systemModstamp: SalesforceDateTime,
  state: z.enum(['UploadComplete', 'InProgress', 'Aborted', 'JobComplete', 'Failed']),
  concurrencyMode: z.literal('Parallel'),
  contentType: z.literal('CSV'),
  apiVersion: z.number(),
  lineEnding: z.enum(['LF', 'CRLF']),
  columnDelimiter: z.enum(['BACKQUOTE', 'CARET', 'COMMA', 'PIPE', 'SEMICOLON', 'TAB']),
});
// https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_one_job.htm
export const QueryJobInfo = QueryJobCreated.extend({
  jobType: z.literal('V2Query'),
  numberRecordsProcessed: z.number().int(),
  retries: z.number().int(),
  totalProcessingTime: z.number().int(),
  isPkChunkingSupported: z.boolean(),
});

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_versions.htm
export const Versions = z.array(z.strictObject({ label: z.string(), url: z.string(), version: z.string().regex(/^\d+\.0$/) }));
