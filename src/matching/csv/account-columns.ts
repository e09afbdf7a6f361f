import type { AccountRecord } from '../account-record.js';
import { AccountCsvError } from './account-csv-error.js';

/** Column names an accounts CSV must have. */
export const REQUIRED_COLUMNS = ['id', 'name'] as const;
/** Column names read when present; any other column is ignored. */
export const OPTIONAL_COLUMNS = ['website', 'domain', 'email', 'country', 'state', 'city'] as const;

type ColumnName = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export const COLUMNS_EXPECTED = `a header row with ${REQUIRED_COLUMNS.join(' and ')} (optional: ${OPTIONAL_COLUMNS.join(', ')}; other columns are ignored)`;

const KNOWN_COLUMNS: ReadonlySet<string> = new Set([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

function isColumnName(name: string): name is ColumnName {
  return KNOWN_COLUMNS.has(name);
}

/** Where each known column is in a file's rows; found from its header, in any order and any letter case. */
export class AccountColumns {
  readonly #positions: ReadonlyMap<ColumnName, number>;

  private constructor(positions: ReadonlyMap<ColumnName, number>) {
    this.#positions = positions;
  }

  /** Reads a header row; throws AccountCsvError naming what is missing and what was found. */
  static fromHeader(header: readonly string[], label: string): AccountColumns {
    const positions = new Map<ColumnName, number>();
    header.forEach((cell, position) => {
      const name = cell.trim().toLowerCase();
      if (isColumnName(name) && !positions.has(name)) positions.set(name, position);
    });
    const missing = REQUIRED_COLUMNS.filter((name) => !positions.has(name));
    if (missing.length > 0) {
      const found = header.map((cell) => `"${cell.trim()}"`).join(', ') || '(none)';
      throw new AccountCsvError(
        `${label}: missing required column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(' and ')}; found columns ${found}. ` +
          `Expected ${COLUMNS_EXPECTED}. Rename the column in the export or add it.`,
      );
    }
    return new AccountColumns(positions);
  }

  /** The record of one data row, or undefined when it has no id (such a row can be reported, not matched). */
  record(row: readonly string[]): AccountRecord | undefined {
    const id = this.#cell(row, 'id');
    if (id === undefined) return undefined;
    return {
      id,
      name: this.#cell(row, 'name') ?? '',
      website: this.#cell(row, 'website'),
      domain: this.#cell(row, 'domain'),
      email: this.#cell(row, 'email'),
      country: this.#cell(row, 'country'),
      state: this.#cell(row, 'state'),
      city: this.#cell(row, 'city'),
    };
  }

  #cell(row: readonly string[], name: ColumnName): string | undefined {
    const position = this.#positions.get(name);
    if (position === undefined) return undefined;
    const value = row[position]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }
}
