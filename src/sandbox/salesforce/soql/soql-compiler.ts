import { formatDateTime } from '../salesforce-dates.js';
import type { FieldDefinition, FieldValue, ObjectDefinition } from '../schema/object-schema.js';
import type { StoredRecord } from '../store/object-table.js';
import type { RecordStore } from '../store/record-store.js';
import type { Condition, SelectItem, SoqlQuery } from './soql-ast.js';
import { SoqlError, unknownObjectMessage, unknownRelationshipMessage } from './soql-error.js';
import { accessor, compareValues, resolvePath, type ResolvedPath } from './soql-fields.js';
import { compileCondition, type Predicate } from './soql-predicate.js';

/** What a query returns per record, as a tree: fields, parent records, child subqueries — in SELECT order. */
export type SelectionEntry =
  | { kind: 'field'; name: string }
  | { kind: 'relation'; name: string; reference: string; selection: SelectionEntry[] }
  | { kind: 'subquery'; name: string; parentField: FieldDefinition; query: CompiledQuery };

/** One flat output column (Bulk API CSV): `Account.Name`. */
export interface Column {
  header: string;
  field: FieldDefinition;
  read: (record: StoredRecord) => FieldValue;
}

export interface CompiledQuery {
  object: ObjectDefinition;
  shape: 'records' | 'count' | 'aggregate';
  selection: SelectionEntry[];
  columns: Column[];
  /** COUNT(field) [alias] items of an aggregate query. */
  aggregates: { name: string; read: ((record: StoredRecord) => FieldValue) | undefined }[];
  hasSubqueries: boolean;
  predicate: Predicate | undefined;
  comparator: ((a: StoredRecord, b: StoredRecord) => number) | undefined;
  /** ORDER BY SystemModstamp [, Id] ascending: the table's sorted index serves it. */
  modstampOrder: boolean;
  /** A lower bound on SystemModstamp implied by WHERE (stored text form), where the index scan may start. */
  modstampFrom: string | undefined;
  limit: number | undefined;
  offset: number | undefined;
}

export interface CompileContext {
  store: RecordStore;
  now: number;
  /** Runs a semi-join subquery (`Id IN (SELECT …)`) and returns its values. */
  semiJoin: (query: SoqlQuery, field: FieldDefinition) => Set<FieldValue>;
}

const MAX_OFFSET = 2000;

/** Checks a parsed query against the schema and turns it into predicates, comparators and a selection tree. */
export function compileQuery(ast: SoqlQuery, ctx: CompileContext, object?: ObjectDefinition): CompiledQuery {
  const schema = ctx.store.schema;
  const target = object ?? schema.find(ast.from.name);
  if (!target) throw new SoqlError('INVALID_TYPE', unknownObjectMessage(ast.from.name), ast.from.offset);
  if (ast.offset !== undefined && ast.offset > MAX_OFFSET) {
    throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`, ast.offsetAt);
  }
  const alias = ast.from.alias;
  const selection: SelectionEntry[] = [];
  const columns: Column[] = [];
  const aggregates: CompiledQuery['aggregates'] = [];
  const seen = new Set<string>();
  let shape: CompiledQuery['shape'] = 'records';
  let hasSubqueries = false;
  let plainField: string | undefined;

  const addPath = (path: ResolvedPath): void => {
    const key = path.canonical.join('.').toLowerCase();
    if (seen.has(key)) throw new SoqlError('MALFORMED_QUERY', `duplicate field selected: ${path.canonical.join('.')}`, path.offset);
    seen.add(key);
    plainField ??= path.canonical.join('.');
    insertPath(selection, path);
    columns.push({ header: path.canonical.join('.'), field: path.field, read: accessor(ctx.store, path) });
  };

  for (const item of ast.select) {
    switch (item.kind) {
      case 'field':
        addPath(resolvePath(schema, target, item.path, alias));
        break;
      case 'fields':
        checkFieldsLimit(item, ast);
        for (const field of target.fields) {
          if (item.which === 'ALL' || (item.which === 'CUSTOM') === field.custom) {
            addPath(resolvePath(schema, target, { segments: [field.name], offset: item.offset }, undefined));
          }
        }
        break;
      case 'count':
        if (item.field === undefined) {
          if (ast.select.length > 1) throw new SoqlError('MALFORMED_QUERY', 'COUNT() must be the only element in the SELECT list', item.offset);
          shape = 'count';
        } else {
          const path = resolvePath(schema, target, item.field, alias);
          const read = accessor(ctx.store, path);
          aggregates.push({ name: item.alias ?? `expr${aggregates.length}`, read });
          shape = 'aggregate';
        }
        break;
      case 'subquery':
        if (object) throw new SoqlError('MALFORMED_QUERY', 'Nesting of semi join sub-selects is not supported', item.offset);
        selection.push(compileSubquery(item, ctx, target));
        hasSubqueries = true;
        break;
    }
  }
  if (shape === 'aggregate' && plainField !== undefined) {
    throw new SoqlError('MALFORMED_QUERY', `Field must be grouped or aggregated: ${plainField}`, ast.select[0]?.kind === 'field' ? ast.select[0].path.offset : undefined);
  }

  const predicate = ast.where && compileCondition(ast.where, { store: ctx.store, object: target, alias, now: ctx.now, semiJoin: ctx.semiJoin });
  const order = ast.orderBy.map((item) => ({ ...item, path: resolvePath(schema, target, item.field, alias) }));
  for (const item of order) {
    if (!item.path.field.sortable) {
      throw new SoqlError('INVALID_FIELD', `field '${item.path.field.name}' can not be sorted in a query call`, item.path.offset);
    }
  }
  const [first, second, ...rest] = order;
  const modstampOrder =
    first !== undefined &&
    rest.length === 0 &&
    isPlain(first.path, 'SystemModstamp') &&
    !first.descending &&
    (second === undefined || (isPlain(second.path, 'Id') && !second.descending));
  return {
    object: target,
    shape,
    selection,
    columns,
    aggregates,
    hasSubqueries,
    predicate,
    comparator: order.length === 0 ? undefined : comparatorOf(ctx.store, order),
    modstampOrder,
    modstampFrom: ast.where && modstampLowerBound(ast.where, alias),
    limit: ast.limit,
    offset: ast.offset,
  };
}

function compileSubquery(item: Extract<SelectItem, { kind: 'subquery' }>, ctx: CompileContext, parent: ObjectDefinition): SelectionEntry {
  const relationship = ctx.store.schema.childRelationship(parent, item.query.from.name);
  if (!relationship) throw new SoqlError('INVALID_TYPE', unknownRelationshipMessage(item.query.from.name), item.query.from.offset);
  const query = compileQuery(item.query, ctx, relationship.childObject);
  if (query.shape !== 'records') throw new SoqlError('MALFORMED_QUERY', 'Aggregate functions are not supported in subqueries', item.offset);
  return { kind: 'subquery', name: relationship.relationshipName, parentField: relationship.field, query };
}

function checkFieldsLimit(item: Extract<SelectItem, { kind: 'fields' }>, ast: SoqlQuery): void {
  if (item.which !== 'STANDARD' && (ast.limit === undefined || ast.limit > 200)) {
    throw new SoqlError('MALFORMED_QUERY', 'The SOQL FIELDS function must have a LIMIT of at most 200', item.offset);
  }
}

function insertPath(entries: SelectionEntry[], path: ResolvedPath): void {
  let level = entries;
  path.hops.forEach((hop, index) => {
    const name = path.canonical[index] ?? hop.name;
    let relation = level.find((entry): entry is Extract<SelectionEntry, { kind: 'relation' }> => entry.kind === 'relation' && entry.name === name);
    if (!relation) {
      relation = { kind: 'relation', name, reference: hop.name, selection: [] };
      level.push(relation);
    }
    level = relation.selection;
  });
  level.push({ kind: 'field', name: path.field.name });
}

function isPlain(path: ResolvedPath, name: string): boolean {
  return path.hops.length === 0 && path.field.name === name;
}

function comparatorOf(
  store: RecordStore,
  order: { path: ResolvedPath; descending: boolean; nullsLast: boolean }[],
): (a: StoredRecord, b: StoredRecord) => number {
  const keys = order.map((item) => ({ ...item, read: accessor(store, item.path) }));
  return (a, b) => {
    for (const key of keys) {
      const left = key.read(a);
      const right = key.read(b);
      if (left === null && right === null) continue;
      if (left === null) return key.nullsLast ? 1 : -1;
      if (right === null) return key.nullsLast ? -1 : 1;
      const difference = compareValues(key.path.field, left, right);
      if (difference !== 0) return key.descending ? -difference : difference;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/**
 * The least SystemModstamp a matching record can have, when WHERE bounds it: `SystemModstamp > X`,
 * `>= X` or `= X` at the top, in every branch of an OR, or in any operand of an AND.
 */
function modstampLowerBound(condition: Condition, alias: string | undefined): string | undefined {
  switch (condition.kind) {
    case 'compare': {
      const segments = condition.field.segments.map((segment) => segment.toLowerCase());
      const path = alias !== undefined && segments.length === 2 && segments[0] === alias.toLowerCase() ? segments.slice(1) : segments;
      const isStamp = path.length === 1 && path[0] === 'systemmodstamp';
      if (!isStamp || condition.value.kind !== 'datetime' || !['>', '>=', '='].includes(condition.operator)) return undefined;
      return formatDateTime(condition.value.value);
    }
    case 'and': {
      const bounds = condition.operands.map((operand) => modstampLowerBound(operand, alias)).filter((bound) => bound !== undefined);
      return bounds.sort().at(-1);
    }
    case 'or': {
      const bounds = condition.operands.map((operand) => modstampLowerBound(operand, alias));
      if (bounds.some((bound) => bound === undefined)) return undefined;
      return bounds.filter((bound) => bound !== undefined).sort()[0];
    }
    default:
      return undefined;
  }
}
