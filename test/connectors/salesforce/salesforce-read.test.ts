import { describe, expect, it, vi } from 'vitest';
import { queryPages } from '../../../connectors/salesforce/query-pages.js';
import type { ChangePage } from '../../../connectors/shared/crm-connector.js';
import { soqlLikeLiteral, soqlString } from '../../../connectors/salesforce/soql.js';
import { collect, idsOf, seedAccounts, setup } from './salesforce-fixture.js';

describe('Salesforce connector reads against the sandbox', () => {
  it('given 2,500 accounts sharing one SystemModstamp, when read from no cursor in pages of 1,000, then every record comes once in (stamp, Id) order over three pages', async () => {
    const { sb, connector } = await setup();
    sb.clock.freeze(Date.UTC(2025, 0, 1));
    const created = seedAccounts(sb, 2_500);
    const pages = await collect(connector.readChanges('Account', { fields: ['Name'], pageSize: 1_000 }));
    expect(pages.map((p) => p.records.length)).toEqual([1_000, 1_000, 500]);
    expect(idsOf(pages)).toEqual([...created].sort());
    expect(pages[0]?.cursor).toEqual({ modifiedAt: '2025-01-01T00:00:00.000Z', id: pages[0]?.records.at(-1)?.id });
    expect(pages[0]?.records[0]?.fields.Name).toMatch(/^Account \d+$/);
  });

  it('given a cursor in the middle of records sharing its timestamp, when reading on, then exactly the records after it come', async () => {
    const { sb, connector } = await setup();
    sb.clock.freeze(Date.UTC(2025, 0, 1));
    const created = seedAccounts(sb, 300).sort();
    const cursor = { modifiedAt: '2025-01-01T00:00:00.000Z', id: created[99] ?? '' };
    const pages = await collect(connector.readChanges('Account', { fields: ['Name'], since: cursor }));
    expect(idsOf(pages)).toEqual(created.slice(100));
  });

  it('given records changed after the cursor and a lookback, then the changed ones and those inside the lookback are read', async () => {
    const { sb, connector } = await setup();
    sb.clock.freeze(Date.UTC(2025, 0, 1));
    const [first, second] = seedAccounts(sb, 2);
    sb.clock.advance(60_000);
    sb.store.update('Account', second ?? '', { Name: 'Changed' });
    const since = { modifiedAt: '2025-01-01T00:00:30.000Z', id: 'zzz' };
    const changed = await collect(connector.readChanges('Account', { fields: ['Name'], since }));
    expect(idsOf(changed)).toEqual([second]);
    expect(changed[0]?.records[0]?.fields.Name).toBe('Changed');
    const withLookback = await collect(connector.readChanges('Account', { fields: ['Name'], since, lookbackMs: 60_000 }));
    expect(idsOf(withLookback)).toEqual([first, second]);
  });

  it('given parent fields, then they come flattened to their path', async () => {
    const { sb, connector } = await setup();
    const accountId = sb.store.create('Account', { Name: 'Parent Co' });
    sb.store.create('Opportunity', { Name: 'Deal', AccountId: accountId, StageName: 'Prospecting', CloseDate: '2025-06-30' });
    const pages = await collect(connector.readChanges('Opportunity', { fields: ['Name', 'Account.Name'] }));
    expect(pages[0]?.records[0]?.fields).toMatchObject({ Name: 'Deal', 'Account.Name': 'Parent Co' });
  });

  it('given more records than the bulk threshold, when loading from no cursor, then Bulk API 2.0 streams them typed as REST would, ending on the newest stamp', async () => {
    const { sb, connector } = await setup({ settings: { bulkThreshold: 100 } });
    sb.clock.freeze(Date.UTC(2025, 0, 1));
    seedAccounts(sb, 150);
    sb.clock.advance(5_000);
    sb.store.create('Account', { Name: 'Newest', NumberOfEmployees: 42 });
    sb.clearRequests();
    const pages = await collect(connector.readChanges('Account', { fields: ['Name', 'NumberOfEmployees'] }));
    expect(idsOf(pages)).toHaveLength(151);
    expect(pages.at(-1)?.cursor).toEqual({ modifiedAt: '2025-01-01T00:00:05.000Z', id: '' });
    expect(pages.flatMap((p) => p.records).find((r) => r.fields.Name === 'Newest')?.fields.NumberOfEmployees).toBe(42);
    expect(sb.requests().some((r) => r.url.includes('/jobs/query'))).toBe(true);
  });

  it('given a bulk load of several results pages, then the first call asks for one page of records and the next is asked for before the engine takes the next page', async () => {
    const { sb, connector } = await setup({ settings: { bulkThreshold: 100 } });
    const created = seedAccounts(sb, 2_150);
    sb.clearRequests();
    const pages: AsyncIterator<ChangePage, unknown> = connector.readChanges('Account', { fields: ['Name'] })[Symbol.asyncIterator]();
    const next = await pages.next();
    if (next.done === true) throw new Error('the load gave no page');
    const first = next.value;
    expect(first.records).toHaveLength(2_000);
    const results = (): string[] => sb.requests().map((r) => r.url).filter((url) => url.includes('/results'));
    expect(results()[0]).toContain('maxRecords=2000');
    // The engine has not asked for more: the second results call is already on its way.
    await vi.waitFor(() => {
      expect(results()).toHaveLength(2);
    });
    expect(results()[1]).toMatch(/locator=[^&]+/);
    const rest = await collect({ [Symbol.asyncIterator]: () => pages });
    const read = [first, ...rest].flatMap((page) => page.records.map((r) => r.id));
    expect(read.sort()).toEqual([...created].sort());
    expect(results()).toHaveLength(2);
  });

  it('given a bulk load stopped after its first page while the next is being read, and that read failing, then the job is still asked to be deleted and nothing fails unhandled', async () => {
    const { sb, connector } = await setup({ settings: { bulkThreshold: 100 } });
    seedAccounts(sb, 2_150);
    sb.clearRequests();
    const pages = connector.readChanges('Account', { fields: ['Name'] })[Symbol.asyncIterator]();
    await pages.next();
    // The next results page fails on its way back: nobody asks for it any more.
    sb.setFaults({ errorRate: 1 });
    await pages.return?.(undefined);
    sb.setFaults({ errorRate: 0 });
    await vi.waitFor(() => {
      expect(sb.requests().filter((r) => r.url.includes('/results'))).toHaveLength(2);
    });
    expect(sb.requests().some((r) => r.method === 'DELETE' && r.url.includes('/jobs/query/'))).toBe(true);
  });

  it('given ids, some missing, then readByIds returns the existing records only', async () => {
    const { sb, connector } = await setup();
    const [a, b] = seedAccounts(sb, 2);
    sb.store.delete('Account', b ?? '');
    const records = await connector.readByIds('Account', [a ?? '', b ?? '', '001000000000000AAA'], ['Name']);
    expect(records.map((r) => r.id)).toEqual([a]);
  });

  it('given deletions and a merge, then readRemovals lists them oldest first with the merge survivor', async () => {
    const { sb, connector } = await setup();
    sb.clock.freeze(Date.UTC(2025, 0, 1));
    const [master, loser, deleted] = seedAccounts(sb, 3);
    sb.clock.advance(1_000);
    sb.store.delete('Account', deleted ?? '');
    sb.clock.advance(1_000);
    sb.store.merge('Account', master ?? '', [loser ?? '']);
    const pages = await collect(connector.readRemovals('Account', {}));
    expect(pages.flatMap((p) => p.removals)).toEqual([
      { id: deleted, removedAt: '2025-01-01T00:00:01.000Z' },
      { id: loser, removedAt: '2025-01-01T00:00:02.000Z', mergedInto: master },
    ]);
    const after = await collect(connector.readRemovals('Account', { since: pages.at(-1)?.cursor }));
    expect(after).toEqual([]);
  });

  it('given the object schema, then describe reports types, picklists, external ids and writability', async () => {
    const { connector } = await setup();
    const schema = await connector.describe('Opportunity');
    const field = (name: string) => schema.fields.find((f) => f.name === name);
    expect(field('Product_Line__c')).toMatchObject({ type: 'picklist', restricted: true });
    expect(field('Product_Line__c')?.picklistValues?.length).toBeGreaterThan(0);
    expect(field('Cosell_Id__c')).toMatchObject({ externalId: true, unique: true, createable: true });
    expect(field('SystemModstamp')).toMatchObject({ type: 'datetime', updateable: false });
  });

  it('given values with quotes, backslashes, newlines, % and _, when used as escaped literals, then they match exactly themselves', async () => {
    const { sb, connector } = await setup();
    const tricky = "O'Brien \\ \"Co\"\n100%_done";
    const id = sb.store.create('Account', { Name: tricky });
    sb.store.create('Account', { Name: "O'Brien \\ \"Co\"\n100xxdone" });
    const exact = await collect(queryPages(connector.caller, `SELECT Id, Name FROM Account WHERE Name = ${soqlString(tricky)}`));
    expect(exact.flatMap((p) => p.records.map((r) => r.Id))).toEqual([id]);
    const like = await collect(queryPages(connector.caller, `SELECT Id FROM Account WHERE Name LIKE ${soqlLikeLiteral(tricky)}`));
    expect(like.flatMap((p) => p.records.map((r) => r.Id))).toEqual([id]);
  });
});
