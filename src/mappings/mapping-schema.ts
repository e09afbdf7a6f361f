import { z } from 'zod';
import { TransformSpec } from './transforms/transform-spec.js';

export const DIRECTIONS = ['to-crm', 'from-crm', 'both', 'none'] as const;
export const PRECEDENCE_RULES = ['source-of-truth', 'most-recent', 'prefer-non-blank'] as const;

export const FieldMapping = z.strictObject({
  canonical: z.string().min(1),
  crm: z.string().min(1),
  direction: z.enum(DIRECTIONS),
  /** For two-way fields: who wins when both sides changed. */
  precedence: z.enum(PRECEDENCE_RULES).optional(),
  transforms: z.array(TransformSpec).default([]),
});

/** One CRM object ⇄ one canonical kind (e.g. Salesforce Account ⇄ account). Plain data: no expressions. */
export const MappingFile = z.strictObject({
  version: z.literal(1, { error: '1 (the only mapping format this release reads)' }),
  crm: z.enum(['salesforce', 'hubspot']),
  object: z.string().min(1),
  canonical: z.enum(['account', 'opportunity', 'partner', 'person']),
  /**
   * The CRM field holding the canonical id: every write is an upsert by it, so repeats are harmless.
   * Required when the mapping writes; read-only objects (users, owners) have none.
   */
  externalId: z.string().min(1).optional(),
  fields: z.array(FieldMapping).min(1),
});

/** A partner's override of a shipped mapping: fields replaced or added by canonical name, or dropped. */
export const MappingOverride = z.strictObject({
  version: z.literal(1, { error: '1 (the only mapping format this release reads)' }),
  crm: z.enum(['salesforce', 'hubspot']),
  object: z.string().min(1),
  externalId: z.string().min(1).optional(),
  fields: z.array(FieldMapping).default([]),
  /** Canonical fields this partner does not sync at all. */
  drop: z.array(z.string().min(1)).default([]),
});

export type FieldMapping = z.infer<typeof FieldMapping>;
export type MappingFile = z.infer<typeof MappingFile>;
export type MappingOverride = z.infer<typeof MappingOverride>;
