import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../src/sandbox/salesforce/sandbox-clock.js';
import { ErrorArray, QueryResult } from './documented-shapes.js';
import { failure, oauthConnection, raw, sandbox } from './sandbox-fixture.js';

describe('Salesforce sandbox queries', () => {
  it('given more records than the batch size, when jsforce queries and follows queryMore, then every page is a documented query result', async () => {
    const target = await sandbox();
    for (let i = 0; i < 450; i += 1) target.store.create('Account', { Name: `Account ${String(i).padStart(3, '0')}` });
    const conn = await oauthConnection(target);
    const headers = { 'Sforce-Query-Options': 'batchSize=200' };

    const soql = 'SELECT Id, Name FROM Account ORDER BY Name';
    const rawFirst = QueryResult.parse((await raw(target, conn, 'GET', `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`, undefined, headers)).json);
    expect(rawFirst).toMatchObject({ totalSize: 450, done: false });
    expect(rawFirst.records).toHaveLength(200);
    expect(rawFirst.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[0-9A-Za-z]{15}-200$/);
    const rawSecond = QueryResult.parse((await raw(target, conn, 'GET', rawFirst.nextRecordsUrl ?? '', undefined, headers)).json);
    expect(rawSecond.nextRecordsUrl).toMatch(/-400$/);
    const rawThird = QueryResult.parse((await raw(target, conn, 'GET', rawSecond.nextRecordsUrl ?? '')).json);
    expect(rawThird).toMatchObject({ totalSize: 450, done: true });
    expect(rawThird.nextRecordsUrl).toBeUndefined();

    // jsforce keeps the locator and rebuilds an absolute nextRecordsUrl from it.
    const first = await conn.query<{ Name: string }>(soql, { headers });
    expect(first).toMatchObject({ totalSize: 450, done: false });
    expect(first.nextRecordsUrl).toMatch(new RegExp(`^${target.url}/services/data/v62\\.0/query/01g[0-9A-Za-z]{15}-200$`));
    const second = await conn.queryMore<{ Name: string }>(first.nextRecordsUrl ?? '').execute({ headers });
    expect(second.records[0]).toMatchObject({ Name: 'Account 200' });
    const third = await conn.queryMore<{ Name: string }>(second.nextRecordsUrl ?? '');
    expect(third).toMatchObject({ totalSize: 450, done: true });
    expect(third.records.map((record) => record.Name)).toEqual(Array.from({ length: 50 }, (_, i) => `Account ${400 + i}`));

    const all = await conn.query<{ Name: string }>('SELECT Name FROM Account', { autoFetch: true, maxFetch: 1000 });
    expect(all.records).toHaveLength(450);
    expect(new Set(all.records.map((record) => record.Name)).size).toBe(450);
  });

  it('given a batch size outside 200..2000, when queried, then the page size is brought into range', async () => {
    const target = await sandbox();
    for (let i = 0; i < 250; i += 1) target.store.create('Account', { Name: `A${i}` });
    const conn = await oauthConnection(target);
    const small = QueryResult.parse((await raw(target, conn, 'GET', '/services/data/v62.0/query?q=SELECT+Id+FROM+Account', undefined, { 'Sforce-Query-Options': 'batchSize=5' })).json);
    expect(small.records).toHaveLength(200);
    const fallback = QueryResult.parse((await raw(target, conn, 'GET', '/services/data/v62.0/query?q=SELECT+Id+FROM+Account')).json);
    expect(fallback.records).toHaveLength(250);
  });

  it('given a released or unknown locator, when it is read, then the API answers 400 INVALID_QUERY_LOCATOR', async () => {
    const target = await sandbox();
    target.store.create('Account', { Name: 'Only' });
    const conn = await oauthConnection(target);
    const response = await raw(target, conn, 'GET', '/services/data/v62.0/query/01ga10000000001AAA-2000');
    expect(response.status).toBe(400);
    expect(ErrorArray.parse(response.json)).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
  });

  it('given a cursor left unread for 15 minutes, when its locator is read, then it has expired', async () => {
    const clock = new SandboxClock();
    clock.freeze(Date.UTC(2024, 0, 31, 10));
    const target = await sandbox({ clock });
    for (let i = 0; i < 201; i += 1) target.store.create('Account', { Name: `A${i}` });
    const conn = await oauthConnection(target);
    const page = await conn.query('SELECT Id FROM Account', { headers: { 'Sforce-Query-Options': 'batchSize=200' } });
    clock.advance(15 * 60 * 1000 + 1);
    expect((await failure(conn.queryMore(page.nextRecordsUrl ?? ''))).errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('given more open cursors than a user may hold, when another query opens one, then the oldest locator is released', async () => {
    const target = await sandbox({ settings: { maxOpenCursorsPerUser: 2 } });
    for (let i = 0; i < 201; i += 1) target.store.create('Account', { Name: `A${i}` });
    const conn = await oauthConnection(target);
    const headers = { 'Sforce-Query-Options': 'batchSize=200' };
    const pages = [];
    for (let i = 0; i < 3; i += 1) pages.push(await conn.query('SELECT Id FROM Account', { headers }));
    expect((await failure(conn.queryMore(pages[0]?.nextRecordsUrl ?? ''))).errorCode).toBe('INVALID_QUERY_LOCATOR');
    expect((await conn.queryMore(pages[2]?.nextRecordsUrl ?? '')).records).toHaveLength(1);
  });

  it('given records sharing one SystemModstamp, when a reader pages by (SystemModstamp, Id), then no record is skipped or repeated', async () => {
    const clock = new SandboxClock();
    clock.freeze(Date.UTC(2024, 0, 31, 10, 0, 0, 400));
    const target = await sandbox({ clock });
    for (let i = 0; i < 25; i += 1) target.store.create('Account', { Name: `Tie ${i}` });
    clock.advance(1000);
    for (let i = 0; i < 5; i += 1) target.store.create('Account', { Name: `Later ${i}` });
    const conn = await oauthConnection(target);

    const stamps = await conn.query<{ SystemModstamp: string }>('SELECT SystemModstamp FROM Account');
    expect(new Set(stamps.records.map((record) => record.SystemModstamp))).toEqual(new Set(['2024-01-31T10:00:00.000+0000', '2024-01-31T10:00:01.000+0000']));

    const seen: string[] = [];
    let stamp = '2024-01-31T00:00:00Z';
    let lastId = '000000000000000AAA';
    for (let guard = 0; guard < 20; guard += 1) {
      const page = await conn.query<{ Id: string; SystemModstamp: string }>(
        `SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp > ${stamp} OR (SystemModstamp = ${stamp} AND Id > '${lastId}') ORDER BY SystemModstamp, Id LIMIT 7`,
      );
      const last = page.records.at(-1);
      if (!last) break;
      seen.push(...page.records.map((record) => record.Id));
      stamp = last.SystemModstamp.replace('+0000', 'Z');
      lastId = last.Id;
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(seen).toEqual([...seen].sort());
  });

  it('given deleted and merged accounts, when queryAll reads them, then they carry IsDeleted and MasterRecordId and their children moved', async () => {
    const target = await sandbox();
    const winner = target.store.create('Account', { Name: 'Acme' });
    const loser = target.store.create('Account', { Name: 'ACME Inc (duplicate)' });
    const deleted = target.store.create('Account', { Name: 'Gone' });
    const opportunity = target.store.create('Opportunity', { Name: 'Deal', AccountId: loser, StageName: 'Prospecting', CloseDate: '2024-06-30' });
    target.store.merge('Account', winner, [loser]);
    target.store.delete('Account', deleted);
    const conn = await oauthConnection(target);

    const live = await conn.query('SELECT Id FROM Account');
    expect(live.records.map((record) => record.Id)).toEqual([winner]);
    const all = QueryResult.parse(await conn.query('SELECT Id, Name, IsDeleted, MasterRecordId FROM Account ORDER BY Name', { scanAll: true }));
    expect(all.records.map(({ Name, IsDeleted, MasterRecordId }) => ({ Name, IsDeleted, MasterRecordId }))).toEqual([
      { Name: 'Acme', IsDeleted: false, MasterRecordId: null },
      { Name: 'ACME Inc (duplicate)', IsDeleted: true, MasterRecordId: winner },
      { Name: 'Gone', IsDeleted: true, MasterRecordId: null },
    ]);
    const merged = await conn.query('SELECT Id FROM Account WHERE IsDeleted = true AND MasterRecordId != null', { scanAll: true });
    expect(merged.records.map((record) => record.Id)).toEqual([loser]);
    const moved = await conn.query(`SELECT AccountId FROM Opportunity WHERE Id = '${opportunity}'`);
    expect(moved.records[0]).toMatchObject({ AccountId: winner });
    expect(target.requests().at(-3)?.url).toContain('/queryAll?q=');
  });

  it('given a deleted account, when queryAll reads its opportunities, then they were deleted with it', async () => {
    const target = await sandbox();
    const account = target.store.create('Account', { Name: 'Parent' });
    target.store.create('Opportunity', { Name: 'Child', AccountId: account, StageName: 'Prospecting', CloseDate: '2024-06-30' });
    target.store.delete('Account', account);
    const conn = await oauthConnection(target);
    expect((await conn.query('SELECT Id FROM Opportunity')).totalSize).toBe(0);
    expect((await conn.query('SELECT Name, IsDeleted FROM Opportunity', { scanAll: true })).records).toMatchObject([{ Name: 'Child', IsDeleted: true }]);
  });

  it('given COUNT() and COUNT(field), when queried, then totalSize and AggregateResult come back as documented', async () => {
    const target = await sandbox();
    target.store.create('Account', { Name: 'A', Industry: 'Banking' });
    target.store.create('Account', { Name: 'B' });
    const conn = await oauthConnection(target);
    expect(await conn.query('SELECT COUNT() FROM Account')).toEqual({ totalSize: 2, done: true, records: [] });
    const aggregate = await conn.query('SELECT COUNT(Id), COUNT(Industry) industries FROM Account');
    expect(aggregate.records).toEqual([{ attributes: { type: 'AggregateResult' }, expr0: 2, industries: 1 }]);
  });

  it.each([
    ['MALFORMED_QUERY', 'SELECT Id FROM Account WHERE', 'unexpected token'],
    ['MALFORMED_QUERY', "SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'", "unexpected token: 'OR'"],
    ['INVALID_FIELD', 'SELECT Id, Nope__c FROM Account', "No such column 'Nope__c' on entity 'Account'"],
    ['INVALID_TYPE', 'SELECT Id FROM Nope__c', "sObject type 'Nope__c' is not supported"],
  ])('given a query the API refuses, when jsforce runs it, then it fails with %s and the located message', async (errorCode, soql, message) => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    const error = await failure(conn.query(soql));
    expect(error.errorCode).toBe(errorCode);
    expect(error.message).toContain(message);
    expect(error.message).toContain('ERROR at Row:1:Column:');
    const response = await raw(target, conn, 'GET', `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`);
    expect(response.status).toBe(400);
    expect(ErrorArray.parse(response.json)[0]?.errorCode).toBe(errorCode);
  });
});
