import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiUsageStore } from '../../../connectors/shared/api-usage-store.js';
import { BudgetExhaustedError } from '../../../connectors/shared/deferral-errors.js';
import { RequestWindowLimiter } from '../../../connectors/shared/request-window-limiter.js';
import { SharedTokenStore, type StoredToken } from '../../../connectors/shared/shared-token-store.js';
import { stateKey } from '../../../src/redis/key-prefix.js';
import { REDIS_URL, testWorkspace, type TestWorkspace } from '../../helpers/test-redis.js';

let ws: TestWorkspace;
const extra: Redis[] = [];
afterEach(async () => {
  for (const redis of extra.splice(0)) await redis.quit();
  await ws.cleanup();
});

/** A second connection, standing in for another worker process. */
function otherProcess(): Redis {
  const redis = new Redis(REDIS_URL);
  extra.push(redis);
  return redis;
}

describe('request window limiter', () => {
  it('given two processes sharing a limit of 10 per window, then exactly 10 calls get a slot and the rest are told how long to wait', async () => {
    ws = await testWorkspace();
    const key = stateKey(ws.prefix, 'limit', 'northwind', '10s');
    const a = new RequestWindowLimiter(ws.redis, key, { max: 10, windowMs: 10_000 });
    const b = new RequestWindowLimiter(otherProcess(), key, { max: 10, windowMs: 10_000 });
    const now = Date.now();
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).tryTake(now)));
    expect(results.filter((taken) => taken.slot !== undefined)).toHaveLength(10);
    for (const taken of results.filter((t) => t.slot === undefined)) expect(taken.waitMs).toBeGreaterThan(9_000);
    // Once the window and its edge margin have passed, slots free up again; not before.
    expect((await a.tryTake(now + 10_010)).waitMs).toBeGreaterThan(0);
    expect((await a.tryTake(now + 10_021)).waitMs).toBe(0);
  });

  it('given a call answered well after its slot was taken, then its slot is held for a whole window from the answer', async () => {
    ws = await testWorkspace();
    const limiter = new RequestWindowLimiter(ws.redis, stateKey(ws.prefix, 'limit', 'northwind', '10s'), { max: 1, windowMs: 10_000 });
    const now = Date.now();
    const slow = await limiter.tryTake(now);
    // The call reached the CRM at some moment up to its answer, 600 ms after the slot: the CRM counts it until
    // then plus a window.
    await limiter.answered(slow.slot ?? '', now + 600);
    expect((await limiter.tryTake(now + 10_100)).waitMs).toBeGreaterThan(500);
    expect((await limiter.tryTake(now + 10_621)).waitMs).toBe(0);
  });

  it('given four processes calling as fast as slots free, each call in flight up to 150 ms, then no call can meet more than the limit in a CRM window', async () => {
    ws = await testWorkspace();
    const key = stateKey(ws.prefix, 'limit', 'northwind', 'short');
    const limit = { max: 4, windowMs: 500 };
    const limiters = [ws.redis, otherProcess(), otherProcess(), otherProcess()].map((redis) => new RequestWindowLimiter(redis, key, limit));
    const calls: { taken: number; answered: number }[] = [];
    const until = Date.now() + 2_000;
    await Promise.all(
      limiters.map(async (limiter) => {
        while (Date.now() < until) {
          // take()'s loop, keeping the time the slot was counted from.
          let taken = Date.now();
          let result = await limiter.tryTake(taken);
          while (result.slot === undefined) {
            await sleep(result.waitMs);
            taken = Date.now();
            result = await limiter.tryTake(taken);
          }
          const slot = result.slot;
          await sleep(Math.random() * 150);
          const answered = Date.now();
          await limiter.answered(slot, answered);
          calls.push({ taken, answered });
        }
      }),
    );
    expect(calls.length).toBeGreaterThan(limit.max * 3);
    // The CRM counts a call when it arrives, at some moment between its slot and its answer. Each call must
    // find fewer than the limit of earlier calls that may still be in the CRM's window when it arrives.
    for (const call of calls) {
      const earlier = calls.filter((other) => other !== call && other.taken <= call.taken && other.answered > call.taken - limit.windowMs);
      expect(earlier.length).toBeLessThan(limit.max);
    }
  });
});

describe('API usage store', () => {
  it('given usage below the allowed share, then calls go ahead; at the share, they are deferred for an hour', async () => {
    ws = await testWorkspace();
    const key = stateKey(ws.prefix, 'usage', 'vendor');
    const store = new ApiUsageStore(ws.redis, key, 'vendor', 0.8);
    await store.assertAvailable(); // nothing observed yet
    await store.record(7_999, 10_000);
    await store.assertAvailable();
    // Another process observes the newer figure; this one sees it too.
    await new ApiUsageStore(otherProcess(), key, 'vendor', 0.8).record(8_000, 10_000);
    const error = await store.assertAvailable().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExhaustedError);
    expect((error as BudgetExhaustedError).deferMs).toBe(3_600_000);
    expect(await store.budget()).toMatchObject({ used: 8_000, limit: 10_000, allowed: 8_000, window: 'daily' });
  });
});

describe('shared token store', () => {
  it('given five processes that all see the token expire, then exactly one refreshes and all get its token', async () => {
    ws = await testWorkspace();
    const key = stateKey(ws.prefix, 'token', 'vendor');
    await new SharedTokenStore(ws.redis, key).save({ accessToken: 'old', issuedAt: 1 });
    let refreshes = 0;
    const refresh = async (): Promise<StoredToken> => {
      refreshes += 1;
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { accessToken: `new-${refreshes}`, issuedAt: Date.now() };
    };
    const stores = [ws.redis, ...Array.from({ length: 4 }, otherProcess)].map((r) => new SharedTokenStore(r, key));
    const tokens = await Promise.all(stores.map((store) => store.refreshOnce('old', refresh)));
    expect(refreshes).toBe(1);
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(['new-1']));
  });

  it('given a refresh that fails, then the lock is released and the next caller refreshes', async () => {
    ws = await testWorkspace();
    const store = new SharedTokenStore(ws.redis, stateKey(ws.prefix, 'token', 'p1'));
    await expect(store.refreshOnce(undefined, () => Promise.reject(new Error('invalid_grant')))).rejects.toThrow('invalid_grant');
    const token = await store.refreshOnce(undefined, () => Promise.resolve({ accessToken: 'ok', issuedAt: 2 }));
    expect(token.accessToken).toBe('ok');
  });
});

