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

export const SalesforceConnection = z.strictObject({
  kind: z.literal('salesforce'),
  /** Where OAuth logins go; a My Domain or test.salesforce.com for sandboxes. */
  loginUrl: HttpsUrl.default('https://login.salesforce.com'),
  apiVersion: z
    .string({ error: 'an API version in quotes, such as "62.0" (unquoted, YAML reads it as a number)' })
    .regex(/^\d{2,3}\.0$/, { error: 'an API version such as "62.0" (quote it so YAML keeps it text)' })
    .default('62.0'),
  auth: SalesforceAuth,
});

export const HubSpotConnection = z.strictObject({
  kind: z.literal('hubspot'),
  baseUrl: HttpsUrl.default('https://api.hubapi.com'),
  auth: HubSpotAuth,
});

export const Connection = z.discriminatedUnion('kind', [SalesforceConnection, HubSpotConnection], {
  error: 'a connection of kind "salesforce" or "hubspot"',
});

export type SalesforceConnection = z.infer<typeof SalesforceConnection>;
export type HubSpotConnection = z.infer<typeof HubSpotConnection>;
export type Connection = z.infer<typeof Connection>;
