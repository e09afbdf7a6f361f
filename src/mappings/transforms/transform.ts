/**
 * A named, typed, reversible value transform of a field mapping. `toCanonical` turns a CRM value into the
 * canonical one; `toCrm` turns it back. Both return `null` for "no value". A transform throws
 * TransformError for a value it cannot convert, naming the value and what it expected.
 */
export interface Transform {
  readonly name: string;
  toCanonical(value: unknown, record: Readonly<Record<string, unknown>>): unknown;
  toCrm(value: unknown): unknown;
  /** Extra CRM fields written next to the mapped one (e.g. the currency code beside an amount). */
  companionFields?(value: unknown): Record<string, unknown>;
  /** CRM fields read besides the mapped one (so readers ask for them). */
  readonly reads?: readonly string[];
  /** Every CRM value this transform can write, when it is a closed set (value maps): checked against picklists. */
  readonly writesValues?: readonly string[];
}

export class TransformError extends Error {
  override readonly name = 'TransformError';
  readonly transform: string;
  readonly value: unknown;

  constructor(transform: string, value: unknown, expected: string) {
    super(`transform ${transform}: cannot convert ${JSON.stringify(value)}; expected ${expected}`);
    this.transform = transform;
    this.value = value;
  }
}

export const isBlank = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
