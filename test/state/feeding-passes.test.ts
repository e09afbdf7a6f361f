import { afterEach, describe, expect, it } from 'vitest';
import { FEEDING_LIFETIME_MS, FeedingPasses } from '../../src/state/feeding-passes.js';
import { testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let current: TestWorkspace | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

const vendorAccounts = { connectionId: 'vendor', object: 'account' as const };
const northwindDeals = { connectionId: 'northwind', object: 'opportunity' as const };
const northwind = { connectionId: 'northwind', object: 'account' as const };
const globex = { connectionId: 'globex', object: 'account' as const };
const vendorDeals = { connectionId: 'vendor', object: 'opportunity' as const };

describe('passes feeding a target', () => {
  it('given passes routing into targets, then each target is fed until every pass feeding it has ended, and an ending pass names every target its source feeds', async () => {
    const ws = (current = await testWorkspace());
    const feeding = new FeedingPasses(ws.redis, ws.prefix);
    expect(await feeding.live('northwind', 'account')).toBe(false);

    await feeding.feed(vendorAccounts, [northwind], 'job-1');
    await feeding.feed(vendorAccounts, [globex], 'job-1');
    await feeding.feed(northwindDeals, [vendorDeals], 'job-2');
    expect(await feeding.live('northwind', 'account')).toBe(true);
    expect(await feeding.live('globex', 'account')).toBe(true);
    expect(await feeding.live('vendor', 'opportunity')).toBe(true);
    expect(await feeding.live('northwind', 'opportunity')).toBe(false);

    const ended = await feeding.done(vendorAccounts, 'job-1');
    expect(ended.sort((a, b) => a.connectionId.localeCompare(b.connectionId))).toEqual([globex, northwind]);
    expect(await feeding.live('northwind', 'account')).toBe(false);
    expect(await feeding.live('globex', 'account')).toBe(false);
    expect(await feeding.live('vendor', 'opportunity')).toBe(true);

    // A later pass of the source that routes nothing still names its targets (a died attempt's held records).
    expect(await feeding.done(vendorAccounts, 'job-3')).toHaveLength(2);
    expect(await feeding.done({ connectionId: 'globex', object: 'account' }, 'job-4')).toEqual([]);
  });

  it('given two passes feeding one target, then it stays fed until both end', async () => {
    const ws = (current = await testWorkspace());
    const feeding = new FeedingPasses(ws.redis, ws.prefix);
    await feeding.feed(vendorAccounts, [northwind], 'job-1');
    await feeding.feed(vendorAccounts, [northwind], 'job-2');
    await feeding.done(vendorAccounts, 'job-2');
    expect(await feeding.live('northwind', 'account')).toBe(true);
    await feeding.done(vendorAccounts, 'job-1');
    expect(await feeding.live('northwind', 'account')).toBe(false);
  });

  it('given a pass that died without ending, then it feeds no more once a lifetime has passed since its last page, and leaves with the next pass\'s page', async () => {
    const ws = (current = await testWorkspace());
    const feeding = new FeedingPasses(ws.redis, ws.prefix);
    const then = Date.now() - FEEDING_LIFETIME_MS - 1_000;
    await feeding.feed(vendorAccounts, [northwind], 'died', then);
    expect(await feeding.live('northwind', 'account', then + 1_000)).toBe(true);
    expect(await feeding.live('northwind', 'account')).toBe(false);

    await feeding.feed(vendorAccounts, [northwind], 'job-2');
    const key = `${ws.prefix}:feeding:northwind:account`;
    expect(await ws.redis.zrange(key, 0, -1)).toEqual(['job-2']);
    // The set goes with its passes: it expires a lifetime after the last page.
    expect(await ws.redis.pttl(key)).toBeGreaterThan(FEEDING_LIFETIME_MS - 5_000);
  });
});
