import type { Populations } from '../../config/population-schema.js';

/** The populations an account belongs to, by its canonical values (a value compares case-insensitively). */
export function populationsOf(values: Readonly<Record<string, unknown>>, populations: Populations): string[] {
  return Object.entries(populations)
    .filter(([, filter]) =>
      Object.entries(filter).every(([field, allowed]) => {
        const value = values[field];
        return typeof value === 'string' && allowed.some((a) => a.toLowerCase() === value.toLowerCase());
      }),
    )
    .map(([name]) => name);
}
