import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountCsvError } from '../../src/matching/csv/account-csv-error.js';
import { generateEvaluationSet } from '../../src/matching/evaluation/generate-evaluation-set.js';
import { writeEvaluationSet } from '../../src/matching/evaluation/write-evaluation-set.js';
import { matchAccounts } from '../../src/matching/match-accounts.js';
import { matchCsvFiles } from '../../src/matching/match-csv-files.js';

let folder: string;
beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'cosell-match-files-')); });
afterEach(async () => { await rm(folder, { recursive: true, force: true }); });

describe('matching two CSV files', () => {
  it('given two exports, then the output has the contract columns and the same pairs as matching in memory', async () => {
    const set = generateEvaluationSet({ size: 800, seed: 3 });
    const files = await writeEvaluationSet(set, folder);
    const out = join(folder, 'matches.csv');
    const summary = await matchCsvFiles({ vendorPath: files.vendor, partnerPath: files.partner, output: createWriteStream(out) });
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('vendor_id,partner_id,score,reason');
    const fromFile = lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','));
    const inMemory = matchAccounts(set.vendors, set.partners).map((m) => `${m.vendorId},${m.partnerId},${m.score.toFixed(3)}`);
    expect(fromFile).toEqual(inMemory);
    expect(summary).toMatchObject({ vendorAccounts: set.vendors.length, partnerAccounts: set.partners.length, matchedPairs: inMemory.length });
  });

  it('given files of several batches and repeated vendor ids, then both matching threads together give the in-memory pairs in partner file order', async () => {
    const set = generateEvaluationSet({ size: 9_000, seed: 5 });
    // Later rows under ids seen before replace the earlier ones, on both matching threads alike.
    const repeats = set.vendors.slice(0, 30).map((vendor, i) => ({ id: vendor.id, name: `Renamed Holdings ${String(i)}`, website: `renamed${String(i)}-holdings.com` }));
    const files = await writeEvaluationSet({ ...set, vendors: [...set.vendors, ...repeats] }, folder);
    const out = join(folder, 'matches.csv');
    const summary = await matchCsvFiles({ vendorPath: files.vendor, partnerPath: files.partner, output: createWriteStream(out) });
    const fromFile = (await readFile(out, 'utf8')).trim().split('\n').slice(1);
    const inMemory = matchAccounts([...set.vendors, ...repeats], set.partners).map((m) => `${m.vendorId},${m.partnerId},${m.score.toFixed(3)}`);
    expect(fromFile.map((line) => line.split(',').slice(0, 3).join(','))).toEqual(inMemory);
    expect(inMemory.length).toBeGreaterThan(4_000);
    expect(summary).toMatchObject({ vendorAccounts: set.vendors.length, repeatedVendorIds: 30, partnerAccounts: set.partners.length, matchedPairs: inMemory.length });
  });

  it('given a partner file that is not CSV beyond its header, then matching fails with an AccountCsvError', async () => {
    const vendor = join(folder, 'vendor.csv');
    const partner = join(folder, 'partner.csv');
    await writeFile(vendor, 'id,name\n1,Acme\n');
    await writeFile(partner, 'id,name\n1,"Acme\n');
    const failure = matchCsvFiles({ vendorPath: vendor, partnerPath: partner, output: createWriteStream(join(folder, 'out.csv')) });
    await expect(failure).rejects.toBeInstanceOf(AccountCsvError);
    await expect(failure).rejects.toThrow('partner file');
  });
});
