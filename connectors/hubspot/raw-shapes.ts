import { z } from 'zod';

/** HubSpot's raw answers, validated where they enter (https://developers.hubspot.com/docs/api/crm/understanding-the-crm). */
export const HubSpotObject = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().optional(),
  archivedAt: z.string().optional(),
});
export type HubSpotObject = z.infer<typeof HubSpotObject>;

export const HubSpotListPage = z.object({
  results: z.array(HubSpotObject),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

export const HubSpotSearchPage = HubSpotListPage.extend({ total: z.number() });

export const HubSpotBatchError = z.object({
  status: z.string(),
  category: z.string(),
  message: z.string(),
  context: z.record(z.string(), z.array(z.string())).optional(),
});

export const HubSpotBatchResponse = z.object({
  status: z.string(),
  results: z.array(HubSpotObject.extend({ new: z.boolean().optional() })),
  errors: z.array(HubSpotBatchError).optional(),
  numErrors: z.number().optional(),
});

/**
 * A batch write's answer (create, update, upsert): only what the writer reads is checked — each result's id,
 * `new`, and that its properties are an object (the writer reads one of them, the idProperty). Checking every
 * echoed property value cost more than the rest of a write's handling (about 0.7 ms per 100 records).
 */
export const HubSpotBatchWriteResponse = HubSpotBatchResponse.extend({
  results: z.array(
    z.object({
      id: z.string(),
      new: z.boolean().optional(),
      properties: z.custom<Readonly<Record<string, unknown>>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), { message: 'expected an object of properties' }),
    }),
  ),
});

export const HubSpotError = z.object({
  status: z.string().optional(),
  message: z.string().optional(),
  category: z.string().optional(),
  policyName: z.string().optional(),
  correlationId: z.string().optional(),
});
export type HubSpotError = z.infer<typeof HubSpotError>;

export const HubSpotProperty = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  options: z.array(z.object({ value: z.string(), hidden: z.boolean().optional() })).default([]),
  hasUniqueValue: z.boolean().default(false),
  calculated: z.boolean().default(false),
  modificationMetadata: z.object({ readOnlyValue: z.boolean() }).partial().optional(),
});
export const HubSpotPropertyList = z.object({ results: z.array(HubSpotProperty) });

export const HubSpotTokenResponse = z.object({
  access_token: z.string(),
  refresh_token: z.string().optional(),
  expires_in: z.number(),
});
