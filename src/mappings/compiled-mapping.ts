import type { MappingFile } from './mapping-schema.js';
import type { Transform } from './transforms/transform.js';

export interface CompiledField {
  canonical: string;
  crm: string;
  direction: 'to-crm' | 'from-crm' | 'both' | 'none';
  precedence: 'source-of-truth' | 'most-recent' | 'prefer-non-blank' | undefined;
  transforms: readonly Transform[];
}

/** A validated mapping with its transforms built, ready to apply. */
export interface CompiledMapping {
  crm: MappingFile['crm'];
  object: string;
  canonical: MappingFile['canonical'];
  externalId: string | undefined;
  fields: readonly CompiledField[];
  /** Every CRM field a reader must ask for (mapped fields, companions, the external id). */
  crmFieldsToRead: readonly string[];
  /** Where it came from: the shipped file and, if any, the partner's override. */
  sources: readonly string[];
}

export function mappingKey(crm: string, object: string): string {
  return `${crm}/${object}`;
}
