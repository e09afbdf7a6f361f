import { z } from 'zod';

/**
 * Salesforce's raw answers, validated where they enter. Our own model (CrmRecord) is built from them, never
 * passed through. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/
 */

/** One record of a query page: `attributes` plus the fields asked for. */
export const SalesforceRecord = z.looseObject({
  attributes: z.object({ type: z.string(), url: z.string().optional() }).optional(),
  Id: z.string(),
});
export type SalesforceRecord = z.infer<typeof SalesforceRecord>;

/** https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm */
export const SalesforceQueryPage = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  // Up to 2,000 records a page: a plain check of each record's Id keeps validation off the read's hot path.
  records: z.array(z.custom<SalesforceRecord>((value) => typeof value === 'object' && value !== null && typeof Reflect.get(value, 'Id') === 'string', 'a record with an Id')),
});
export type SalesforceQueryPage = z.infer<typeof SalesforceQueryPage>;

export const SalesforceCountPage = z.object({ totalSize: z.number(), done: z.boolean() });

/** A per-record error inside a save result. */
export const SalesforceRecordError = z.object({
  statusCode: z.string(),
  message: z.string(),
  fields: z.array(z.string()).optional(),
});

/**
 * sObject Collections answers one save result per record, in input order.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
 */
export const SalesforceSaveResult = z.object({
  id: z.string().nullable().optional(),
  success: z.boolean(),
  created: z.boolean().optional(),
  errors: z.array(SalesforceRecordError),
});
export const SalesforceSaveResults = z.array(SalesforceSaveResult);
export type SalesforceSaveResult = z.infer<typeof SalesforceSaveResult>;

/** Retrieve by ids answers the records in input order, `null` where an id does not exist. */
export const SalesforceRetrieveResults = z.array(SalesforceRecord.nullable());

/** https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm */
export const SalesforceDescribeField = z.looseObject({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  length: z.number(),
  createable: z.boolean(),
  updateable: z.boolean(),
  nillable: z.boolean(),
  externalId: z.boolean(),
  unique: z.boolean(),
  restrictedPicklist: z.boolean(),
  picklistValues: z.array(z.object({ value: z.string(), active: z.boolean() })).default([]),
});
export const SalesforceDescribe = z.looseObject({
  name: z.string(),
  fields: z.array(SalesforceDescribeField),
});
export type SalesforceDescribe = z.infer<typeof SalesforceDescribe>;

/** https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_create_job.htm */
export const SalesforceQueryJob = z.looseObject({
  id: z.string(),
  state: z.enum(['UploadComplete', 'InProgress', 'Aborted', 'JobComplete', 'Failed']),
  errorMessage: z.string().nullable().optional(),
});
export type SalesforceQueryJob = z.infer<typeof SalesforceQueryJob>;

/** Error bodies of the REST API: an array of `{message, errorCode, fields?}`. */
export const SalesforceApiError = z.object({ message: z.string(), errorCode: z.string(), fields: z.array(z.string()).optional() });

/** https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm — the token endpoint's answer. */
export const SalesforceTokenResponse = z.looseObject({
  access_token: z.string(),
  instance_url: z.string(),
  refresh_token: z.string().optional(),
  issued_at: z.string().optional(),
});
