import type { Populations } from '../../config/population-schema.js';
import { normalizeCountry } from '../../matching/normalize-location.js';

type Filter = Populations[string];

const comparable = (field: string, value: string): string => (field === 'country' ? (normalizeCountry(value) ?? value.toLowerCase()) : value.toLowerCase());

/**
 * True when an account's canonical values pass a filter: every listed field holds one of its values (compared
 * case-insensitively; countries by ISO code, so `DE` also covers "Germany" and "Deutschland").
 */
export function passesFilter(values: Readonly<Record<string, unknown>>, filter: Filter): boolean {
  return Object.entries(filter).every(([field, allowed]) => {
    const value = values[field];
    if (typeof value !== 'string') return false;
    const mine = comparable(field, value);
    return allowed.some((a) => comparable(field, a) === mine);
  });
}

/** The populations an account belongs to, by its canonical values. */
export function populationsOf(values: Readonly<Record<string, unknown>>, populations: Populations): string[] {
  return Object.entries(populations)
    .filter(([, filter]) => passesFilter(values, filter))
    .map(([name]) => name);
}
