/**
 * Date and datetime text as Salesforce writes and reads it. REST responses write datetimes as
 * `2024-01-31T10:00:00.000+0000` (UTC); Bulk API 2.0 CSV writes `2024-01-31T10:00:00.000Z`; dates are `2024-01-31`.
 * Because every stored datetime uses one fixed-width UTC format, stored values compare correctly as strings.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `2024-01-31T10:00:00.000+0000`: how REST responses write a datetime. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

/** `2024-01-31`: a date (UTC) of an instant. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Bulk API 2.0 CSV form of a stored datetime: `…T10:00:00.000Z`. */
export function toBulkDateTime(stored: string): string {
  return stored.endsWith('+0000') ? `${stored.slice(0, -5)}Z` : stored;
}

/** Epoch milliseconds of a stored (`formatDateTime`) datetime. */
export function storedDateTimeToMillis(stored: string): number {
  return Date.parse(`${stored.slice(0, 23)}Z`);
}

/** System timestamps (CreatedDate, SystemModstamp, …) have whole seconds: the milliseconds are always `.000`. */
export function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function truncateToMinute(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000;
}

/** A calendar date `YYYY-MM-DD` that exists, or undefined. */
export function parseDate(text: string): string | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? text : undefined;
}

/**
 * Epoch milliseconds of an ISO 8601 datetime as the API accepts it: `2024-01-31T10:00:00Z`, with millis, with
 * `+0000` or `+05:30` offsets, or without a zone (read as UTC); a bare date means midnight UTC.
 */
export function parseDateTime(text: string): number | undefined {
  const date = parseDate(text);
  if (date !== undefined) return Date.parse(`${date}T00:00:00Z`);
  const match = DATETIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i]));
  if (year === undefined || month === undefined || day === undefined || !isRealDate(year, month, day)) return undefined;
  if (hour === undefined || minute === undefined || second === undefined) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const zone = match[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}
