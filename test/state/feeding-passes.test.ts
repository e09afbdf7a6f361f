import { afterEach, describe, expect, it } from 'vitest';
import { FEEDING_LIFETIME_MS, FeedingPasses } from '../../src/state/feeding-passes.js';
import { testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let current: TestWorkspace | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

const northwind = { connectionId: 'northwind', object: 'account' as const };
const vendorDeals = { connectionId: 'vendor', object: 'opportunity' as const };

describe('passes feeding a target', () => {
  it('given a pass routing into targets, then they are fed until it ends, each target on its own, and until every pass feeding it has ended', async () => {
    const ws = (current = await testWorkspace());
    const feeding = new FeedingPasses(ws.redis, ws.prefix);
    expect(await feeding.live('northwind', 'account')).toBe(false);

    await feeding.feed([northwind], 'run-1');
    await feeding.feed([northwind, vendorDeals], 'run-2');
    expect(await feeding.live('northwind', 'account')).toBe(true);
    expect(await feeding.live('vendor', 'opportunity')).toBe(true);
    expect(await feeding.live('northwind', 'opportunity')).toBe(false);

    await feeding.done([northwind, vendorDeals], 'run-2');
    expect(await feeding.live('vendor', 'opportunity')).toBe(false);
    expect(await feeding.live('northwind', 'account')).toBe(true);
    await feeding.done([northwind], 'run-1');
    expect(await feeding.live('northwind', 'account')).toBe(false);
  });

  it('given a pass that died without ending, then it feeds no more once a lifetime has passed since its last page, and leaves with the next pass\'s page', async () => {
    const ws = (current = await testWorkspace());
    const feeding = new FeedingPasses(ws.redis, ws.prefix);
    const then = Date.now() - FEEDING_LIFETIME_MS - 1_000;
    await feeding.feed([northwind], 'died', then);
    expect(await feeding.live('northwind', 'account', then + 1_000)).toBe(true);
    expect(await feeding.live('northwind', 'account')).toBe(false);

    await feeding.feed([northwind], 'run-2');
    const key = `${ws.prefix}:feeding:northwind:account`;
    expect(await ws.redis.zrange(key, 0, -1)).toEqual(['run-2']);
    // The set goes with its passes: it expires a lifetime after the last page.
    expect(await ws.redis.pttl(key)).toBeGreaterThan(FEEDING_LIFETIME_MS - 5_000);
  });
});
