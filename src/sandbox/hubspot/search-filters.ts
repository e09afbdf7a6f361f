import { z } from 'zod';
import { validationError } from './hubspot-errors.js';
import type { StoredObject } from './object-store.js';
import type { PropertyDefinition } from './property-catalog.js';

const OPERATORS = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'] as const;

export const SearchFilter = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(OPERATORS),
  value: z.union([z.string(), z.number(), z.boolean()]).transform(String).optional(),
  highValue: z.union([z.string(), z.number()]).transform(String).optional(),
  values: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
});
export type SearchFilter = z.infer<typeof SearchFilter>;

export const SearchSort = z.union([
  z.string().transform((name) => ({ propertyName: name.replace(/^-/, ''), direction: name.startsWith('-') ? ('DESCENDING' as const) : ('ASCENDING' as const) })),
  z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING') }),
]);
export type SearchSort = z.infer<typeof SearchSort>;

/** HubSpot's documented search limits: up to 5 filter groups, 6 filters in a group, 18 filters in all. */
export const MAX_GROUPS = 5;
export const MAX_FILTERS_PER_GROUP = 6;
export const MAX_FILTERS = 18;

type Compare = (stored: string | undefined) => boolean;

/** Compiles one filter to a predicate, comparing as the property's type does (numbers, instants, text). */
export function compileFilter(filter: SearchFilter, definitions: ReadonlyMap<string, PropertyDefinition>): Compare {
  const definition = definitions.get(filter.propertyName);
  if (!definition) throw validationError(`There was a problem with the request. Property "${filter.propertyName}" does not exist.`);
  const key = keyFor(definition.type);
  const one = (): string => {
    if (filter.value === undefined) throw validationError(`Filter on ${filter.propertyName} with ${filter.operator} needs a value.`);
    return filter.value;
  };
  const cmp = (stored: string | undefined, value: string): number | undefined => {
    if (stored === undefined) return undefined;
    const a = key(stored);
    const b = key(value);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  switch (filter.operator) {
    case 'EQ':
      return (s) => cmp(s, one()) === 0;
    case 'NEQ':
      return (s) => cmp(s, one()) !== 0;
    case 'LT':
      return (s) => (cmp(s, one()) ?? 1) < 0;
    case 'LTE':
      return (s) => (cmp(s, one()) ?? 1) <= 0;
    case 'GT':
      return (s) => (cmp(s, one()) ?? -1) > 0;
    case 'GTE':
      return (s) => (cmp(s, one()) ?? -1) >= 0;
    case 'BETWEEN': {
      const high = filter.highValue;
      if (high === undefined) throw validationError(`Filter on ${filter.propertyName} with BETWEEN needs value and highValue.`);
      return (s) => (cmp(s, one()) ?? -1) >= 0 && (cmp(s, high) ?? 1) <= 0;
    }
    case 'IN':
    case 'NOT_IN': {
      const values = filter.values;
      if (!values) throw validationError(`Filter on ${filter.propertyName} with ${filter.operator} needs values.`);
      const inSet: Compare = (s) => s !== undefined && values.some((v) => cmp(s, v) === 0);
      return filter.operator === 'IN' ? inSet : (s) => !inSet(s);
    }
    case 'HAS_PROPERTY':
      return (s) => s !== undefined && s !== '';
    case 'NOT_HAS_PROPERTY':
      return (s) => s === undefined || s === '';
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const pattern = tokenPattern(one());
      const contains: Compare = (s) => s !== undefined && s.toLowerCase().split(/[^\p{L}\p{N}@.*-]+/u).some((token) => pattern.test(token));
      return filter.operator === 'CONTAINS_TOKEN' ? contains : (s) => !contains(s);
    }
  }
}

/** A token with `*` wildcards, matched whole and case-insensitively. */
function tokenPattern(token: string): RegExp {
  const escaped = token.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** A sortable key for a stored value: numbers and instants compare numerically, text case-insensitively. */
export function keyFor(type: PropertyDefinition['type']): (value: string) => number | string {
  if (type === 'number') return (value) => Number(value);
  if (type === 'date' || type === 'datetime') return (value) => (/^-?\d+$/.test(value) ? Number(value) : Date.parse(value));
  return (value) => value.toLowerCase();
}

export function matchesGroups(record: StoredObject, groups: readonly (readonly { name: string; test: Compare }[])[]): boolean {
  if (groups.length === 0) return true;
  return groups.some((filters) => filters.every((filter) => filter.test(record.properties.get(filter.name))));
}
