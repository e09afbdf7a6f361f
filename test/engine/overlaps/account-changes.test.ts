import { afterEach, describe, expect, it } from 'vitest';
import { AccountChanges } from '../../../src/engine/overlaps/account-changes.js';
import { OverlapStore } from '../../../src/engine/overlaps/overlap-store.js';
import { stateKey } from '../../../src/redis/key-prefix.js';
import { testWorkspace, type TestWorkspace } from '../../helpers/test-redis.js';

let ws: TestWorkspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

describe('account changes stream', () => {
  it('given pages of changes, then a reader gets those after its last one, in order, up to the head it saw', async () => {
    ws = await testWorkspace();
    const changes = new AccountChanges(ws.redis, ws.prefix);
    expect(await changes.head()).toBe('0-0');
    await changes.append('vendor', ['acc_1', 'acc_2']);
    const seen = await changes.head();
    await changes.append('globex', ['acc_3']);
    const head = await changes.head();
    await changes.append('vendor', ['acc_4']);
    expect((await changes.readBetween('0-0', head))?.map((c) => [c.connectionId, c.canonicalIds])).toEqual([['vendor', ['acc_1', 'acc_2']], ['globex', ['acc_3']]]);
    expect((await changes.readBetween(seen, head))?.map((c) => c.canonicalIds)).toEqual([['acc_3']]);
    expect(await changes.readBetween(head, head)).toEqual([]);
  });

  it('given a reader whose last change was trimmed away, then it is told to start over instead of missing changes', async () => {
    ws = await testWorkspace();
    const changes = new AccountChanges(ws.redis, ws.prefix);
    await changes.append('vendor', ['acc_1']);
    const old = await changes.head();
    for (let i = 0; i < 5; i += 1) await changes.append('vendor', [`acc_${String(i + 2)}`]);
    await ws.redis.xtrim(stateKey(ws.prefix, 'account-changes'), 'MAXLEN', 2);
    expect(await changes.readBetween(old, await changes.head())).toBeUndefined();
  });
});

describe('overlap store', () => {
  it('given matches replaced, then both directions agree and a lost match leaves nothing behind', async () => {
    ws = await testWorkspace();
    const store = new OverlapStore(ws.redis, ws.prefix);
    const m = (vendorId: string) => ({ vendorId, score: 0.95, reason: 'same domain acme.com' });
    await store.replace('globex', new Map([['p1', { before: [], after: [m('v1')] }], ['p2', { before: [], after: [m('v1'), m('v2')] }]]));
    expect(await store.partnerAccountsOf('globex', ['v1', 'v2', 'v3'])).toEqual([['p1', 'p2'], ['p2'], []]);
    await store.replace('globex', new Map([['p2', { before: [m('v1'), m('v2')], after: [] }]]));
    expect(await store.partnerAccountsOf('globex', ['v1', 'v2'])).toEqual([['p1'], []]);
    expect(await store.matchedPartnerAccounts('globex')).toEqual(['p1']);
    expect(await store.matchesOf('northwind', ['p1'])).toEqual([[]]);
  });
});
