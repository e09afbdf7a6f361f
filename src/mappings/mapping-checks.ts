import { canonicalFields } from '../canonical/canonical-model.js';
import type { MappingFile } from './mapping-schema.js';
import { ambiguousReverse } from './transforms/value-map-transform.js';

export interface MappingIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Checks a mapping's meaning once its shape is right: canonical fields exist, nothing is mapped twice,
 * two-way fields say who wins (and only they do), value maps can be written back unambiguously, and the
 * external-id field is not also a data field.
 */
export function checkMapping(mapping: MappingFile): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const writesAny = mapping.fields.some((f) => f.direction === 'to-crm' || f.direction === 'both');
  if (writesAny && mapping.externalId === undefined) {
    issues.push({ path: ['externalId'], message: 'the external-id field used for upserts (this mapping writes to the CRM)' });
  }
  const known = canonicalFields(mapping.canonical);
  const seenCanonical = new Map<string, number>();
  const seenCrm = new Map<string, number>();

  mapping.fields.forEach((field, index) => {
    const at = (...rest: (string | number)[]): (string | number)[] => ['fields', index, ...rest];
    if (!known.includes(field.canonical)) {
      issues.push({ path: at('canonical'), message: `a field of the canonical ${mapping.canonical}: ${known.join(', ')}` });
    }
    const firstCanonical = seenCanonical.get(field.canonical);
    if (firstCanonical !== undefined) {
      issues.push({ path: at('canonical'), message: `each canonical field once (fields[${firstCanonical}] already maps ${field.canonical})` });
    } else seenCanonical.set(field.canonical, index);

    // A CRM field may feed several canonical fields (Website → website and domain) but be written by one.
    if (field.direction === 'to-crm' || field.direction === 'both') {
      const firstCrm = seenCrm.get(field.crm);
      if (firstCrm !== undefined) {
        issues.push({ path: at('crm'), message: `one field writing ${field.crm} (fields[${firstCrm}] already writes it)` });
      } else seenCrm.set(field.crm, index);
    }

    if (field.crm === mapping.externalId) {
      issues.push({ path: at('crm'), message: `a data field, not the external-id field ${mapping.externalId} (the engine writes it)` });
    }
    if (field.direction === 'both' && field.precedence === undefined) {
      issues.push({ path: at('precedence'), message: 'a precedence rule for this two-way field: source-of-truth | most-recent | prefer-non-blank' });
    }
    if (field.direction !== 'both' && field.precedence !== undefined) {
      issues.push({ path: at('precedence'), message: `no precedence: it applies only to direction both (this field is ${field.direction})` });
    }
    field.transforms.forEach((spec, transformIndex) => {
      if (typeof spec === 'object' && 'valueMap' in spec && (field.direction === 'both' || field.direction === 'to-crm')) {
        const ambiguous = ambiguousReverse(spec.valueMap);
        if (ambiguous.length > 0) {
          issues.push({
            path: at('transforms', transformIndex, 'valueMap', 'reverse'),
            message: `a reverse entry for ${ambiguous.join(', ')} (several CRM values map to it, so writing it back is ambiguous)`,
          });
        }
      }
    });
  });
  return issues;
}
