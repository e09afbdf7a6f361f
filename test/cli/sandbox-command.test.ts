import { spawn } from 'node:child_process';
import { Client } from '@hubspot/api-client';
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { runCosell } from '../helpers/run-cosell.js';

/** Starts `cosell sandbox`, resolves with its output once it says Ready, and a stop function. */
async function startSandboxCommand(args: string[]): Promise<{ output: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sandbox', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready.')) resolve();
    });
    void exited.then(() => {
      reject(new Error(`cosell sandbox exited early: ${errors}`));
    });
  });
  return { output, stop: () => (child.kill('SIGTERM'), exited) };
}

const field = (output: string, label: string): string => new RegExp(`${label}:\\s+(\\S+)`).exec(output)?.[1] ?? '';

describe('cosell sandbox', () => {
  it('given both CRMs, then it prints URLs and credentials the real clients log in with, serves record pages, and stops on SIGTERM', async () => {
    const sandbox = await startSandboxCommand(['--crm', 'both', '--companies', '30', '--seed', '3']);
    try {
      const { output } = sandbox;
      expect(output).toMatch(/Salesforce sandbox: http:\/\/127\.0\.0\.1:\d+ +\(30 accounts/);
      expect(output).toMatch(/HubSpot sandbox: http:\/\/127\.0\.0\.1:\d+ +\(portal \d+: 30 companies/);
      const loginUrl = field(output, 'loginUrl');
      const conn = new jsforce.Connection({ loginUrl, version: '62.0' });
      await conn.login(field(output, 'username'), field(output, 'password') + field(output, 'security token'));
      expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(30);
      const baseUrl = field(output, 'baseUrl');
      const hubspot = new Client({ accessToken: field(output, 'access token'), basePath: baseUrl });
      const companies = await hubspot.crm.companies.basicApi.getPage(100, undefined, ['name']);
      expect(companies.results).toHaveLength(30);
      const list = await (await fetch(`${baseUrl}/sandbox/records/companies`)).text();
      const first = companies.results[0];
      expect(list).toContain(`/sandbox/records/companies/${first?.id ?? ''}`);
      const page = await fetch(`${baseUrl}/sandbox/records/companies/${first?.id ?? ''}`);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<h2>Associations</h2>');
    } finally {
      expect(await sandbox.stop()).toBe(0);
    }
  });

  it('given an unknown CRM, then it says what it expected and exits 2', async () => {
    const result = await runCosell(['sandbox', '--crm', 'pipedrive']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--crm "pipedrive": expected salesforce, hubspot or both');
  });
});
