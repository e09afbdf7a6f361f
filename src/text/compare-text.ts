/**
 * Orders two strings by their UTF-16 code units: the same order on every machine and in every locale (unlike
 * `localeCompare`), for output that must read the same each time and ties broken by id.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
