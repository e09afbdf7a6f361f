import { afterEach, describe, expect, it } from 'vitest';
import { canonicalIdFor } from '../../src/state/canonical-ids.js';
import { CanonicalStore, canonicalSourceKey, canonicalSourcesKey } from '../../src/state/canonical-store.js';
import { deleteKeys, testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let current: TestWorkspace | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

describe('canonical store', () => {
  it('given snapshots from two CRMs, then each field keeps its value and change time per source', async () => {
    current = await testWorkspace();
    const store = new CanonicalStore(current.redis, current.prefix);
    const first = await store.recordSource('opportunity', 'opp_1', 'vendor', {
      crmId: '006A',
      modifiedAt: '2025-01-01T10:00:00.000Z',
      values: { stage: 'proposal', amount: { amount: 10, currency: 'USD' } },
    });
    expect(first).toEqual({ status: 'changed', fields: ['stage', 'amount'] });
    // Same values, keys in another order, read again later: nothing changed (a repeat or our own echo).
    expect(
      await store.recordSource('opportunity', 'opp_1', 'vendor', {
        crmId: '006A',
        modifiedAt: '2025-01-01T11:00:00.000Z',
        values: { amount: { currency: 'USD', amount: 10 }, stage: 'proposal' },
      }),
    ).toEqual({ status: 'unchanged' });
    await store.recordSource('opportunity', 'opp_1', 'northwind', { crmId: '901', modifiedAt: '2025-01-01T12:00:00.000Z', values: { stage: 'negotiation' } });
    const record = await store.get('opportunity', 'opp_1');
    expect(record?.sources.get('vendor')).toEqual({
      crmId: '006A',
      modifiedAt: '2025-01-01T11:00:00.000Z',
      values: { stage: 'proposal', amount: { amount: 10, currency: 'USD' } },
      changedAt: { stage: '2025-01-01T10:00:00.000Z', amount: '2025-01-01T10:00:00.000Z' },
    });
    expect(record?.sources.get('northwind')?.values).toEqual({ stage: 'negotiation' });
  });

  it('given a page of records of very different sizes, then each is recorded once and its outcome is in its place', async () => {
    current = await testWorkspace();
    const store = new CanonicalStore(current.redis, current.prefix);
    // Sent in several calls (a call takes a few hundred records), some far larger than the rest.
    const description = (i: number): string => (i === 333 ? 'x'.repeat(150_000) : i % 7 === 0 ? `${String(i)} `.repeat(8_000) : `short ${String(i)}`);
    const page = Array.from({ length: 700 }, (_, i) => ({ canonicalId: `acc_${String(i)}`, crmId: `001${String(i)}`, modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: `Account ${String(i)}`, description: description(i) }, fresh: true }));
    // Every third record was recorded (and routed) before with these values: unchanged now, the others changed.
    const before = page.filter((_, i) => i % 3 === 0);
    await store.recordSources('account', 'vendor', before);
    await store.routed('account', 'vendor', before.map((item) => item.canonicalId));
    const outcomes = await store.recordSources('account', 'vendor', page);
    expect(outcomes).toEqual(page.map((item, i) => (i % 3 === 0 ? { status: 'unchanged' } : { status: 'changed', fields: Object.keys(item.values) })));
    const records = await store.getMany('account', page.map((item) => item.canonicalId));
    expect(records.map((record) => record?.sources.get('vendor')?.values)).toEqual(page.map((item) => item.values));
  });

  it('given a source first seen, then its document keeps no change times, and reads and later changes give each field its time as if it did', async () => {
    current = await testWorkspace();
    const store = new CanonicalStore(current.redis, current.prefix);
    const first = '2025-01-01T00:00:00.000Z';
    await store.recordSources('account', 'vendor', [{ canonicalId: 'acc_3', crmId: '001C', modifiedAt: first, values: { name: 'Acme', city: 'Köln', phone: null, fax: null }, fresh: true }]);
    const stored = JSON.parse((await current.redis.hget(canonicalSourceKey(current.prefix, 'account', 'vendor'), 'acc_3')) ?? '{}') as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['id', 'm', 'v']);
    // Every field changed when the record was first seen, but those first seen blank, which have no time.
    expect((await store.get('account', 'acc_3'))?.sources.get('vendor')?.changedAt).toEqual({ name: first, city: first });
    const later = '2025-02-01T00:00:00.000Z';
    const outcome = await store.recordSource('account', 'acc_3', 'vendor', { crmId: '001C', modifiedAt: later, values: { name: 'Acme', city: 'Bonn', phone: '+49 1', fax: null } });
    expect(outcome.status === 'changed' ? [...outcome.fields].sort() : outcome).toEqual(['city', 'phone']);
    const after = (await store.get('account', 'acc_3'))?.sources.get('vendor');
    expect(after?.values).toEqual({ name: 'Acme', city: 'Bonn', phone: '+49 1', fax: null });
    expect(after?.changedAt).toEqual({ name: first, city: later, phone: later });
  });

  it('given a snapshot older than the stored one (events out of order), then it is ignored as stale', async () => {
    current = await testWorkspace();
    const store = new CanonicalStore(current.redis, current.prefix);
    await store.recordSource('account', 'acc_1', 'vendor', { crmId: '001A', modifiedAt: '2025-01-02T00:00:00.000Z', values: { name: 'New' } });
    expect(await store.recordSource('account', 'acc_1', 'vendor', { crmId: '001A', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'Old' } })).toEqual({ status: 'stale' });
    expect((await store.get('account', 'acc_1'))?.sources.get('vendor')?.values.name).toBe('New');
  });

  it('given string values that look like stored text, then they come back as the same strings and read again change nothing', async () => {
    current = await testWorkspace();
    const store = new CanonicalStore(current.redis, current.prefix);
    const values = { a: 'null', b: "'quoted", c: '"json"', d: null, e: 12, f: 'plain', g: '', h: 'Müller \\ "Co"\nLtd', i: ['x', 1] };
    await store.recordSources('account', 'vendor', [{ canonicalId: 'acc_4', crmId: '001D', modifiedAt: '2025-01-01T00:00:00.000Z', values, fresh: true }]);
    expect((await store.getMany('account', ['acc_4']))[0]?.sources.get('vendor')?.values).toEqual(values);
    const again = await store.recordSource('account', 'acc_4', 'vendor', { crmId: '001D', modifiedAt: '2025-01-02T00:00:00.000Z', values: { ...values } });
    expect(again).toEqual({ status: 'unchanged' });
    expect(await store.recordSource('account', 'acc_4', 'vendor', { crmId: '001D', modifiedAt: '2025-01-03T00:00:00.000Z', values: { ...values, a: null, d: 'null' } })).toEqual({ status: 'changed', fields: ['a', 'd'] });
  });

  it('given a document stored by an earlier version (strings as JSON text), then it reads the same and an unchanged read changes no field or time', async () => {
    current = await testWorkspace();
    const store = new CanonicalStore(current.redis, current.prefix);
    const earlier = { m: '2025-01-01T00:00:00.000Z', id: '001E', v: { name: '"Acme \\"One\\""', city: '"Köln"', employees: '40', phone: 'null' }, t: { '*': '2025-01-01T00:00:00.000Z', phone: '' } };
    await current.redis.hset(canonicalSourceKey(current.prefix, 'account', 'vendor'), 'acc_5', JSON.stringify(earlier));
    await current.redis.sadd(canonicalSourcesKey(current.prefix, 'account'), 'vendor');
    const before = (await store.get('account', 'acc_5'))?.sources.get('vendor');
    expect(before?.values).toEqual({ name: 'Acme "One"', city: 'Köln', employees: 40, phone: null });
    expect(await store.recordSource('account', 'acc_5', 'vendor', { crmId: '001E', modifiedAt: '2025-02-01T00:00:00.000Z', values: { name: 'Acme "One"', city: 'Köln', employees: 40, phone: null } })).toEqual({ status: 'unchanged' });
    expect(await store.recordSource('account', 'acc_5', 'vendor', { crmId: '001E', modifiedAt: '2025-03-01T00:00:00.000Z', values: { name: 'Acme "One"', city: 'Bonn', employees: 40, phone: null } })).toEqual({ status: 'changed', fields: ['city'] });
    const after = (await store.get('account', 'acc_5'))?.sources.get('vendor');
    expect(after?.values).toEqual({ name: 'Acme "One"', city: 'Bonn', employees: 40, phone: null });
    expect(after?.changedAt).toEqual({ name: '2025-01-01T00:00:00.000Z', city: '2025-03-01T00:00:00.000Z', employees: '2025-01-01T00:00:00.000Z' });
  });

  it('given a source another process added after this one last read the kind, then its documents are read too', async () => {
    current = await testWorkspace();
    const reader = new CanonicalStore(current.redis, current.prefix);
    await reader.recordSource('account', 'acc_6', 'vendor', { crmId: '001F', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'A' } });
    expect([...((await reader.get('account', 'acc_6'))?.sources.keys() ?? [])]).toEqual(['vendor']);
    await new CanonicalStore(current.redis, current.prefix).recordSources('account', 'globex', [{ canonicalId: 'acc_6', crmId: '77', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'A' }, fresh: true }]);
    expect([...((await reader.get('account', 'acc_6'))?.sources.keys() ?? [])].sort()).toEqual(['globex', 'vendor']);
  });

  it('given sources named for a read, then a named source another process adds later is read, and a source not named is not', async () => {
    current = await testWorkspace();
    const reader = new CanonicalStore(current.redis, current.prefix);
    await reader.recordSource('account', 'acc_8', 'vendor', { crmId: '001H', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'H' } });
    const read = async (): Promise<string[]> => [...((await reader.getMany('account', ['acc_8'], ['vendor', 'globex']))[0]?.sources.keys() ?? [])].sort();
    expect(await read()).toEqual(['vendor']);
    await new CanonicalStore(current.redis, current.prefix).recordSources('account', 'globex', [{ canonicalId: 'acc_8', crmId: '78', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'H' }, fresh: true }]);
    expect(await read()).toEqual(['globex', 'vendor']);
    await new CanonicalStore(current.redis, current.prefix).recordSource('account', 'acc_8', 'initech', { crmId: '79', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'H' } });
    expect(await read()).toEqual(['globex', 'vendor']);
  });

  it('given a kind with no source yet when this process first read it, then records another process stores later are read', async () => {
    current = await testWorkspace();
    const reader = new CanonicalStore(current.redis, current.prefix);
    expect(await reader.getMany('account', ['acc_7'])).toEqual([undefined]);
    await new CanonicalStore(current.redis, current.prefix).recordSource('account', 'acc_7', 'vendor', { crmId: '001G', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'G' } });
    expect((await reader.get('account', 'acc_7'))?.sources.get('vendor')?.values).toEqual({ name: 'G' });
  });

  it('given Redis lost its data after this process read a kind, then records stored again afterwards are read', async () => {
    current = await testWorkspace();
    const reader = new CanonicalStore(current.redis, current.prefix);
    const snapshot = { crmId: '001J', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'J' } };
    await reader.recordSource('account', 'acc_9', 'vendor', snapshot);
    expect(await reader.get('account', 'acc_9')).toBeDefined();
    await deleteKeys(current.redis, `${current.prefix}*`);
    expect(await reader.get('account', 'acc_9')).toBeUndefined();
    await new CanonicalStore(current.redis, current.prefix).recordSource('account', 'acc_9', 'vendor', snapshot);
    expect((await reader.get('account', 'acc_9'))?.sources.get('vendor')?.values).toEqual({ name: 'J' });
  });

  it('given a source forgotten, then only the other sources remain; with none left the record is gone', async () => {
    current = await testWorkspace();
    const store = new CanonicalStore(current.redis, current.prefix);
    await store.recordSource('account', 'acc_2', 'vendor', { crmId: '001B', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'A' } });
    await store.recordSource('account', 'acc_2', 'globex', { crmId: '001X', modifiedAt: '2025-01-01T00:00:00.000Z', values: { name: 'A' } });
    await store.forgetSource('account', 'acc_2', 'globex');
    expect([...((await store.get('account', 'acc_2'))?.sources.keys() ?? [])]).toEqual(['vendor']);
    await store.forgetSource('account', 'acc_2', 'vendor');
    expect(await store.getMany('account', ['acc_2'])).toEqual([undefined]);
  });

  it('given the same source record twice, then it gets the same canonical id; another record another id', () => {
    const id = canonicalIdFor('account', 'vendor', 'Account', '001A000000abcdEAAQ');
    expect(canonicalIdFor('account', 'vendor', 'Account', '001A000000abcdEAAQ')).toBe(id);
    expect(canonicalIdFor('account', 'vendor', 'Account', '001A000000abcdFAAQ')).not.toBe(id);
    expect(id).toMatch(/^acc_[A-Za-z0-9]{22}$/);
  });
});
