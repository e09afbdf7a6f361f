import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCosell } from '../helpers/run-cosell.js';

let folder: string;
let vendor: string;
let partner: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cosell-match-command-'));
  vendor = join(folder, 'vendor.csv');
  partner = join(folder, 'partner.csv');
  await writeFile(vendor, [
    'id,name,website,country,city,owner',
    'v1,"Acme, Inc.",https://www.acme.com/,US,Austin,Jane',
    'v2,Zentrix Logistik GmbH,,Deutschland,München,Jo',
    'v3,Blue Harbor Consulting,,US,Boston,Al',
    'v4,Alpha Candles,alpha.myshopify.com,US,,Al',
  ].join('\n'));
  await writeFile(partner, [
    'Country,Domain,Name,ID,Email,created_at',
    'US,acme.com/about,ACME INC,p1,,2024-01-01',
    'DE,,Zentrix Logistik,p2,info@gmail.com,2024-01-01',
    'GB,,Blue Harbor Consulting Ltd,p3,,2024-01-01',
    'US,beta.myshopify.com,Beta Soaps,p4,,2024-01-01',
  ].join('\n'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('cosell match', () => {
  it('given two exports and no --out, then the matches go to stdout as CSV and the summary to stderr, exit 0', async () => {
    const result = await runCosell(['match', '--vendor', vendor, '--partner', partner]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'vendor_id,partner_id,score,reason',
      'v1,p1,1.000,same domain acme.com',
      `v2,p2,0.920,"name 'zentrix logistik' = 'zentrix logistik' (1.00), same country DE"`,
    ]);
    expect(result.stdout).not.toContain('p3'); // same name, another country
    expect(result.stdout).not.toContain('p4'); // another shop on the same hosting platform
    expect(result.stderr).toContain('matched 2 of 4 partner accounts to 4 vendor accounts: 2 pairs');
    expect(result.stderr).toMatch(/2 pairs in \d+\.\d s \(peak memory \d+\.\d\d GB\)/);
  });

  it('given --out and --threshold, then the file holds only matches at or above the threshold, exit 0', async () => {
    const out = join(folder, 'matches.csv');
    const result = await runCosell(['match', '--vendor', vendor, '--partner', partner, '--out', out, '--threshold', '0.99']);
    expect(result.code).toBe(0);
    expect((await readFile(out, 'utf8')).trim().split('\n')).toEqual(['vendor_id,partner_id,score,reason', 'v1,p1,1.000,same domain acme.com']);
    expect(result.stdout).toContain(`1 pair in`);
    expect((await readdir(folder)).filter((file) => file.includes('partial'))).toEqual([]);
  });

  it('given a missing file, then it says which and what was expected, exit 2', async () => {
    const result = await runCosell(['match', '--vendor', join(folder, 'nope.csv'), '--partner', partner]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--vendor ${join(folder, 'nope.csv')}: no such file. Give the path of a CSV export with a header row with id and name`);
    expect(result.stderr).not.toContain('    at ');
  });

  it('given a file without a required column, then it names the column and the columns found, exit 2, and writes no output file', async () => {
    const bad = join(folder, 'bad.csv');
    const out = join(folder, 'never.csv');
    await writeFile(bad, 'id,company\n1,Acme\n');
    const result = await runCosell(['match', '--vendor', vendor, '--partner', bad, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--partner ${bad}: missing required column "name"; found columns "id", "company".`);
    await expect(readFile(out)).rejects.toThrow();
  });

  it('given an --out in a folder that does not exist, then it is refused before any work, exit 2', async () => {
    const result = await runCosell(['match', '--vendor', vendor, '--partner', partner, '--out', join(folder, 'missing', 'out.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--out ${join(folder, 'missing', 'out.csv')}: cannot write there (ENOENT)`);
  });

  it('given a threshold that is no score, then it says what it expected, exit 2', async () => {
    const result = await runCosell(['match', '--vendor', vendor, '--partner', partner, '--threshold', 'high']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--threshold "high": expected a score greater than 0 and at most 1, like 0.85');
  });

  it('given --help, then the command documents its options', async () => {
    const result = await runCosell(['match', '--help']);
    expect(result.code).toBe(0);
    for (const option of ['--vendor <file>', '--partner <file>', '--out <file>', '--threshold <score>']) expect(result.stdout).toContain(option);
  });
});
