import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceKeyPrefix } from '../../src/redis/key-prefix.js';
import { fixtureWithOwnWorkspace, type OwnFixtureWorkspace } from '../helpers/fixture-own-workspace.js';
import { runCosell } from '../helpers/run-cosell.js';
import { spawnCosell } from '../helpers/spawn-cosell.js';
import { REDIS_URL } from '../helpers/test-redis.js';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

// The worker and server started here connect to Redis: each runs a copy of its fixture under a workspace id of its
// own (its own key prefix), whose keys are deleted when the test ends.
let workspace: OwnFixtureWorkspace | undefined;
afterEach(async () => {
  await workspace?.cleanup();
  workspace = undefined;
});

describe('cosell command line', () => {
  it('given --version, then it prints the package version and exits 0', async () => {
    const result = await runCosell(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('given --help, then it lists the working commands', async () => {
    const result = await runCosell(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['config', 'mappings', 'worker', 'serve', 'dlq']) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('given an unknown command, then it exits 2 with a usage hint', async () => {
    const result = await runCosell(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });

  it('given the example workspace with --skip-env, then config validate says it is valid and exits 0', async () => {
    const result = await runCosell(['config', 'validate', 'examples/cosell.yaml', '--skip-env']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('examples/cosell.yaml is valid.');
    expect(result.stdout).toContain('northwind (si, hubspot)');
  });

  it('given the example workspace without its environment, then config validate lists each missing variable and exits 2', async () => {
    const result = await runCosell(['config', 'validate', 'examples/cosell.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(8 problems)');
    expect(result.stderr).toContain('examples/cosell.yaml:40:16  partners[0].connection.auth.token');
  });

  it('given $COSELL_CONFIG and no argument, then config validate reads that file', async () => {
    const result = await runCosell(['config', 'validate', '--skip-env'], {
      COSELL_CONFIG: 'test/fixtures/config/broken/bad-sharing.yaml',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad-sharing.yaml is not a valid configuration (2 problems)');
    expect(result.stderr).not.toContain('    at '); // no stack trace for bad input
  });

  it('given a broken workspace, then cosell worker refuses to start, listing the problems, exit 2', async () => {
    const result = await runCosell(['worker', '--config', 'test/fixtures/config/broken/bad-schedules.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(6 problems)');
  });

  it('given a bad --shutdown-timeout, then cosell worker says what it expected, exit 2', async () => {
    const result = await runCosell(
      ['worker', '--config', 'test/fixtures/config/valid-minimal.yaml', '--shutdown-timeout', 'soon'],
      { SOLO_HUBSPOT_TOKEN: 'pat-test-value' },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--shutdown-timeout "soon": expected a duration like 30s or 2m');
  });

  it('given a workspace without a server section, then cosell serve says what to add, exit 2', async () => {
    const result = await runCosell(['serve', '--config', 'test/fixtures/config/valid-minimal.yaml'], {
      SOLO_HUBSPOT_TOKEN: 'pat-test-value',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('server: expected a server section with admin');
  });

  it('given a server section, then cosell serve listens, answers /healthz, and exits 0 on SIGTERM', async () => {
    workspace = await fixtureWithOwnWorkspace('test/fixtures/config/valid-server.yaml');
    const serve = spawnCosell(['serve', '--config', workspace.file], {
      SOLO_HUBSPOT_TOKEN: 'pat-test-value',
      SERVE_TEST_ADMIN_PASSWORD: 'admin-pw-123',
    });
    const listening = await serve.waitForLog('server listening');
    const health = await fetch(`${String(listening.address)}/healthz`);
    expect(health.status).toBe(200);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });

  it('given a valid workspace, then cosell worker starts, logs its queues and prefix, and exits 0 on SIGTERM', async () => {
    workspace = await fixtureWithOwnWorkspace('test/fixtures/config/valid-minimal.yaml');
    const worker = spawnCosell(['worker', '--config', workspace.file], {
      SOLO_HUBSPOT_TOKEN: 'pat-test-value',
    });
    const started = await worker.waitForLog('worker started');
    expect(workspace.id).toMatch(/^solo-[0-9a-f]{8}$/);
    expect(started.prefix).toBe(`{cosell:${workspace.id}}`);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  it('given the shipped mappings, then cosell mappings validate lists them and exits 0', async () => {
    const result = await runCosell(['mappings', 'validate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('mappings: 9 mappings valid.');
    expect(result.stdout).toContain('salesforce/Opportunity ⇄ opportunity');
  });

  it('given broken mappings, then cosell mappings validate lists every problem and exits 2', async () => {
    const result = await runCosell(['mappings', 'validate', 'test/fixtures/mappings/broken']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('are not valid (15 problems)');
  });

  it('given invalid mappings, then cosell worker refuses to start, listing them, exit 2, with nothing written to Redis', async () => {
    workspace = await fixtureWithOwnWorkspace('test/fixtures/config/valid-minimal.yaml');
    const result = await runCosell(['worker', '--config', workspace.file, '--mappings', 'test/fixtures/mappings/broken'], {
      SOLO_HUBSPOT_TOKEN: 'pat-test-value',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('are not valid (15 problems)');
    // The mappings are checked before connecting: the workspace's state version is not claimed, no queue made.
    const redis = new Redis(REDIS_URL);
    try {
      expect(await redis.keys(`${workspaceKeyPrefix(workspace.id)}*`)).toEqual([]);
    } finally {
      await redis.quit();
    }
  });
});
