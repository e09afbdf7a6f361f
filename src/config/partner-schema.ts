import { z } from 'zod';
import { Connection } from './connection-schema.js';
import { SecretReference } from './secret-reference.js';

export const PERSONAS = ['si', 'isv', 'msp', 'influence', 'referral', 'reseller'] as const;
export const Persona = z.enum(PERSONAS);

/** Lower-case id used in job payloads, Redis keys and API paths. */
export const Identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    error: 'an id of lower-case letters, digits and dashes (1-63 characters, starting with a letter or digit)',
  });

/**
 * What a partner may see of the vendor's data. `nothing` and `counts` send no record; `overlaps` sends the
 * overlapping accounts, `all` every vendor account (a reseller or MSP managing them), each with the listed
 * canonical fields only.
 */
export const SharingPolicy = z
  .strictObject({
    share: z.enum(['nothing', 'counts', 'overlaps', 'all']).default('nothing'),
    fields: z.array(z.string().min(1)).optional(),
  })
  .superRefine((policy, ctx) => {
    const sendsRecords = policy.share === 'overlaps' || policy.share === 'all';
    if (sendsRecords && (policy.fields === undefined || policy.fields.length === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields'],
        message: `a list of the account fields this partner may see when share is "${policy.share}"`,
      });
    }
    if (!sendsRecords && policy.fields !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields'],
        message: `no field list: fields apply only when share is "overlaps" or "all" (share is "${policy.share}")`,
      });
    }
  });

export const Partner = z.strictObject({
  id: Identifier.refine((id) => id !== 'vendor', { error: 'any id but "vendor" (reserved for the vendor connection)' }),
  name: z.string().min(1),
  persona: Persona,
  tier: z.string().min(1),
  region: z.string().min(1),
  connection: Connection,
  sharing: SharingPolicy.default({ share: 'nothing' }),
  /** Account matches scoring below this are not overlaps for this partner (0.5–1; default the matcher's). */
  matchThreshold: z.number().min(0.5).max(1).optional(),
  /** The partner's record in the vendor CRM's partner directory (found by name when not given). */
  directoryId: z.string().min(1).optional(),
  /** The record that represents the vendor in the partner's CRM; the engine keeps one of its own when not given. */
  vendorRecordId: z.string().min(1).optional(),
  /** The partner's own key to the API (`Authorization: Bearer <key>`): it reads only this partner's data, shaped by its sharing. */
  apiKey: SecretReference.optional(),
});

export type Persona = z.infer<typeof Persona>;
export type SharingPolicy = z.infer<typeof SharingPolicy>;
export type Partner = z.infer<typeof Partner>;
