import { afterEach, describe, expect, it } from 'vitest';
import { WriteLock, WritePassBusyError } from '../../src/engine/write-lock.js';
import { testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let ws: TestWorkspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('WriteLock', () => {
  it('given a holder, then a second one is refused with a deferral until the first releases', async () => {
    ws = await testWorkspace();
    const first = new WriteLock(ws.redis, ws.prefix, 'account-mapping', 'accounts');
    const second = new WriteLock(ws.redis, ws.prefix, 'account-mapping', 'accounts');
    await first.acquire(250);
    await expect(second.acquire(250)).rejects.toBeInstanceOf(WritePassBusyError);
    await first.release();
    await second.acquire(250);
    // Releasing a lock another holder has now takes nothing from it.
    await first.release();
    await expect(first.acquire(250)).rejects.toBeInstanceOf(WritePassBusyError);
  });

  it('given work longer than the lock lives, then keepAlive holds it the whole time and lets go when stopped', async () => {
    ws = await testWorkspace();
    const holder = new WriteLock(ws.redis, ws.prefix, 'account-mapping', 'accounts', 300);
    const other = new WriteLock(ws.redis, ws.prefix, 'account-mapping', 'accounts', 300);
    await holder.acquire(250);
    let lost = 0;
    const held = holder.keepAlive(() => (lost += 1));
    // Three lifetimes of the lock: without keepAlive, another would take it after the first.
    for (let step = 0; step < 6; step += 1) {
      await sleep(150);
      await expect(other.acquire(250)).rejects.toBeInstanceOf(WritePassBusyError);
    }
    held.stop();
    await sleep(400);
    await other.acquire(250);
    expect(lost).toBe(0);
  });

  it('given the lock expired while its holder stalled and another took it, then keepAlive says so once and does not take it back', async () => {
    ws = await testWorkspace();
    const holder = new WriteLock(ws.redis, ws.prefix, 'account-mapping', 'accounts', 300);
    const other = new WriteLock(ws.redis, ws.prefix, 'account-mapping', 'accounts', 60_000);
    await holder.acquire(250);
    // The key is lost (a stall past its life, a Redis restart) and another process takes the lock.
    await ws.redis.del(`${ws.prefix}:writelock:account-mapping:accounts`);
    await other.acquire(250);
    let lost = 0;
    const held = holder.keepAlive(() => (lost += 1));
    await sleep(450);
    held.stop();
    expect(lost).toBe(1);
    expect(await holder.extend()).toBe(false);
    expect(await other.extend()).toBe(true);
  });
});
