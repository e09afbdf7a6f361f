/**
 * SOQL date literals (TODAY, LAST_N_DAYS:30, THIS_QUARTER, …) resolved to a half-open range [start, end) of epoch
 * milliseconds, as https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm
 * defines them. The sandbox org's time zone is UTC, its weeks start on Sunday (en_US) and its fiscal year is the
 * calendar year, so FISCAL forms equal their calendar forms.
 */

export interface DateRange {
  start: number;
  end: number;
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const FIXED: Record<string, { unit: Unit; shift: number } | undefined> = {
  YESTERDAY: { unit: 'day', shift: -1 },
  TODAY: { unit: 'day', shift: 0 },
  TOMORROW: { unit: 'day', shift: 1 },
  LAST_WEEK: { unit: 'week', shift: -1 },
  THIS_WEEK: { unit: 'week', shift: 0 },
  NEXT_WEEK: { unit: 'week', shift: 1 },
  LAST_MONTH: { unit: 'month', shift: -1 },
  THIS_MONTH: { unit: 'month', shift: 0 },
  NEXT_MONTH: { unit: 'month', shift: 1 },
  LAST_QUARTER: { unit: 'quarter', shift: -1 },
  THIS_QUARTER: { unit: 'quarter', shift: 0 },
  NEXT_QUARTER: { unit: 'quarter', shift: 1 },
  LAST_YEAR: { unit: 'year', shift: -1 },
  THIS_YEAR: { unit: 'year', shift: 0 },
  NEXT_YEAR: { unit: 'year', shift: 1 },
};

const UNIT_WORDS: Record<string, Unit | undefined> = {
  DAYS: 'day',
  WEEKS: 'week',
  MONTHS: 'month',
  QUARTERS: 'quarter',
  YEARS: 'year',
};

/** The calendar form of a FISCAL literal (THIS_FISCAL_YEAR → THIS_YEAR, LAST_N_FISCAL_QUARTERS → LAST_N_QUARTERS). */
function calendarName(name: string): string {
  return name.replace('_FISCAL_', '_');
}

function withN(name: string): { kind: 'last' | 'next' | 'ago'; unit: Unit } | undefined {
  const match = /^(LAST|NEXT)_N_(DAYS|WEEKS|MONTHS|QUARTERS|YEARS)$/.exec(name) ?? /^N_(DAYS|WEEKS|MONTHS|QUARTERS|YEARS)_AGO$/.exec(name);
  if (!match) return undefined;
  const unit = UNIT_WORDS[match[2] ?? match[1] ?? ''];
  if (unit === undefined) return undefined;
  const kind = match[0].startsWith('LAST') ? 'last' : match[0].startsWith('NEXT') ? 'next' : 'ago';
  return { kind, unit };
}

export function isDateLiteralName(name: string): boolean {
  const calendar = calendarName(name.toUpperCase());
  return calendar === 'LAST_90_DAYS' || calendar === 'NEXT_90_DAYS' || FIXED[calendar] !== undefined || withN(calendar) !== undefined;
}

/** Whether the literal takes `:n`. */
export function takesNumber(name: string): boolean {
  return withN(calendarName(name.toUpperCase())) !== undefined;
}

export function resolveDateLiteral(name: string, n: number | undefined, now: number): DateRange {
  const calendar = calendarName(name.toUpperCase());
  const today = startOf('day', now);
  if (calendar === 'LAST_90_DAYS') return { start: shift('day', today, -90), end: shift('day', today, 1) };
  if (calendar === 'NEXT_90_DAYS') return { start: shift('day', today, 1), end: shift('day', today, 91) };
  const fixed = FIXED[calendar];
  if (fixed) {
    const start = shift(fixed.unit, startOf(fixed.unit, now), fixed.shift);
    return { start, end: shift(fixed.unit, start, 1) };
  }
  const counted = withN(calendar);
  if (!counted || n === undefined) throw new Error(`unknown date literal ${name}`);
  const current = startOf(counted.unit, now);
  if (counted.kind === 'ago') {
    const start = shift(counted.unit, current, -n);
    return { start, end: shift(counted.unit, start, 1) };
  }
  if (counted.unit === 'day') {
    return counted.kind === 'last'
      ? { start: shift('day', today, -n), end: shift('day', today, 1) }
      : { start: shift('day', today, 1), end: shift('day', today, 1 + n) };
  }
  return counted.kind === 'last'
    ? { start: shift(counted.unit, current, -n), end: current }
    : { start: shift(counted.unit, current, 1), end: shift(counted.unit, current, 1 + n) };
}

function startOf(unit: Unit, ms: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const day = Date.UTC(year, month, d.getUTCDate());
  switch (unit) {
    case 'day':
      return day;
    case 'week':
      return day - d.getUTCDay() * 86_400_000;
    case 'month':
      return Date.UTC(year, month, 1);
    case 'quarter':
      return Date.UTC(year, month - (month % 3), 1);
    case 'year':
      return Date.UTC(year, 0, 1);
  }
}

function shift(unit: Unit, start: number, count: number): number {
  if (unit === 'day') return start + count * 86_400_000;
  if (unit === 'week') return start + count * 7 * 86_400_000;
  const d = new Date(start);
  const months = unit === 'month' ? count : unit === 'quarter' ? count * 3 : count * 12;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}
