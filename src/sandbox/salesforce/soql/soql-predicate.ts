import { formatDate, formatDateTime } from '../salesforce-dates.js';
import { normalizeId } from '../salesforce-ids.js';
import type { FieldDefinition, FieldValue, ObjectDefinition } from '../schema/object-schema.js';
import type { StoredRecord } from '../store/object-table.js';
import type { RecordStore } from '../store/record-store.js';
import type { ComparisonOperator, Condition, Literal, SoqlQuery } from './soql-ast.js';
import { resolveDateLiteral } from './soql-date-literals.js';
import { SoqlError } from './soql-error.js';
import { accessor, compareValues, isIdField, isNumberField, isTextField, resolvePath, soqlTypeName, valuesEqual } from './soql-fields.js';
import { likeMatches } from './soql-strings.js';

export type Predicate = (record: StoredRecord) => boolean;

export interface PredicateContext {
  store: RecordStore;
  object: ObjectDefinition;
  alias: string | undefined;
  /** The query's now, for date literals. */
  now: number;
  /** Runs a semi-join subquery and returns the values its one field takes. */
  semiJoin: (query: SoqlQuery, field: FieldDefinition) => Set<FieldValue>;
}

/** A checked literal: one value, or a range for date literals (TODAY, LAST_N_DAYS:n). */
type Operand = { kind: 'value'; value: FieldValue } | { kind: 'range'; start: string; end: string };

/** Compiles a WHERE condition into a predicate, checking every field and literal against the schema. */
export function compileCondition(condition: Condition, ctx: PredicateContext): Predicate {
  switch (condition.kind) {
    case 'and': {
      const parts = condition.operands.map((operand) => compileCondition(operand, ctx));
      return (record) => parts.every((part) => part(record));
    }
    case 'or': {
      const parts = condition.operands.map((operand) => compileCondition(operand, ctx));
      return (record) => parts.some((part) => part(record));
    }
    case 'not': {
      const inner = compileCondition(condition.operand, ctx);
      return (record) => !inner(record);
    }
    case 'compare': {
      const path = resolvePath(ctx.store.schema, ctx.object, condition.field, ctx.alias);
      const read = accessor(ctx.store, path);
      const test = comparison(path.field, condition.operator, operand(path.field, condition.value, ctx.now));
      return (record) => test(read(record));
    }
    case 'in': {
      const path = resolvePath(ctx.store.schema, ctx.object, condition.field, ctx.alias);
      const read = accessor(ctx.store, path);
      const tests = condition.values.map((value) => comparison(path.field, '=', operand(path.field, value, ctx.now)));
      return condition.negated
        ? (record) => !tests.some((test) => test(read(record)))
        : (record) => tests.some((test) => test(read(record)));
    }
    case 'inQuery': {
      const path = resolvePath(ctx.store.schema, ctx.object, condition.field, ctx.alias);
      if (!isIdField(path.field)) {
        throw new SoqlError('MALFORMED_QUERY', `The left operand of a semi-join must be an id or reference field, not ${path.field.name}`, condition.offset);
      }
      const read = accessor(ctx.store, path);
      const values = ctx.semiJoin(condition.query, path.field);
      return condition.negated ? (record) => !values.has(read(record)) : (record) => values.has(read(record));
    }
    case 'like': {
      const path = resolvePath(ctx.store.schema, ctx.object, condition.field, ctx.alias);
      if (!isTextField(path.field) || path.field.type === 'multipicklist') {
        throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid operator on ${soqlTypeName(path.field)} field: ${path.field.name}`, condition.offset);
      }
      const read = accessor(ctx.store, path);
      return (record) => {
        const value = read(record);
        return typeof value === 'string' && likeMatches(condition.pattern, value);
      };
    }
    case 'includes': {
      const path = resolvePath(ctx.store.schema, ctx.object, condition.field, ctx.alias);
      if (path.field.type !== 'multipicklist') {
        throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `includes or excludes operator only valid on multipicklist field: ${path.field.name}`, condition.field.offset);
      }
      const read = accessor(ctx.store, path);
      const sets = condition.values.map((set) => set.map((value) => value.toLowerCase()));
      return (record) => {
        const value = read(record);
        const chosen = new Set(typeof value === 'string' ? value.toLowerCase().split(';') : []);
        const any = sets.some((set) => set.every((wanted) => chosen.has(wanted)));
        return condition.negated ? !any : any;
      };
    }
  }
}

/** Checks a literal against the field's type, as SOQL does before it runs anything. */
function operand(field: FieldDefinition, literal: Literal, now: number): Operand {
  const mismatch = (): SoqlError =>
    new SoqlError(
      'INVALID_FIELD',
      `value of filter criterion for field '${field.name}' must be of type ${soqlTypeName(field)} and ${
        isTextField(field) || isIdField(field) ? 'should be enclosed in quotes' : 'should not be enclosed in quotes'
      }`,
      literal.offset,
    );
  if (literal.kind === 'null') return { kind: 'value', value: null };
  if (isIdField(field)) {
    if (literal.kind !== 'string') throw mismatch();
    const id = normalizeId(literal.value);
    if (id === undefined) throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${literal.value}`, literal.offset);
    return { kind: 'value', value: id };
  }
  if (isTextField(field)) {
    if (literal.kind !== 'string') throw mismatch();
    return { kind: 'value', value: literal.value };
  }
  if (isNumberField(field)) {
    if (literal.kind !== 'number') throw mismatch();
    return { kind: 'value', value: literal.value };
  }
  if (field.type === 'boolean') {
    if (literal.kind !== 'boolean') throw mismatch();
    return { kind: 'value', value: literal.value };
  }
  if (literal.kind === 'dateLiteral') {
    const range = resolveDateLiteral(literal.name, literal.n, now);
    return field.type === 'date'
      ? { kind: 'range', start: formatDate(range.start), end: formatDate(range.end) }
      : { kind: 'range', start: formatDateTime(range.start), end: formatDateTime(range.end) };
  }
  if (field.type === 'date' && literal.kind === 'date') return { kind: 'value', value: literal.value };
  if (field.type === 'datetime' && literal.kind === 'datetime') return { kind: 'value', value: formatDateTime(literal.value) };
  throw mismatch();
}

/** A test of a field value against an operand: nulls never order, and `!=` is true for null vs a value. */
function comparison(field: FieldDefinition, operator: ComparisonOperator, right: Operand): (value: FieldValue) => boolean {
  if (right.kind === 'range') {
    const { start, end } = right;
    const inRange = (value: FieldValue): boolean => typeof value === 'string' && value >= start && value < end;
    switch (operator) {
      case '=':
        return inRange;
      case '!=':
        return (value) => !inRange(value);
      case '<':
        return (value) => typeof value === 'string' && value < start;
      case '<=':
        return (value) => typeof value === 'string' && value < end;
      case '>':
        return (value) => typeof value === 'string' && value >= end;
      case '>=':
        return (value) => typeof value === 'string' && value >= start;
    }
  }
  const expected = right.value;
  if (operator === '=') return (value) => valuesEqual(field, value, expected);
  if (operator === '!=') return (value) => !valuesEqual(field, value, expected);
  if (expected === null) return () => false;
  const accepts = ORDER_TESTS[operator];
  return (value) => value !== null && accepts(compareValues(field, value, expected));
}

const ORDER_TESTS: Record<'<' | '<=' | '>' | '>=', (difference: number) => boolean> = {
  '<': (difference) => difference < 0,
  '<=': (difference) => difference <= 0,
  '>': (difference) => difference > 0,
  '>=': (difference) => difference >= 0,
};
