import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { stringify } from 'csv-stringify';
import type { EvaluationSet } from './generate-evaluation-set.js';

/** Paths of an evaluation set written as files. */
export interface EvaluationSetFiles {
  vendor: string;
  partner: string;
  truth: string;
}

/**
 * Writes an evaluation set as the CSV exports `cosell match` reads, shaped as two different CRMs would export:
 * the vendor file has `website`, the partner file `domain`, its columns in another order and extra columns
 * the matcher ignores. `truth.csv` lists the true `vendor_id,partner_id` pairs.
 */
export async function writeEvaluationSet(set: EvaluationSet, folder: string): Promise<EvaluationSetFiles> {
  const files = { vendor: join(folder, 'vendor.csv'), partner: join(folder, 'partner.csv'), truth: join(folder, 'truth.csv') };
  await writeCsv(files.vendor, ['id', 'name', 'website', 'email', 'country', 'state', 'city', 'owner'], set.vendors, (a) => [
    a.id, a.name, a.website ?? '', a.email ?? '', a.country ?? '', a.state ?? '', a.city ?? '', 'Jane Rep',
  ]);
  await writeCsv(files.partner, ['Name', 'Country', 'Domain', 'record_type', 'ID', 'City', 'State', 'Email', 'created_at'], set.partners, (a) => [
    a.name, a.country ?? '', a.website ?? '', 'company', a.id, a.city ?? '', a.state ?? '', a.email ?? '', '2024-05-01',
  ]);
  await writeCsv(files.truth, ['vendor_id', 'partner_id'], set.truth, (pair) => [pair.vendorId, pair.partnerId]);
  return files;
}

async function writeCsv<T>(path: string, header: string[], rows: readonly T[], cells: (row: T) => string[]): Promise<void> {
  const file = createWriteStream(path);
  const csv = stringify({ header: true, columns: header });
  csv.pipe(file);
  for (const row of rows) {
    if (!csv.write(cells(row))) await once(csv, 'drain');
  }
  csv.end();
  await once(file, 'finish');
}
