import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/state/audit-log.js';
import { CursorStore } from '../../src/state/cursor-store.js';
import { IdCrosswalk } from '../../src/state/id-crosswalk.js';
import { contentHash, RecordHashes } from '../../src/state/record-hashes.js';
import { SyncRunLog } from '../../src/state/sync-run-log.js';
import { testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let current: TestWorkspace | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});
async function workspace(): Promise<TestWorkspace> {
  current = await testWorkspace();
  return current;
}

describe('cursor store', () => {
  it('given cursors committed out of order, then the cursor only ever moves forward (ties broken by id)', async () => {
    const ws = await workspace();
    const cursors = new CursorStore(ws.redis, ws.prefix);
    expect(await cursors.get('vendor', 'Account')).toBeUndefined();
    expect(await cursors.advance('vendor', 'Account', { modifiedAt: '2025-01-01T10:00:00.000Z', id: '001B' })).toBe(true);
    expect(await cursors.advance('vendor', 'Account', { modifiedAt: '2025-01-01T10:00:00.000Z', id: '001A' })).toBe(false);
    expect(await cursors.advance('vendor', 'Account', { modifiedAt: '2025-01-01T09:59:59.999Z', id: '001Z' })).toBe(false);
    expect(await cursors.advance('vendor', 'Account', { modifiedAt: '2025-01-01T10:00:00.000Z', id: '001C' })).toBe(true);
    expect(await cursors.get('vendor', 'Account')).toEqual({ modifiedAt: '2025-01-01T10:00:00.000Z', id: '001C' });
    expect(await cursors.get('vendor', 'Account', 'removals')).toBeUndefined();
    await cursors.reset('vendor', 'Account');
    expect(await cursors.get('vendor', 'Account')).toBeUndefined();
  });

  it('given a timestamp not in ISO UTC with milliseconds, then it is refused (string order must be time order)', async () => {
    const ws = await workspace();
    const cursors = new CursorStore(ws.redis, ws.prefix);
    await expect(cursors.advance('vendor', 'Account', { modifiedAt: '2025-01-01T10:00:00Z', id: 'x' })).rejects.toThrow(/milliseconds/);
  });
});

describe('id crosswalk', () => {
  it('given links, then lookups work both ways; a re-link after a merge drops the stale reverse entry', async () => {
    const ws = await workspace();
    const crosswalk = new IdCrosswalk(ws.redis, ws.prefix);
    expect(await crosswalk.link('northwind', 'companies', 'acc-1', '101')).toBe(true);
    expect(await crosswalk.link('northwind', 'companies', 'acc-1', '101')).toBe(false);
    await crosswalk.link('northwind', 'companies', 'acc-2', '102');
    expect(await crosswalk.canonicalIds('northwind', 'companies', ['101', '102', '999'])).toEqual(['acc-1', 'acc-2', undefined]);
    // Company 102 was merged into 101: acc-2 now lives on 101.
    await crosswalk.unlink('northwind', 'companies', '102');
    await crosswalk.link('northwind', 'companies', 'acc-2', '101');
    expect(await crosswalk.crmIds('northwind', 'companies', ['acc-1', 'acc-2'])).toEqual([undefined, '101']);
    expect(await crosswalk.canonicalIds('northwind', 'companies', ['101', '102'])).toEqual(['acc-2', undefined]);
  });
});

describe('record hashes', () => {
  it('given the same values in another key order, then the hash is the same; a changed value changes it', () => {
    const a = contentHash({ name: 'Acme', amount: { amount: 1, currency: 'USD' }, note: undefined });
    expect(contentHash({ amount: { currency: 'USD', amount: 1 }, name: 'Acme' })).toBe(a);
    expect(contentHash({ name: 'Acme', amount: { amount: 2, currency: 'USD' } })).not.toBe(a);
  });

  it('given stored hashes, then they read back per record and forget clears both kinds', async () => {
    const ws = await workspace();
    const hashes = new RecordHashes(ws.redis, ws.prefix);
    await hashes.set('seen', 'vendor', 'Account', new Map([['001A', 'h1'], ['001B', 'h2']]));
    await hashes.set('written', 'vendor', 'Account', new Map([['001A', 'w1']]));
    expect(await hashes.get('seen', 'vendor', 'Account', ['001A', '001B', '001C'])).toEqual(['h1', 'h2', undefined]);
    await hashes.forget('vendor', 'Account', ['001A']);
    expect(await hashes.get('seen', 'vendor', 'Account', ['001A'])).toEqual([undefined]);
    expect(await hashes.get('written', 'vendor', 'Account', ['001A'])).toEqual([undefined]);
  });
});

describe('sync run log and audit stream', () => {
  it('given a run counted by two workers, then the counts add up and the run ends with its status', async () => {
    const ws = await workspace();
    const runs = new SyncRunLog(ws.redis, ws.prefix);
    const id = await runs.start('vendor', 'Account', 'schedule');
    await Promise.all([runs.count(id, { read: 200, written: 150, apiCalls: 2 }), runs.count(id, { read: 50, unchanged: 50, apiCalls: 1 })]);
    await runs.finish(id);
    const run = await runs.get(id);
    expect(run).toMatchObject({ status: 'succeeded', connectionId: 'vendor', counts: { read: 250, written: 150, unchanged: 50, failed: 0, apiCalls: 3 } });
    expect(run?.endedAt).toBeDefined();
    const failed = await runs.start('northwind', 'companies', 'manual');
    await runs.finish(failed, { error: 'CRM outage' });
    expect((await runs.latest()).map((r) => `${r.connectionId}:${r.status}`)).toEqual(['northwind:failed', 'vendor:succeeded']);
  });

  it('given audit entries, then they read back newest first with who, what, when and why', async () => {
    const ws = await workspace();
    const audit = new AuditLog(ws.redis, ws.prefix);
    await audit.append([{ who: 'engine', what: 'write northwind companies 101', why: 'vendor change', refs: { canonicalId: 'acc-1' } }]);
    await audit.append([{ who: 'admin:ops', what: 'replay dlq entry', why: 'mapping fixed' }]);
    const [latest, first] = await audit.latest();
    expect(latest).toMatchObject({ who: 'admin:ops', what: 'replay dlq entry' });
    expect(first).toMatchObject({ who: 'engine', refs: { canonicalId: 'acc-1' } });
    expect(Date.parse(first?.at ?? '')).not.toBeNaN();
  });
});
