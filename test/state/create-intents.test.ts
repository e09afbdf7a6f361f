import { afterEach, describe, expect, it } from 'vitest';
import { CreateIntents } from '../../src/state/create-intents.js';
import { Tombstones } from '../../src/state/tombstones.js';
import { testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let current: TestWorkspace | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

describe('create intents', () => {
  it('given intents opened twice, then the second opening names only those an earlier attempt left open, and settling records what was made', async () => {
    const ws = (current = await testWorkspace());
    const intents = new CreateIntents(ws.redis, ws.prefix);
    const tombstones = new Tombstones(ws.redis, ws.prefix);
    expect(await intents.open('northwind', 'companies', ['acc_1', 'acc_2'])).toEqual(new Set());
    expect(await intents.open('northwind', 'companies', ['acc_2', 'acc_3'])).toEqual(new Set(['acc_2']));
    // Another connection's object has intents of its own.
    expect(await intents.open('globex', 'companies', ['acc_2'])).toEqual(new Set());

    await intents.settle('northwind', 'companies', ['acc_2'], ['acc_2', 'acc_3']);
    expect(await tombstones.wasCreated('northwind', 'companies', ['acc_1', 'acc_2', 'acc_3'])).toEqual([false, true, false]);
    expect(await intents.openIds('northwind', 'companies')).toEqual(['acc_1']);
    expect(await tombstones.wasCreated('globex', 'companies', ['acc_2'])).toEqual([false]);
  });

  it('given records read back carrying our ids, then only those with an open intent are claimed as created', async () => {
    const ws = (current = await testWorkspace());
    const intents = new CreateIntents(ws.redis, ws.prefix);
    const tombstones = new Tombstones(ws.redis, ws.prefix);
    await intents.open('northwind', 'companies', ['acc_1']);
    expect(await intents.claim('northwind', 'companies', ['acc_1', 'acc_9'])).toBe(1);
    expect(await tombstones.wasCreated('northwind', 'companies', ['acc_1', 'acc_9'])).toEqual([true, false]);
    expect(await intents.openIds('northwind', 'companies')).toEqual([]);
    // Claimed once: reading it back again changes nothing.
    expect(await intents.claim('northwind', 'companies', ['acc_1'])).toBe(0);
  });
});
