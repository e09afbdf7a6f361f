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
    expect(results.filter((wait) => wait === 0)).toHaveLength(10);
    for (const wait of results.filter((w) => w > 0)) expect(wait).toBeGreaterThan(9_000);
    // Once the window and its edge margin have passed, slots free up again; not before.
    expect(await a.tryTake(now + 10_050)).toBeGreaterThan(0);
    expect(await a.tryTake(now + 10_101)).toBe(0);
  });

  it('given nonsense limits, then construction says what it expected', async () => {
    ws = await testWorkspace();
    expect(() => new RequestWindowLimiter(ws.redis, 'k', { max: 0, windowMs: 1000 })).toThrow(/whole number ≥ 1/);
    expect(() => new RequestWindowLimiter(ws.redis, 'k', { max: 5, windowMs: 0 })).toThrow(/positive number/);
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

