import { jsonParserError, recordError, type RecordError } from '../errors.js';
import { formatDateTime, parseDate, parseDateTime } from '../salesforce-dates.js';
import { normalizeId } from '../salesforce-ids.js';
import type { FieldDefinition, FieldValue } from '../schema/object-schema.js';

export type Coerced = { ok: true; value: FieldValue } | { ok: false; error: RecordError };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A request value converted to what the field stores, as the API does it: JSON of the wrong shape fails the
 * whole request (JSON_PARSER_ERROR, thrown); a value of the right shape that the field refuses fails the record
 * (returned). Empty text is stored as null; numbers are rounded to the field's scale.
 */
export function coerceFieldValue(field: FieldDefinition, raw: unknown): Coerced {
  if (raw === null || raw === undefined) return { ok: true, value: field.type === 'boolean' ? false : null };
  switch (field.type) {
    case 'boolean':
      return { ok: true, value: toBoolean(field, raw) };
    case 'int':
    case 'currency':
    case 'double':
    case 'percent':
      return checkNumber(field, toNumber(field, raw));
    case 'date': {
      const date = typeof raw === 'string' ? parseDate(raw) : undefined;
      if (date === undefined) throw cannotDeserialize('date', raw);
      return { ok: true, value: date };
    }
    case 'datetime': {
      const ms = typeof raw === 'string' ? parseDateTime(raw) : undefined;
      if (ms === undefined) throw cannotDeserialize('datetime', raw);
      return { ok: true, value: formatDateTime(ms) };
    }
    default:
      return checkText(field, toText(raw));
  }
}

function checkText(field: FieldDefinition, text: string): Coerced {
  if (text === '') return { ok: true, value: null };
  if (field.type === 'id' || field.type === 'reference') {
    const id = normalizeId(text);
    if (id === undefined) return fail('MALFORMED_ID', `${field.label}: id value of incorrect type: ${text}`, field);
    return { ok: true, value: id };
  }
  if (field.type === 'picklist') return checkPicklist(field, text);
  if (field.type === 'multipicklist') return checkMultiPicklist(field, text);
  if (text.length > field.length) {
    return fail('STRING_TOO_LONG', `${field.label}: data value too large: ${text} (max length=${field.length})`, field);
  }
  if (field.type === 'email' && !EMAIL.test(text)) {
    return fail('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${text}`, field);
  }
  return { ok: true, value: text };
}

function checkPicklist(field: FieldDefinition, text: string): Coerced {
  const entry = field.picklistValues.find((candidate) => candidate.active && candidate.value.toLowerCase() === text.toLowerCase());
  if (entry) return { ok: true, value: entry.value };
  if (field.restrictedPicklist) {
    return fail('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${text}`, field);
  }
  if (text.length > field.length) {
    return fail('STRING_TOO_LONG', `${field.label}: data value too large: ${text} (max length=${field.length})`, field);
  }
  return { ok: true, value: text };
}

/** Multi-select values are `;`-separated; stored without duplicates, known values in the picklist's order. */
function checkMultiPicklist(field: FieldDefinition, text: string): Coerced {
  const chosen = [...new Set(text.split(';').map((part) => part.trim()).filter((part) => part !== ''))];
  const known: string[] = [];
  const unknown: string[] = [];
  for (const value of chosen) {
    const entry = field.picklistValues.find((candidate) => candidate.active && candidate.value.toLowerCase() === value.toLowerCase());
    if (entry) known.push(entry.value);
    else if (field.restrictedPicklist) {
      return fail('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${value}`, field);
    } else unknown.push(value);
  }
  const order = (value: string): number => field.picklistValues.findIndex((entry) => entry.value === value);
  known.sort((a, b) => order(a) - order(b));
  const joined = [...known, ...unknown].join(';');
  if (joined === '') return { ok: true, value: null };
  if (joined.length > field.length) {
    return fail('STRING_TOO_LONG', `${field.label}: data value too large: ${joined} (max length=${field.length})`, field);
  }
  return { ok: true, value: joined };
}

function checkNumber(field: FieldDefinition, value: number): Coerced {
  const integerDigits = field.type === 'int' ? field.digits : field.precision - field.scale;
  const factor = 10 ** (field.type === 'int' ? 0 : field.scale);
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  if (rounded >= 10 ** integerDigits) {
    return fail('NUMBER_OUTSIDE_VALID_RANGE', `${field.label}: value outside of valid range on numeric field: ${value}`, field);
  }
  return { ok: true, value: Math.sign(value) * rounded + 0 };
}

function toNumber(field: FieldDefinition, raw: unknown): number {
  const javaType = field.type === 'int' ? 'int' : 'double';
  let value: number | undefined;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw)) value = Number(raw);
  if (value === undefined || !Number.isFinite(value)) throw cannotDeserialize(javaType, raw);
  if (field.type === 'int' && !Number.isInteger(value)) {
    throw jsonParserError(
      `Cannot deserialize instance of int from VALUE_NUMBER_FLOAT value ${String(raw)} or request may be missing a required field`,
    );
  }
  return value;
}

function toBoolean(field: FieldDefinition, raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string' && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  throw cannotDeserialize(field.type, raw);
}

function toText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  throw cannotDeserialize('string', raw);
}

/** The message Salesforce's JSON reader gives for a value it cannot turn into the field's type. */
function cannotDeserialize(javaType: string, raw: unknown): Error {
  let token = 'VALUE value';
  if (Array.isArray(raw)) token = 'START_ARRAY value [';
  else if (typeof raw === 'object' && raw !== null) token = 'START_OBJECT value {';
  else if (typeof raw === 'string') token = `VALUE_STRING value ${raw}`;
  else if (typeof raw === 'number') token = `VALUE_NUMBER_${Number.isInteger(raw) ? 'INT' : 'FLOAT'} value ${raw}`;
  else if (typeof raw === 'boolean') token = `VALUE_${raw ? 'TRUE' : 'FALSE'} value ${raw}`;
  return jsonParserError(`Cannot deserialize instance of ${javaType} from ${token} or request may be missing a required field`);
}

function fail(statusCode: string, message: string, field: FieldDefinition): Coerced {
  return { ok: false, error: recordError(statusCode, message, [field.name]) };
}
