import { afterEach, describe, expect, it } from 'vitest';
import { moveCanonicalDocuments } from '../../src/state/canonical-layout-move.js';
import { CanonicalStore, canonicalSourceKey } from '../../src/state/canonical-store.js';
import { StateVersionError } from '../../src/state/state-version-error.js';
import { claimStateVersion, STATE_VERSION } from '../../src/state/state-version.js';
import { silentLogger, testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let current: TestWorkspace | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

const document = (name: string, at = '2025-01-01T00:00:00.000Z'): string => JSON.stringify({ m: at, id: `crm-${name}`, v: { name: `'${name}` }, t: { '*': at } });

/** A record as builds before state version 3 kept it: one hash per record, a field per source. */
async function storeEarlier(ws: TestWorkspace, kind: string, id: string, sources: Record<string, string>): Promise<void> {
  const flat = Object.entries(sources).flatMap(([source, doc]) => [`s|${source}`, doc]);
  await ws.redis.hset(`${ws.prefix}:canon:${kind}:${id}`, ...flat);
}

describe('canonical documents moved to one hash per kind and source (state version 3)', () => {
  it('given a workspace of version 2 with records of two kinds and several sources, then the first process of this build moves them all and reads them as before', async () => {
    const ws = (current = await testWorkspace());
    await ws.redis.set(`${ws.prefix}:state-version`, '2');
    for (let i = 0; i < 450; i += 1) await storeEarlier(ws, 'account', `acc_${String(i)}`, i % 3 === 0 ? { vendor: document(`v${String(i)}`), northwind: document(`n${String(i)}`) } : { vendor: document(`v${String(i)}`) });
    // Stored by version 1 (strings as JSON text), and a field that was never a source's.
    await storeEarlier(ws, 'opportunity', 'opp_1', { vendor: JSON.stringify({ m: '2025-01-01T00:00:00.000Z', id: '006A', v: { stage: '"proposal"' }, t: { '*': '2025-01-01T00:00:00.000Z' } }), '=overlap': document('o') });
    await ws.redis.hset(`${ws.prefix}:canon:opportunity:opp_1`, 'note', 'not a source');

    expect(await claimStateVersion(ws.redis, ws.prefix, silentLogger)).toBe(2);

    expect(await ws.redis.keys(`${ws.prefix}:canon:*`)).toEqual([]);
    expect(await ws.redis.exists(`${ws.prefix}:state-upgrading`)).toBe(0);
    expect(await ws.redis.get(`${ws.prefix}:state-version`)).toBe(String(STATE_VERSION));
    const store = new CanonicalStore(ws.redis, ws.prefix);
    const accounts = await store.getMany('account', ['acc_0', 'acc_1', 'acc_449', 'acc_450']);
    expect(accounts[0]?.sources.get('vendor')?.values).toEqual({ name: 'v0' });
    expect(accounts[0]?.sources.get('northwind')).toEqual({ crmId: 'crm-n0', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'n0' }, changedAt: { name: '2025-01-01T00:00:00.000Z' } });
    expect([...(accounts[1]?.sources.keys() ?? [])]).toEqual(['vendor']);
    expect(accounts[2]?.sources.get('vendor')?.values).toEqual({ name: 'v449' });
    expect(accounts[3]).toBeUndefined();
    expect(await ws.redis.hlen(canonicalSourceKey(ws.prefix, 'account', 'vendor'))).toBe(450);
    expect(await ws.redis.hlen(canonicalSourceKey(ws.prefix, 'account', 'northwind'))).toBe(150);
    const opportunity = await store.get('opportunity', 'opp_1');
    expect(opportunity?.sources.get('vendor')?.values).toEqual({ stage: 'proposal' });
    expect([...(opportunity?.sources.keys() ?? [])].sort()).toEqual(['=overlap', 'vendor']);
  });

  it('given an upgrade that stopped part-way, then an earlier build refuses the workspace and the next process of this build moves the rest', async () => {
    const ws = (current = await testWorkspace());
    await ws.redis.set(`${ws.prefix}:state-version`, '2');
    // What a process stopped mid-move leaves: the version raised, the mark set, one record moved, one not.
    await ws.redis.set(`${ws.prefix}:state-version`, String(STATE_VERSION));
    await ws.redis.set(`${ws.prefix}:state-upgrading`, String(STATE_VERSION));
    await ws.redis.hset(canonicalSourceKey(ws.prefix, 'account', 'vendor'), 'acc_1', document('moved'));
    await ws.redis.sadd(`${ws.prefix}:canon-sources:account`, 'vendor');
    await storeEarlier(ws, 'account', 'acc_2', { vendor: document('left') });

    const earlier = await claimStateVersion(ws.redis, ws.prefix, silentLogger, 2).catch((e: unknown) => e);
    expect(earlier).toBeInstanceOf(StateVersionError);
    expect(await ws.redis.exists(`${ws.prefix}:canon:account:acc_2`)).toBe(1);

    expect(await claimStateVersion(ws.redis, ws.prefix, silentLogger)).toBe(STATE_VERSION);
    const records = await new CanonicalStore(ws.redis, ws.prefix).getMany('account', ['acc_1', 'acc_2']);
    expect(records.map((record) => record?.sources.get('vendor')?.values)).toEqual([{ name: 'moved' }, { name: 'left' }]);
    expect(await ws.redis.exists(`${ws.prefix}:canon:account:acc_2`, `${ws.prefix}:state-upgrading`)).toBe(0);
  });

  it('given a record already in the new layout and again in the earlier one, then the new document stays; moving again moves nothing', async () => {
    const ws = (current = await testWorkspace());
    const store = new CanonicalStore(ws.redis, ws.prefix);
    await store.recordSource('account', 'acc_1', 'vendor', { crmId: 'crm-new', modifiedAt: '2025-02-01T00:00:00.000Z', values: { name: 'new' } });
    await storeEarlier(ws, 'account', 'acc_1', { vendor: document('old'), northwind: document('copy') });
    expect(await moveCanonicalDocuments(ws.redis, ws.prefix)).toBe(1);
    const record = await store.get('account', 'acc_1');
    expect(record?.sources.get('vendor')?.values).toEqual({ name: 'new' });
    expect(record?.sources.get('northwind')?.values).toEqual({ name: 'copy' });
    expect(await moveCanonicalDocuments(ws.redis, ws.prefix)).toBe(0);
  });
});
