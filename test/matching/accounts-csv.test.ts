import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountRecord } from '../../src/matching/account-record.js';
import { AccountCsvError } from '../../src/matching/csv/account-csv-error.js';
import { checkAccountsCsvHeader, readAccountsCsv } from '../../src/matching/csv/read-accounts-csv.js';

let folder: string;
beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'cosell-accounts-csv-')); });
afterEach(async () => { await rm(folder, { recursive: true, force: true }); });

async function read(text: string): Promise<{ records: AccountRecord[]; rowsWithoutId: number[] }> {
  const path = join(folder, 'accounts.csv');
  await writeFile(path, text);
  const records: AccountRecord[] = [];
  const summary = await readAccountsCsv(path, 'accounts.csv', (record) => records.push(record));
  return { records, rowsWithoutId: summary.rowsWithoutId };
}

describe('accounts CSV contract', () => {
  it('given columns in any order and letter case with extra columns, then the known ones are read and the rest ignored', async () => {
    const { records } = await read('Owner,NAME,Country,ID,Website,created_at\nJane,"Acme, Inc.",DE,a1, https://acme.de ,2024-01-01\n');
    expect(records).toEqual([{ id: 'a1', name: 'Acme, Inc.', website: 'https://acme.de', domain: undefined, email: undefined, country: 'DE', state: undefined, city: undefined }]);
  });

  it('given a domain column instead of website and all optional columns, then each is read', async () => {
    const { records } = await read('\uFEFFid,name,domain,email,country,state,city\n7,Globex,globex.com,jo@globex.com,US,CA,Oakland\n');
    expect(records[0]).toEqual({ id: '7', name: 'Globex', website: undefined, domain: 'globex.com', email: 'jo@globex.com', country: 'US', state: 'CA', city: 'Oakland' });
  });

  it('given what exports write (CRLF lines, quoted commas, quotes and line breaks, a stray quote, short rows, a semicolon in a value), then each row is read as written', async () => {
    const { records } = await read('id,name,country,city\r\n1,"Smith & Sons, Ltd.",GB,London\r\n2,"The ""Blue"" Company",US,"New\nYork"\r\n3,O\'Brien 5" Tools,IE\r\n4,Acme; Intl,DE,Berlin\r\n');
    expect(records.map((r) => [r.id, r.name, r.country, r.city])).toEqual([
      ['1', 'Smith & Sons, Ltd.', 'GB', 'London'],
      ['2', 'The "Blue" Company', 'US', 'New\nYork'],
      ['3', 'O\'Brien 5" Tools', 'IE', undefined],
      ['4', 'Acme; Intl', 'DE', 'Berlin'],
    ]);
  });

  it('given a header row only, then there are no accounts and no error', async () => {
    expect((await read('id,name\n')).records).toEqual([]);
  });

  it('given rows without an id and blank lines, then those rows are left out and reported', async () => {
    const { records, rowsWithoutId } = await read('id,name\n1,Acme\n\n,No Id\n2,Globex\n');
    expect(records.map((r) => r.id)).toEqual(['1', '2']);
    expect(rowsWithoutId).toEqual([2]);
  });

  it('given a file without the name column, then the error names what is missing, what was found and what to do', async () => {
    await expect(read('id,company,website\n1,Acme,acme.com\n')).rejects.toThrow(
      'accounts.csv: missing required column "name"; found columns "id", "company", "website". Expected a header row with id and name',
    );
    await expect(read('id,company,website\n1,Acme,acme.com\n')).rejects.toBeInstanceOf(AccountCsvError);
  });

  it('given a file without either required column, then both are named', async () => {
    await expect(read('company\nAcme\n')).rejects.toThrow('missing required columns "id" and "name"');
  });

  it('given a missing file, an empty file or a folder, then each error says so', async () => {
    await expect(checkAccountsCsvHeader(join(folder, 'nope.csv'), '--vendor nope.csv')).rejects.toThrow('--vendor nope.csv: no such file.');
    await expect(read('')).rejects.toThrow('accounts.csv: the file is empty.');
    await expect(checkAccountsCsvHeader(folder, 'folder')).rejects.toThrow('folder: is a folder; expected a CSV file');
  });

  it('given a quote never closed, then it is refused as unreadable CSV', async () => {
    await expect(read('id,name\n1,"Acme\n')).rejects.toThrow(/accounts\.csv: not a readable CSV file \(a quoted field is not closed, row 2\)/);
  });
});
