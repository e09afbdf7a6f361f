import { UsageError } from './usage-error.js';

/** A whole-number option within [min, max], else a UsageError naming the option and the range. */
export function wholeNumber(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${option} "${text}": expected a whole number from ${String(min)} to ${max.toLocaleString('en-US')}`);
  return value;
}
