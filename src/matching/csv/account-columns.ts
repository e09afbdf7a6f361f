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
  // Each column's position as a field of its own (-1 when absent): read for every cell of a million rows.
  readonly #id: number;
  readonly #name: number;
  readonly #website: number;
  readonly #domain: number;
  readonly #email: number;
  readonly #country: number;
  readonly #state: number;
  readonly #city: number;

  private constructor(positions: ReadonlyMap<ColumnName, number>) {
    const at = (name: ColumnName): number => positions.get(name) ?? -1;
    this.#id = at('id');
    this.#name = at('name');
    this.#website = at('website');
    this.#domain = at('domain');
    this.#email = at('email');
    this.#country = at('country');
    this.#state = at('state');
    this.#city = at('city');
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
    const id = cell(row, this.#id);
    if (id === undefined) return undefined;
    return {
      id,
      name: cell(row, this.#name) ?? '',
      website: cell(row, this.#website),
      domain: cell(row, this.#domain),
      email: cell(row, this.#email),
      country: cell(row, this.#country),
      state: cell(row, this.#state),
      city: cell(row, this.#city),
    };
  }
}

/** A row's cell at `position`, trimmed; undefined when the column is absent or the cell blank. */
function cell(row: readonly string[], position: number): string | undefined {
  if (position < 0) return undefined;
  const value = row[position]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
