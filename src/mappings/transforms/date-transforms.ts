import { isBlank, TransformError, type Transform } from './transform.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Parses the instants CRMs send: ISO 8601 (also Salesforce's `+0000` offsets) or epoch milliseconds. */
export function parseInstant(name: string, value: unknown): Date {
  let instant: Date;
  if (typeof value === 'number') instant = new Date(value);
  else if (typeof value === 'string' && /^\d{10,}$/.test(value.trim())) instant = new Date(Number(value.trim()));
  else if (typeof value === 'string') {
    // Salesforce writes offsets without a colon (+0000), which Date.parse does not accept everywhere.
    const normalised = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    instant = new Date(DATE_ONLY.test(normalised) ? `${normalised}T00:00:00Z` : normalised);
  } else throw new TransformError(name, value, 'an ISO 8601 date-time or epoch milliseconds');
  if (Number.isNaN(instant.getTime())) throw new TransformError(name, value, 'an ISO 8601 date-time or epoch milliseconds');
  return instant;
}

/** The calendar date of an instant in a time zone (IANA name), as YYYY-MM-DD. */
export function dateInZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(instant);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * A calendar date (YYYY-MM-DD) in the canonical model. A CRM datetime becomes the date it falls on in
 * `timeZone` (default UTC): a close "date" stored as 2024-03-31T23:30:00-05:00 is March 31st in New York
 * but April 1st in UTC, so the org's zone must be named. Written back as YYYY-MM-DD, or as epoch ms of
 * midnight UTC where the CRM wants that (HubSpot date properties).
 */
export function date(options: { timeZone?: string; crmFormat?: 'date' | 'epoch-ms' } = {}): Transform {
  const timeZone = options.timeZone ?? 'UTC';
  return {
    name: 'date',
    toCanonical: (value) => {
      if (isBlank(value)) return null;
      if (typeof value === 'string' && DATE_ONLY.test(value.trim())) return value.trim();
      return dateInZone(parseInstant('date', value), timeZone);
    },
    toCrm: (value) => {
      if (isBlank(value)) return null;
      if (typeof value !== 'string' || !DATE_ONLY.test(value)) throw new TransformError('date', value, 'YYYY-MM-DD');
      return options.crmFormat === 'epoch-ms' ? Date.parse(`${value}T00:00:00Z`) : value;
    },
  };
}

/** An instant, canonical as ISO 8601 UTC with milliseconds; written back the same way. */
export const datetime: Transform = {
  name: 'datetime',
  toCanonical: (value) => (isBlank(value) ? null : parseInstant('datetime', value).toISOString()),
  toCrm: (value) => (isBlank(value) ? null : parseInstant('datetime', value).toISOString()),
};

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
