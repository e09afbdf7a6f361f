import { afterEach, describe, expect, it } from 'vitest';
import { PendingWrites } from '../../src/state/pending-writes.js';
import { testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let ws: TestWorkspace;
afterEach(async () => {
  await ws.cleanup();
});

describe('pending writes', () => {
  it('given changes marked over time, then batches come oldest first and repeated marks keep one entry', async () => {
    ws = await testWorkspace();
    const pending = new PendingWrites(ws.redis, ws.prefix);
    await pending.mark('northwind', 'companies', ['a', 'b'], 1000);
    await pending.mark('northwind', 'companies', ['c', 'a'], 2000);
    expect(await pending.count('northwind', 'companies')).toBe(3);
    expect((await pending.peek('northwind', 'companies', 2)).map((r) => r.canonicalId)).toEqual(['a', 'b']);
  });

  it('given ids marked in one call, then they wait in the order given, after those marked earlier, whatever their text', async () => {
    ws = await testWorkspace();
    const pending = new PendingWrites(ws.redis, ws.prefix);
    const now = Date.UTC(2026, 10, 29, 12);
    const first = Array.from({ length: 1_500 }, (_, i) => `k${String((i * 7_919) % 1_500).padStart(4, '0')}`);
    await pending.mark('northwind', 'companies', first, now);
    await pending.mark('northwind', 'companies', ['a0', 'a1'], now + 1);
    const waiting = (await pending.peek('northwind', 'companies', 2_000)).map((r) => r.canonicalId);
    expect(waiting).toEqual([...first, 'a0', 'a1']);
  });

  it('given records a pass is already writing, then the next batch is the oldest of the others, full', async () => {
    ws = await testWorkspace();
    const pending = new PendingWrites(ws.redis, ws.prefix);
    await pending.mark('northwind', 'companies', ['a', 'b', 'c', 'd', 'e'], 1000);
    const next = await pending.peek('northwind', 'companies', 2, new Set(['a', 'c']));
    expect(next.map((r) => r.canonicalId)).toEqual(['b', 'd']);
    expect(next.every((r) => r.version === '1')).toBe(true);
    expect(await pending.count('northwind', 'companies')).toBe(5);
  });

  it('given a record changed again while its batch was being written, then acking the batch keeps it waiting', async () => {
    ws = await testWorkspace();
    const pending = new PendingWrites(ws.redis, ws.prefix);
    await pending.mark('northwind', 'companies', ['a', 'b']);
    const batch = await pending.peek('northwind', 'companies', 10);
    await pending.mark('northwind', 'companies', ['b']); // changed during the write
    expect(await pending.ack('northwind', 'companies', batch)).toBe(1);
    expect((await pending.peek('northwind', 'companies', 10)).map((r) => r.canonicalId)).toEqual(['b']);
  });

  it('given a batch that was never acked (worker killed), then the records are still waiting for the next flush', async () => {
    ws = await testWorkspace();
    const pending = new PendingWrites(ws.redis, ws.prefix);
    await pending.mark('globex', 'Account', ['x', 'y']);
    await pending.peek('globex', 'Account', 10); // taken by a worker that then died
    expect(await pending.count('globex', 'Account')).toBe(2);
  });
});
