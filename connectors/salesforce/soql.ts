/**
 * SOQL literals and names, always escaped or checked: values never reach a query as typed.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A quoted string literal: backslash, quotes and control characters escaped. */
export function soqlString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c] ?? c)}'`;
}

/** A LIKE pattern matching `value` literally: `%` and `_` are wildcards there, so they are escaped too. */
export function soqlLikeLiteral(value: string): string {
  return soqlString(value).replace(/[%_]/g, (c) => `\\${c}`);
}

/** A datetime literal (unquoted, UTC): `2024-01-31T10:00:00.000Z`. */
export function soqlDateTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new TypeError(`"${iso}" is not a date-time; expected ISO 8601 such as 2024-01-31T10:00:00.000Z`);
  return new Date(time).toISOString();
}

/** `(a, b, c)` of quoted literals, for IN. */
export function soqlList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(', ')})`;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A field, relationship path (`Account.Owner.Email`) or object name, refused unless it is one. */
export function soqlName(name: string): string {
  if (!name.split('.').every((part) => NAME.test(part) && !part.endsWith('_') && !part.includes('___'))) {
    throw new TypeError(`"${name}" is not a Salesforce field or object name; expected letters, digits and underscores such as Cosell_Id__c or Account.Name`);
  }
  return name;
}
