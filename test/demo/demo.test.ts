import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDemo, type RunningDemo } from '../../src/demo/run-demo.js';
import { workspaceKeyPrefix } from '../../src/redis/key-prefix.js';
import { STATE_VERSION } from '../../src/state/state-version.js';
import { runCosell } from '../helpers/run-cosell.js';
import { deleteKeys, testWorkspace } from '../helpers/test-redis.js';

const dirs: string[] = [];
let running: RunningDemo | undefined;
afterEach(async () => {
  await running?.stop();
  if (running) {
    const ws = await testWorkspace();
    await deleteKeys(ws.redis, `${workspaceKeyPrefix(running.workspace.workspace.id)}*`);
    await ws.cleanup();
  }
  running = undefined;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cosell-demo-'));
  dirs.push(dir);
  return dir;
}

describe('cosell demo', () => {
  it('given --once, then it seeds three sandbox CRMs, syncs through the queues twice, prints the summary and exits 0', async () => {
    const dir = await scratch();
    const id = `demo-cli-${String(process.pid)}`;
    const result = await runCosell(['demo', '--once', '--companies', '80', '--port', '0', '--dir', dir, '--workspace', id]);
    const ws = await testWorkspace();
    await deleteKeys(ws.redis, `${workspaceKeyPrefix(id)}*`);
    await ws.cleanup();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/vendor +Salesforce +http:\/\/127\.0\.0\.1:\d+/);
    // 80 copies (share: all) and the vendor's status on northwind's own accounts that are vendor accounts too.
    expect(result.stdout).toMatch(/northwind +account +read +\d+ +wrote +(8\d|9\d|1\d\d) /);
    expect(result.stdout).toMatch(/globex +\d+ of its \d+ accounts are vendor accounts; /);
    expect(result.stdout).toMatch(/whom to call: .+ \(vendor\) ⇄ .+ \(globex\)/);
    expect(result.stdout).toMatch(/written back: [1-9]\d* vendor accounts got their partners/);
    expect(result.stdout).toContain('0 records written (nothing changed');
    expect(result.stdout).toContain('dead letters: 0');
    expect(result.stdout).toMatch(new RegExp(`State in Redis under \\{cosell:[a-z0-9-]+\\}, layout version ${String(STATE_VERSION)} `));
    expect(result.stdout).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\/admin\/queues \(user admin, password \S+\)/);
    const file = await readFile(join(dir, 'cosell.yaml'), 'utf8');
    expect(file).toContain('env: COSELL_DEMO_VENDOR_SF_PASSWORD');
    expect(file).not.toMatch(/password: [^{\n]*[A-Za-z0-9]{8}/);
  });

  it('given a running demo, then the partner sharing everything holds the vendor accounts it may see, the one sharing overlaps holds none of them', async () => {
    const dir = await scratch();
    const lines: string[] = [];
    running = await runDemo({ once: true, companies: 60, seed: 3, port: 0, redisUrl: 'redis://127.0.0.1:6379', workspaceId: `demo-run-${String(process.pid)}`, mappingsDir: 'mappings', dir, cycleTimeoutMs: 60_000, print: (line) => lines.push(line) });
    const { vendor, northwind, globex } = running.sandboxes;
    const vendorNames = new Set(vendor.store.query('SELECT Name FROM Account').map((r) => String(r.Name)));
    // Copies the engine created: an engine id and no seed key (the partner's own companies have one).
    const shared = [...northwind.portal.stores.companies.all()].filter((c) => c.properties.get('cosell_id')?.startsWith('acc_') && !c.properties.get('seed_key'));
    expect(shared).toHaveLength(60);
    expect(shared.every((c) => vendorNames.has(String(c.properties.get('name'))))).toBe(true);
    expect(shared.some((c) => c.properties.get('industry'))).toBe(false); // not in northwind's field allowlist
    expect(globex.store.query("SELECT Id FROM Account WHERE Cosell_Id__c LIKE 'acc_%' AND Seed_Key__c = null")).toEqual([]);
    expect(lines.some((line) => line.startsWith('Dashboard: '))).toBe(true);
    const response = await fetch(running.dashboardUrl);
    expect(response.status).toBe(401);
  });

  it('given the partner directory in the vendor CRM, then each partner CRM shows its program standing on the vendor account, and a directory change reaches it on the next cycle', async () => {
    const dir = await scratch();
    running = await runDemo({ once: true, companies: 20, seed: 4, port: 0, redisUrl: 'redis://127.0.0.1:6379', workspaceId: `demo-program-${String(process.pid)}`, mappingsDir: 'mappings', dir, cycleTimeoutMs: 60_000, print: () => undefined });
    const { vendor, northwind, globex } = running.sandboxes;
    const program = () => northwind.portal.stores.companies.getByUnique('cosell_id', 'vendor-program-northwind');
    expect(program()?.properties.get('name')).toBe('Acme Cloud');
    expect(program()?.properties.get('cosell_program_tier')).toBe('gold');
    expect(program()?.properties.get('cosell_program_certifications')).toBe('Cloud Architect, Migration Partner');
    expect(globex.store.query("SELECT Name, Cosell_Program_Tier__c, Cosell_Program_Status__c FROM Account WHERE Cosell_Id__c = 'vendor-program-globex'")).toMatchObject([{ Name: 'Acme Cloud', Cosell_Program_Tier__c: 'platinum', Cosell_Program_Status__c: 'active' }]);

    const [northwindRecord] = vendor.store.query("SELECT Id FROM Partner__c WHERE Name = 'Northwind Consulting'");
    vendor.clock.advance(1_000);
    vendor.store.update('Partner__c', String(northwindRecord?.Id), { Tier__c: 'Platinum', Status__c: 'Suspended' });
    await running.cycle();
    expect(program()?.properties.get('cosell_program_tier')).toBe('platinum');
    expect(program()?.properties.get('cosell_program_status')).toBe('suspended');
  });

  it('given two vendor accounts merged in Salesforce, then the partner copy of the merged-away one is deleted and the merge is kept as an alias', async () => {
    const dir = await scratch();
    running = await runDemo({ once: true, companies: 30, seed: 5, port: 0, redisUrl: 'redis://127.0.0.1:6379', workspaceId: `demo-merge-${String(process.pid)}`, mappingsDir: 'mappings', dir, cycleTimeoutMs: 60_000, print: () => undefined });
    const { vendor, northwind } = running.sandboxes;
    const shared = () => [...northwind.portal.stores.companies.all()].filter((c) => !c.archived && c.properties.get('cosell_id')?.startsWith('acc_') && !c.properties.get('seed_key'));
    expect(shared()).toHaveLength(30);
    const [master, loser] = vendor.store.query('SELECT Id, Name, Cosell_Id__c FROM Account ORDER BY Name LIMIT 2');
    const loserName = String(loser?.Name);
    vendor.clock.advance(2_000);
    vendor.store.merge('Account', String(master?.Id), [String(loser?.Id)]);
    await running.cycle();
    const names = shared().map((c) => c.properties.get('name'));
    expect(names).toHaveLength(29);
    expect(names).not.toContain(loserName);
    expect(names).toContain(String(master?.Name));
    const ws = await testWorkspace();
    const aliases = await ws.redis.hgetall(`${workspaceKeyPrefix(running.workspace.workspace.id)}:merged:account`);
    await ws.cleanup();
    expect(Object.keys(aliases)).toHaveLength(1);
    expect(Object.values(aliases)[0]).toMatch(/^acc_/);
  });

  it('given a size it cannot make, then it says what it expected and exits 2', async () => {
    const result = await runCosell(['demo', '--once', '--companies', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--companies "0": expected a whole number from 1 to 1,000,000');
  });
});
