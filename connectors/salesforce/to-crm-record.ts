import type { CrmRecord } from '../shared/crm-connector.js';
import type { SalesforceRecord } from './raw-shapes.js';

/**
 * Our record from a REST record: `attributes` dropped, parent fields flattened to their path
 * (`{ Account: { Name } }` → `Account.Name`, as in the SOQL and in Bulk 2.0's CSV header), the modification
 * stamp (`2024-01-31T10:00:00.000+0000`) as ISO UTC.
 */
export function toCrmRecord(record: SalesforceRecord): CrmRecord {
  const fields: Record<string, unknown> = {};
  flatten(record, '', fields);
  const stamp = record.SystemModstamp;
  return { id: record.Id, modifiedAt: typeof stamp === 'string' ? isoUtc(stamp) : new Date(0).toISOString(), fields };
}

function flatten(value: Record<string, unknown>, prefix: string, into: Record<string, unknown>): void {
  for (const [key, field] of Object.entries(value)) {
    if (key === 'attributes') continue;
    if (field !== null && typeof field === 'object' && !Array.isArray(field) && 'attributes' in field) {
      flatten(field, `${prefix}${key}.`, into);
    } else {
      into[prefix + key] = field;
    }
  }
}

/** Salesforce writes `+0000`; our cursors and hashes use `Z` with milliseconds. */
export function isoUtc(stamp: string): string {
  const time = Date.parse(stamp);
  return Number.isNaN(time) ? stamp : new Date(time).toISOString();
}
