import { isBlank, TransformError, type Transform } from './transform.js';

function textOf(name: string, value: unknown): string | null {
  if (isBlank(value)) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TransformError(name, value, 'text');
}

/** Leading and trailing white space removed both ways; blank becomes no value. */
export const trim: Transform = {
  name: 'trim',
  toCanonical: (value) => textOf('trim', value)?.trim() ?? null,
  toCrm: (value) => textOf('trim', value)?.trim() ?? null,
};

/** Lower case in the canonical model (emails, keys); written back as it is. */
export const lowercase: Transform = {
  name: 'lowercase',
  toCanonical: (value) => textOf('lowercase', value)?.trim().toLowerCase() ?? null,
  toCrm: (value) => textOf('lowercase', value),
};

/** Upper case in the canonical model (country and currency codes). */
export const uppercase: Transform = {
  name: 'uppercase',
  toCanonical: (value) => textOf('uppercase', value)?.trim().toUpperCase() ?? null,
  toCrm: (value) => textOf('uppercase', value),
};

/** A multi-select value: `a;b;c` in Salesforce and HubSpot, a list in the canonical model. */
export function splitList(separator = ';'): Transform {
  return {
    name: 'list',
    toCanonical: (value) => {
      if (isBlank(value)) return [];
      if (Array.isArray(value)) return value.map(String);
      return (textOf('list', value) ?? '')
        .split(separator)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    },
    toCrm: (value) => {
      if (value === null || value === undefined) return null;
      if (!Array.isArray(value)) throw new TransformError('list', value, 'a list');
      return value.length === 0 ? null : value.map(String).join(separator);
    },
  };
}
