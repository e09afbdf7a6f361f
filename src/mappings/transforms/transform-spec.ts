import { z } from 'zod';
import { date, datetime, isTimeZone } from './date-transforms.js';
import { domain } from './domain-transform.js';
import { boolean, integer, money, number } from './number-transforms.js';
import { lowercase, splitList, trim, uppercase } from './text-transforms.js';
import type { Transform } from './transform.js';
import { valueMap } from './value-map-transform.js';

const SIMPLE_NAMES = ['trim', 'lowercase', 'uppercase', 'number', 'integer', 'boolean', 'datetime', 'domain', 'list', 'date'] as const;
type SimpleName = (typeof SIMPLE_NAMES)[number];

/** Transforms named by a bare word in a mapping file. */
const SIMPLE: Record<SimpleName, Transform> = {
  trim,
  lowercase,
  uppercase,
  number,
  integer,
  boolean,
  datetime,
  domain,
  list: splitList(),
  date: date(),
};

const SimpleSpec = z.enum(SIMPLE_NAMES);

const DateSpec = z.strictObject({
  date: z.strictObject({
    timeZone: z.string().refine(isTimeZone, { error: 'an IANA time zone such as Europe/Berlin' }).optional(),
    crmFormat: z.enum(['date', 'epoch-ms']).optional(),
  }),
});
const MoneySpec = z.strictObject({
  money: z
    .strictObject({
      currencyField: z.string().min(1).optional(),
      currency: z.string().regex(/^[A-Z]{3}$/, { error: 'an ISO 4217 code such as EUR' }).optional(),
    })
    .refine((m) => m.currencyField !== undefined || m.currency !== undefined, {
      error: 'currencyField (a CRM field with the ISO code) or currency (one fixed code)',
    }),
});
const ValueMapSpec = z.strictObject({
  valueMap: z.strictObject({
    map: z.record(z.string(), z.string()).refine((m) => Object.keys(m).length > 0, { error: 'at least one entry' }),
    reverse: z.record(z.string(), z.string()).optional(),
  }),
});
const ListSpec = z.strictObject({ list: z.strictObject({ separator: z.string().min(1) }) });

export const TransformSpec = z.union([SimpleSpec, DateSpec, MoneySpec, ValueMapSpec, ListSpec], {
  error: `a transform: ${SIMPLE_NAMES.join(' | ')}, or one of { date: … }, { money: … }, { valueMap: … }, { list: … }`,
});
export type TransformSpec = z.infer<typeof TransformSpec>;

/** Builds the transform a validated spec names. */
export function buildTransform(spec: TransformSpec): Transform {
  if (typeof spec === 'string') return SIMPLE[spec];
  if ('date' in spec) return date(spec.date);
  if ('money' in spec) return money(spec.money);
  if ('valueMap' in spec) return valueMap(spec.valueMap);
  return splitList(spec.list.separator);
}
