import { describe, expect, it } from 'vitest';
import { runTypeScript, type CliResult } from '../helpers/run-cosell.js';

const FIXTURE = 'test/fixtures/cli/help-every-command.ts';

function runFixture(args: string[]): Promise<CliResult> {
  return runTypeScript(FIXTURE, args);
}

// Every `cosell` run pays for what its command modules import up front; each command imports its implementation
// only when its action runs, so help and light commands (match, config validate) start quickly.
describe('cosell start-up', () => {
  it('given --help of the program and of every command, then none of them loads a package but commander (no Redis, queues, servers, CRM clients, parsers)', async () => {
    const result = await runFixture([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('help shown: cosell, ');
    for (const command of ['demo', 'config validate', 'mappings validate', 'worker', 'serve', 'sandbox', 'sync', 'link', 'overlaps', 'dlq list', 'dlq show', 'dlq replay', 'match']) {
      expect(result.stdout).toMatch(new RegExp(`cosell ${command}(,|\\n)`));
    }
  });

  it('given a command implementation imported up front, then the same check fails, naming the package', async () => {
    const result = await runFixture(['src/cli/actions/match.ts']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/\S+ was loaded, imported by file:/);
  });
});
