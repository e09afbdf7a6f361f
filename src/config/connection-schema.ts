import { z } from 'zod';
import { SecretReference } from './secret-reference.js';

const HttpsUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL such as https://login.salesforce.com' });

const SalesforceAuth = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('username-password'),
      clientId: z.string().min(1).optional(),
      clientSecret: SecretReference.optional(),
      username: z.string().min(3),
      password: SecretReference,
      securityToken: SecretReference.optional(),
    }),
    z.strictObject({
      type: z.literal('refresh-token'),
      clientId: z.string().min(1),
      clientSecret: SecretReference.optional(),
      refreshToken: SecretReference,
    }),
    z.strictObject({
      type: z.literal('client-credentials'),
      clientId: z.string().min(1),
      clientSecret: SecretReference,
    }),
  ],
  { error: 'an auth type: "username-password" | "refresh-token" | "client-credentials"' },
);

const HubSpotAuth = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('private-app'), token: SecretReference }),
    z.strictObject({
      type: z.literal('oauth'),
      clientId: z.string().min(1),
      clientSecret: SecretReference,
      refreshToken: SecretReference,
    }),
  ],
  { error: 'an auth type: "private-app" | "oauth"' },
);

/** Share of the CRM's daily API limit this connection may spend before its jobs wait (the rest is for other tools). */
const DailyShare = z.number().gt(0).max(1).default(0.8);

export const SalesforceConnection = z.strictObject({
  kind: z.literal('salesforce'),
  /** Where OAuth logins go; a My Domain or test.salesforce.com for sandboxes. */
  loginUrl: HttpsUrl.default('https://login.salesforce.com'),
  apiVersion: z
    .string({ error: 'an API version in quotes, such as "62.0" (unquoted, YAML reads it as a number)' })
    .regex(/^\d{2,3}\.0$/, { error: 'an API version such as "62.0" (quote it so YAML keeps it text)' })
    .default('62.0'),
  auth: SalesforceAuth,
  limits: z
    .strictObject({
      dailyShare: DailyShare,
    })
    .default({ dailyShare: 0.8 }),
  /** Initial loads of an object with more records than this go through Bulk API 2.0 instead of REST queries. */
  bulkThreshold: z.number().int().min(0).default(50_000),
});

export const HubSpotConnection = z.strictObject({
  kind: z.literal('hubspot'),
  baseUrl: HttpsUrl.default('https://api.hubapi.com'),
  auth: HubSpotAuth,
  /** Webhook deliveries (v3 signatures) are verified with the app's client secret. */
  webhooks: z.strictObject({ clientSecret: SecretReference }).optional(),
  limits: z
    .strictObject({
      dailyShare: DailyShare,
      /** The app's per-10-second limit (100 for most private apps, higher with API add-ons). */
      requestsPerTenSeconds: z.number().int().min(1).default(100),
      /** The search endpoints' own limit per second. */
      searchRequestsPerSecond: z.number().int().min(1).default(5),
    })
    .default({ dailyShare: 0.8, requestsPerTenSeconds: 100, searchRequestsPerSecond: 5 }),
});

export const Connection = z.discriminatedUnion('kind', [SalesforceConnection, HubSpotConnection], {
  error: 'a connection of kind "salesforce" or "hubspot"',
});

export type SalesforceConnection = z.infer<typeof SalesforceConnection>;
export type HubSpotConnection = z.infer<typeof HubSpotConnection>;
export type Connection = z.infer<typeof Connection>;
