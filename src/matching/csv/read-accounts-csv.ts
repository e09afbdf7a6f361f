import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { AccountRecord } from '../account-record.js';
import { AccountColumns, COLUMNS_EXPECTED } from './account-columns.js';
import { AccountCsvError } from './account-csv-error.js';

/** What reading a file found besides its records. */
export interface AccountsCsvSummary {
  records: number;
  /** Data rows (1 = the first row after the header) that had no id and were left out. */
  rowsWithoutId: number[];
}

const READ_CHUNK = 1 << 20;

/**
 * Streams the accounts of a CSV export (header row, then one account per row) to `onRecord`, so a file of
 * millions of rows is never held whole. `label` names the file in errors ("--vendor vendor.csv").
 */
export async function readAccountsCsv(path: string, label: string, onRecord: (record: AccountRecord) => void): Promise<AccountsCsvSummary> {
  await checkReadable(path, label);
  let columns: AccountColumns | undefined;
  let row = 0;
  const rowsWithoutId: number[] = [];
  let records = 0;
  const take = (cells: string[]): void => {
    if (columns === undefined) {
      columns = AccountColumns.fromHeader(cells, label);
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
  const sink = new Writable({
    objectMode: true,
    highWaterMark: 1024,
    write(cells: string[], _encoding, done) {
      guarded(() => { take(cells); }, done);
    },
    writev(chunks, done) {
      guarded(() => { for (const { chunk } of chunks) take(chunk as string[]); }, done);
    },
  });
  try {
    await pipeline(
      createReadStream(path, { highWaterMark: READ_CHUNK }),
      parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }),
      sink,
    );
  } catch (error) {
    if (error instanceof AccountCsvError) throw error;
    if (error instanceof CsvError) throw new AccountCsvError(`${label}: not a readable CSV file (${error.message}). Expected ${COLUMNS_EXPECTED}.`, { cause: error });
    throw error;
  }
  if (columns === undefined) throw new AccountCsvError(`${label}: the file is empty. Expected ${COLUMNS_EXPECTED}.`);
  return { records, rowsWithoutId };
}

/** Reads only the header row, so a wrong file is refused before any long work starts. */
export async function checkAccountsCsvHeader(path: string, label: string): Promise<void> {
  await checkReadable(path, label);
  const parser = createReadStream(path, { highWaterMark: 64 * 1024 }).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, to_line: 1 }));
  try {
    for await (const header of parser) {
      AccountColumns.fromHeader(header as string[], label);
      return;
    }
  } catch (error) {
    if (error instanceof CsvError) throw new AccountCsvError(`${label}: not a readable CSV file (${error.message}). Expected ${COLUMNS_EXPECTED}.`, { cause: error });
    throw error;
  } finally {
    parser.destroy();
  }
  throw new AccountCsvError(`${label}: the file is empty. Expected ${COLUMNS_EXPECTED}.`);
}

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

function guarded(work: () => void, done: (error?: Error | null) => void): void {
  try {
    work();
    done();
  } catch (error) {
    done(error instanceof Error ? error : new Error(String(error)));
  }
}
