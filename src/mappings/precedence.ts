import { isBlank } from './transforms/transform.js';

export interface SideValue {
  value: unknown;
  /** When this side last changed the field (ISO), if known. */
  changedAt: string | undefined;
}

export type Side = 'vendor' | 'partner';

export interface Resolution {
  value: unknown;
  winner: Side;
  rule: 'source-of-truth' | 'most-recent' | 'prefer-non-blank';
}

/**
 * Who wins a two-way field changed on both sides. The vendor CRM is the source of truth; "most recent"
 * compares change times (a tie goes to the source of truth); "prefer non-blank" keeps a value over a
 * blank and otherwise defers to the source of truth.
 */
export function resolveTwoWay(
  rule: Resolution['rule'],
  vendor: SideValue,
  partner: SideValue,
): Resolution {
  switch (rule) {
    case 'source-of-truth':
      return { value: vendor.value, winner: 'vendor', rule };
    case 'most-recent': {
      const v = vendor.changedAt ? Date.parse(vendor.changedAt) : Number.NEGATIVE_INFINITY;
      const p = partner.changedAt ? Date.parse(partner.changedAt) : Number.NEGATIVE_INFINITY;
      return p > v ? { value: partner.value, winner: 'partner', rule } : { value: vendor.value, winner: 'vendor', rule };
    }
    case 'prefer-non-blank':
      return isBlank(vendor.value) && !isBlank(partner.value)
        ? { value: partner.value, winner: 'partner', rule }
        : { value: vendor.value, winner: 'vendor', rule };
  }
}
