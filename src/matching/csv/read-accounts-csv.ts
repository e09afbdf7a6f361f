import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import Papa from 'papaparse';
import type { AccountRecord } from '../account-record.js';
import { AccountColumns, COLUMNS_EXPECTED } from './account-columns.js';
import { AccountCsvError } from './account-csv-error.js';

/** What reading a file found besides its records. */
export interface AccountsCsvSummary {
  records: number;
  /** Data rows (1 = the first row after the header) that had no id and were left out. */
  rowsWithoutId: number[];
}

// Small chunks: a chunk's rows are all alive until it is taken, and less alive data makes collection cheap (a 1 MiB
// chunk cost a million-row file about 1.5 s more of collector time than 64 KiB).
const READ_CHUNK = 1 << 16;
const BOM = '\uFEFF';

/** How PapaParse is asked to read an export: commas, any line ending, blank lines skipped, no type guessing. */
const PARSE_CONFIG = { delimiter: ',', skipEmptyLines: true, dynamicTyping: false, header: false } as const;

/**
 * Streams the accounts of a CSV export (header row, then one account per row) to `onRecord`, so a file of
 * millions of rows is never held whole. `label` names the file in errors ("--vendor vendor.csv"). Parsed by
 * PapaParse (several times faster than the alternatives measured, which matters at a million rows a file); rows
 * of another length and stray quotes inside a field are accepted as exports write them, an unterminated quoted
 * field is not.
 */
export async function readAccountsCsv(path: string, label: string, onRecord: (record: AccountRecord) => void): Promise<AccountsCsvSummary> {
  await checkReadable(path, label);
  let columns: AccountColumns | undefined;
  let row = 0;
  const rowsWithoutId: number[] = [];
  let records = 0;
  const take = (cells: string[]): void => {
    if (columns === undefined) {
      columns = AccountColumns.fromHeader(withoutBom(cells), label);
      return;
    }
    row += 1;
    const record = columns.record(cells);
    if (record === undefined) rowsWithoutId.push(row);
    else {
      records += 1;
      onRecord(record);
    }
  };
  await parseRows(path, label, undefined, take);
  if (columns === undefined) throw new AccountCsvError(`${label}: the file is empty. Expected ${COLUMNS_EXPECTED}.`);
  return { records, rowsWithoutId };
}

/** A CRM export row is rarely shorter than this; an estimate of rows from it may be high, never far too low. */
const BYTES_PER_ROW = 60;

/** About how many rows the file has at most, from its size: for sizing tables once. */
export async function estimatedRows(path: string): Promise<number> {
  return Math.ceil((await stat(path)).size / BYTES_PER_ROW);
}

/** Reads only the header row, so a wrong file is refused before any long work starts. */
export async function checkAccountsCsvHeader(path: string, label: string): Promise<void> {
  await checkReadable(path, label);
  const read = { header: false };
  await parseRows(path, label, 1, (header) => {
    read.header = true;
    AccountColumns.fromHeader(withoutBom(header), label);
  });
  if (!read.header) throw new AccountCsvError(`${label}: the file is empty. Expected ${COLUMNS_EXPECTED}.`);
}

/** Every row of the file (the first `preview` only, when given) to `take`, which may throw to stop the read. */
async function parseRows(path: string, label: string, preview: number | undefined, take: (cells: string[]) => void): Promise<void> {
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK, encoding: 'utf8' });
  let failure: Error | undefined;
  let rowsBefore = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(stream, {
      ...PARSE_CONFIG,
      ...(preview === undefined ? {} : { preview }),
      chunk: (results, parser) => {
        try {
          const broken = results.errors.find((e) => e.code === 'MissingQuotes');
          if (broken) throw new AccountCsvError(`${label}: not a readable CSV file (a quoted field is not closed, row ${String(rowsBefore + (broken.row ?? 0) + 1)}). Expected ${COLUMNS_EXPECTED}.`);
          for (const cells of results.data) take(cells);
          rowsBefore += results.data.length;
        } catch (error) {
          failure = error instanceof Error ? error : new Error(String(error));
          parser.abort();
        }
      },
      complete: () => {
        resolve();
      },
      error: (error: Error) => {
        reject(new AccountCsvError(`${label}: cannot be read (${error.message}). Expected ${COLUMNS_EXPECTED}.`, { cause: error }));
      },
    });
  }).finally(() => stream.destroy());
  if (failure !== undefined) throw failure;
}

const withoutBom = (cells: string[]): string[] => (cells[0]?.startsWith(BOM) ? [cells[0].slice(1), ...cells.slice(1)] : cells);

async function checkReadable(path: string, label: string): Promise<void> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new AccountCsvError(`${label}: is a folder; expected a CSV file with ${COLUMNS_EXPECTED}.`);
  } catch (error) {
    if (error instanceof AccountCsvError) throw error;
    const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? String(error)})`;
    throw new AccountCsvError(`${label}: ${what}. Give the path of a CSV export with ${COLUMNS_EXPECTED}.`, { cause: error });
  }
}
