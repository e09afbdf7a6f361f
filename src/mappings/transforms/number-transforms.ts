import { isBlank, TransformError, type Transform } from './transform.js';

function numberOf(name: string, value: unknown): number | null {
  if (isBlank(value)) return null;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (!Number.isFinite(number)) throw new TransformError(name, value, 'a number');
  return number;
}

/** Numbers arrive as numbers (Salesforce) or strings (HubSpot properties); canonical is a number. */
export const number: Transform = {
  name: 'number',
  toCanonical: (value) => numberOf('number', value),
  toCrm: (value) => numberOf('number', value),
};

export const integer: Transform = {
  name: 'integer',
  toCanonical: (value) => {
    const n = numberOf('integer', value);
    return n === null ? null : Math.round(n);
  },
  toCrm: (value) => numberOf('integer', value),
};

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);

/** Booleans arrive as booleans or as the strings "true"/"false" (HubSpot). */
export const boolean: Transform = {
  name: 'boolean',
  toCanonical: (value) => {
    if (isBlank(value)) return null;
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (TRUE.has(text)) return true;
    if (FALSE.has(text)) return false;
    throw new TransformError('boolean', value, 'true or false');
  },
  toCrm: (value) => (value === null || value === undefined ? null : Boolean(value)),
};

/**
 * An amount with its ISO 4217 currency: `{ amount, currency }` in the canonical model. The currency comes
 * from a companion CRM field (Salesforce `CurrencyIsoCode`, HubSpot `deal_currency_code`) or, in
 * single-currency orgs, from the mapping's fixed currency.
 */
export function money(options: { currencyField?: string; currency?: string }): Transform {
  const { currencyField, currency: fixed } = options;
  return {
    name: 'money',
    reads: currencyField ? [currencyField] : [],
    toCanonical: (value, record) => {
      const amount = numberOf('money', value);
      if (amount === null) return null;
      const raw = currencyField ? record[currencyField] : undefined;
      const currency = typeof raw === 'string' && raw.trim() !== '' ? raw.trim().toUpperCase() : fixed;
      if (!currency || !/^[A-Z]{3}$/.test(currency)) {
        throw new TransformError('money', raw ?? value, `an ISO 4217 currency in ${currencyField ?? 'the mapping'}`);
      }
      return { amount, currency };
    },
    toCrm: (value) => {
      if (value === null || value === undefined) return null;
      if (typeof value !== 'object' || typeof Reflect.get(value, 'amount') !== 'number') {
        throw new TransformError('money', value, '{ amount, currency }');
      }
      const amount: unknown = Reflect.get(value, 'amount');
      return amount;
    },
    companionFields: (value) => {
      if (!currencyField || value === null || typeof value !== 'object') return {};
      const currency: unknown = Reflect.get(value, 'currency');
      return { [currencyField]: currency };
    },
  };
}
