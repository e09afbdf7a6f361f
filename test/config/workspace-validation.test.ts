import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import type { ConfigProblem } from '../../src/config/config-problem.js';
import { loadWorkspace, parseWorkspace } from '../../src/config/load-workspace.js';
import { Secret } from '../../src/config/secret.js';

const BROKEN = 'test/fixtures/config/broken';
const ENV: Record<string, string> = { T: 'tok-1234567', T2: 'tok-2345678', T3: 'tok-3456789' };
const env = (name: string): string | undefined => ENV[name];

interface Expected {
  path: string;
  line?: number;
  expected: string;
  found: string;
}

/** Every broken file, with every problem it must report (path, line, and words of expected/found). */
const CORPUS: Record<string, Expected[]> = {
  'yaml-syntax.yaml': [
    { path: '(file)', line: 3, expected: 'valid YAML', found: 'compact mappings' },
    { path: '(file)', line: 3, expected: 'valid YAML', found: 'single line' },
    { path: '(file)', line: 6, expected: 'valid YAML', found: 'Flow sequence' },
  ],
  'duplicate-key.yaml': [{ path: '(file)', line: 3, expected: 'valid YAML', found: 'keys must be unique' }],
  'not-a-mapping.yaml': [{ path: '(top level)', line: 1, expected: 'a mapping', found: 'a list of 2' }],
  'empty.yaml': [
    { path: 'version', expected: '1', found: 'missing' },
    { path: 'workspace', expected: 'a mapping', found: 'missing' },
    { path: 'vendor', expected: 'a mapping', found: 'missing' },
  ],
  'wrong-version.yaml': [{ path: 'version', line: 1, expected: 'only format', found: 'number 2' }],
  'bad-persona-and-tier.yaml': [
    { path: 'partners[0].persona', line: 10, expected: '"si" | "isv" | "msp"', found: '"integrator"' },
    { path: 'partners[0].tier', line: 11, expected: "program's tiers: silver | gold", found: '"diamond"' },
    { path: 'partners[0].region', line: 12, expected: "program's regions: emea", found: '"amer"' },
  ],
  'secret-in-clear.yaml': [
    { path: 'vendor.connection.auth.password', line: 10, expected: '{ env: NAME }', found: '"hunter2-in-clear"' },
  ],
  'unknown-keys.yaml': [
    { path: 'workspace.colour', line: 2, expected: 'no such setting', found: 'unknown setting "colour"' },
    { path: 'vendor.connection', line: 4, expected: 'kind "salesforce" or "hubspot"', found: 'missing' },
    { path: 'vendor.conection', line: 5, expected: 'no such setting', found: 'unknown setting "conection"' },
  ],
  'bad-connection-kind.yaml': [
    { path: 'vendor.connection.kind', line: 5, expected: '"salesforce" or "hubspot"', found: '"pipedrive"' },
  ],
  'bad-auth-type.yaml': [
    { path: 'vendor.connection.apiVersion', line: 7, expected: 'in quotes', found: 'number 62' },
    { path: 'vendor.connection.auth.type', line: 8, expected: '"username-password" | "refresh-token"', found: '"jwt"' },
  ],
  'duplicate-partner.yaml': [
    { path: 'partners[1].id', line: 13, expected: 'partners[0] is already "northwind"', found: '"northwind"' },
  ],
  'bad-api-keys.yaml': [
    { path: 'partners[1].apiKey', line: 20, expected: 'partners[0].apiKey already reads PARTNER_API_KEY', found: 'a mapping' },
    { path: 'partners[2].apiKey', line: 27, expected: '{ env: NAME }', found: '"key-written-in-clear"' },
  ],
  'bad-sharing.yaml': [
    { path: 'partners[0].sharing.fields', line: 13, expected: 'share is "overlaps"', found: 'missing' },
    { path: 'partners[1].sharing.share', line: 20, expected: '"nothing" | "counts" | "overlaps"', found: '"everything"' },
  ],
  'bad-schedules.yaml': [
    { path: 'schedules[0].every', line: 9, expected: 'at least 10s', found: '"2s"' },
    { path: 'schedules[1].connection', line: 10, expected: 'a known connection: "vendor"', found: '"nobody"' },
    { path: 'schedules[1].objects[0]', line: 11, expected: '"account" | "opportunity"', found: '"deal"' },
    { path: 'schedules[2].objects[0]', line: 14, expected: 'schedules[0] already polls vendor/account', found: '"account"' },
    { path: 'schedules[2].cron', line: 15, expected: 'cron pattern', found: '"61 * * * *"' },
    { path: 'schedules[3]', line: 16, expected: 'exactly one of "every" or "cron"', found: 'a mapping' },
  ],
  'redis-password-in-url.yaml': [
    { path: 'redis.url', line: 3, expected: 'redis.password as { env: NAME }', found: 's3cret' },
  ],
  'bad-populations.yaml': [
    { path: 'populations.customers', line: 9, expected: 'at least one field to filter on', found: 'a mapping with "colour"' },
    { path: 'populations.customers.colour', line: 9, expected: 'no such setting', found: 'unknown setting "colour"' },
    { path: 'populations.prospects.relationship', line: 10, expected: 'at least one value', found: 'empty' },
    { path: 'populations.Big Ones', line: 11, expected: 'lower-case letters, digits and dashes', found: 'a mapping' },
  ],
  'bad-territories.yaml': [
    { path: 'territories[0].name', line: 9, expected: 'territory name of lower-case letters', found: '"DACH"' },
    { path: 'territories[0].vendorRep.email', line: 11, expected: 'an e-mail address', found: '"lukas-at-acme"' },
    { path: 'territories[0].partnerReps.globex', line: 14, expected: 'a partner id of this workspace: "northwind"', found: 'a mapping' },
    { path: 'territories[1].where', line: 16, expected: 'at least one field to filter on', found: 'an empty mapping' },
  ],
  'bad-ids-and-urls.yaml': [
    { path: 'workspace.id', line: 2, expected: 'lower-case letters', found: '"Acme Cloud"' },
    { path: 'workspace.name', line: 2, expected: 'at least 1 characters', found: '""' },
    { path: 'vendor.connection.loginUrl', line: 7, expected: 'http(s) URL', found: '"login.salesforce.com"' },
    { path: 'vendor.connection.auth.clientSecret', line: 8, expected: '{ env: NAME }', found: 'a mapping with "env"' },
    { path: 'partners[0].id', line: 10, expected: 'reserved for the vendor connection', found: '"vendor"' },
  ],
};

async function problemsOf(file: string): Promise<readonly ConfigProblem[]> {
  try {
    await loadWorkspace(file, { env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`${file} was accepted but should have been refused`);
}

describe('workspace file validation', () => {
  it('given the corpus folder, then every broken file has its expectations listed here', () => {
    expect(readdirSync(BROKEN).sort()).toEqual(Object.keys(CORPUS).sort());
  });

  for (const [name, expectations] of Object.entries(CORPUS)) {
    it(`given ${name}, when loaded, then it is refused with exactly its ${expectations.length} problem(s)`, async () => {
      const problems = await problemsOf(join(BROKEN, name));
      expect(problems).toHaveLength(expectations.length);
      for (const wanted of expectations) {
        const match = problems.find(
          (p) =>
            p.path === wanted.path &&
            p.expected.includes(wanted.expected) &&
            p.found.includes(wanted.found) &&
            (wanted.line === undefined || p.line === wanted.line),
        );
        expect(match, `${name}: ${JSON.stringify(wanted)} in ${JSON.stringify(problems, null, 1)}`).toBeDefined();
        expect(match?.file).toBe(join(BROKEN, name));
      }
    });
  }

  it('given a broken file, then the error message lists every problem with file:line:column', async () => {
    const file = join(BROKEN, 'bad-schedules.yaml');
    const error = await loadWorkspace(file, { env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('(6 problems)');
    expect(message).toContain(`${file}:9:12  schedules[0].every: expected a duration of at least 10s`);
    expect(message.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(6);
  });

  it('given a missing file, then the problem says it cannot be read', async () => {
    const problems = await problemsOf('test/fixtures/config/does-not-exist.yaml');
    expect(problems[0]?.found).toContain('ENOENT');
  });

  it('given the shipped example and its environment, then it loads with secrets resolved', async () => {
    const names = [
      'ACME_SF_CLIENT_SECRET',
      'ACME_SF_REFRESH_TOKEN',
      'NORTHWIND_HUBSPOT_TOKEN',
      'GLOBEX_SF_PASSWORD',
      'GLOBEX_SF_SECURITY_TOKEN',
      'INITECH_HUBSPOT_CLIENT_SECRET',
      'INITECH_HUBSPOT_REFRESH_TOKEN',
    ];
    const workspace = await loadWorkspace('examples/cosell.yaml', { env: (name) => `value-of-${name}` });
    expect(workspace.partners.map((p) => p.id)).toEqual(['northwind', 'globex', 'initech']);
    const auth = workspace.vendor.connection.auth;
    expect(auth.type).toBe('refresh-token');
    if (auth.type !== 'refresh-token') return;
    expect(auth.refreshToken).toBeInstanceOf(Secret);
    expect(auth.refreshToken.reveal()).toBe('value-of-ACME_SF_REFRESH_TOKEN');
    // Every reference in the example is one of the documented variables.
    const serialised = JSON.stringify(workspace);
    for (const name of names) expect(serialised).not.toContain(`value-of-${name}`);
  });

  it('given unset or empty secret variables, then each one is a problem at the line of its reference', async () => {
    const error = await loadWorkspace('examples/cosell.yaml', {
      env: (name) => (name === 'GLOBEX_SF_PASSWORD' ? '' : name === 'ACME_SF_REFRESH_TOKEN' ? undefined : 'x'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const found = (error as ConfigError).problems.map((p) => `${p.line}:${p.path}:${p.found}`);
    expect(found).toEqual([
      '28:vendor.connection.auth.refreshToken:ACME_SF_REFRESH_TOKEN is not set',
      '56:partners[1].connection.auth.password:GLOBEX_SF_PASSWORD is set but empty',
    ]);
  });

  it('given defaults left out, then they are filled in (redis, sharing nothing, log level)', () => {
    const workspace = parseWorkspace(
      'inline.yaml',
      'version: 1\nworkspace: {id: solo, name: Solo}\nvendor: {name: S, connection: {kind: hubspot, auth: {type: private-app, token: {env: X}}}}\n',
      { env: () => 'pat-secret-value' },
    );
    expect(workspace.redis.url).toBe('redis://127.0.0.1:6379');
    expect(workspace.logging.level).toBe('info');
    expect(workspace.vendor.connection.kind === 'hubspot' && workspace.vendor.connection.baseUrl).toBe(
      'https://api.hubapi.com',
    );
  });
});
