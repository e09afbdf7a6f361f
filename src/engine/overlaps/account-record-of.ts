import type { AccountRecord } from '../../matching/account-record.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A canonical account's values as the matcher reads them. */
export function accountRecordOf(id: string, values: Readonly<Record<string, unknown>>): AccountRecord {
  return { id, name: text(values.name) ?? '', website: text(values.website), domain: text(values.domain), country: text(values.country), state: text(values.state), city: text(values.city) };
}
