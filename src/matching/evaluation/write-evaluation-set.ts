import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import Papa from 'papaparse';
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

/** Rows turned into CSV text at a time: a million rows are never one string. */
const ROWS_PER_WRITE = 10_000;

async function writeCsv<T>(path: string, header: string[], rows: readonly T[], cells: (row: T) => string[]): Promise<void> {
  const file = createWriteStream(path);
  for (let from = 0; from === 0 || from < rows.length; from += ROWS_PER_WRITE) {
    const data = rows.slice(from, from + ROWS_PER_WRITE).map(cells);
    const text = `${Papa.unparse({ fields: header, data }, { header: from === 0, newline: '\n' })}\n`;
    if (!file.write(text)) await once(file, 'drain');
  }
  file.end();
  await once(file, 'finish');
}
