import jsforce, { type Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce-sandbox.js';
import { ErrorArray, SaveResult, UpsertResult } from './documented-shapes.js';
import { failure, oauthConnection, raw, sandbox } from './sandbox-fixture.js';

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

/** Which requests a jsforce helper made: method and path, without the query string. */
async function calls(target: SalesforceSandbox, action: () => Promise<unknown>): Promise<string[]> {
  target.clearRequests();
  await action().catch(() => undefined);
  return target.requests().map((request) => `${request.method} ${request.url.split('?')[0] ?? ''}`);
}

async function setUp(): Promise<{ target: SalesforceSandbox; conn: Connection }> {
  const target = await sandbox();
  return { target, conn: await oauthConnection(target) };
}

describe('Salesforce sandbox sObject Collections', () => {
  it('given jsforce helpers, when called with one record or with arrays, then arrays go to sObject Collections and single records one by one', async () => {
    const { target, conn } = await setUp();
    const account = target.store.create('Account', { Name: 'Seed', Cosell_Id__c: 'S-1' });
    const accounts = conn.sobject('Account');
    const v = '/services/data/v62.0';
    expect(await calls(target, () => accounts.create({ Name: 'One' }))).toEqual([`POST ${v}/sobjects/Account`]);
    expect(await calls(target, () => accounts.create([{ Name: 'A' }, { Name: 'B' }]))).toEqual([`POST ${v}/composite/sobjects`]);
    expect(await calls(target, () => accounts.update({ Id: account, Name: 'X' }))).toEqual([`PATCH ${v}/sobjects/Account/${account}`]);
    expect(await calls(target, () => accounts.update([{ Id: account, Name: 'Y' }]))).toEqual([`PATCH ${v}/composite/sobjects`]);
    expect(await calls(target, () => accounts.upsert({ Cosell_Id__c: 'S-2', Name: 'Z' }, 'Cosell_Id__c'))).toEqual([`PATCH ${v}/sobjects/Account/Cosell_Id__c/S-2`]);
    expect(await calls(target, () => accounts.upsert([{ Cosell_Id__c: 'S-3', Name: 'Z' }], 'Cosell_Id__c'))).toEqual([`PATCH ${v}/composite/sobjects/Account/Cosell_Id__c`]);
    expect(await calls(target, () => accounts.retrieve(account))).toEqual([`GET ${v}/sobjects/Account/${account}`]);
    expect(await calls(target, () => accounts.retrieve([account], { fields: ['Name'] }))).toEqual([`POST ${v}/composite/sobjects/Account`]);
    expect(await calls(target, () => accounts.retrieve([account]))).toEqual([`GET ${v}/sobjects/Account/describe`, `POST ${v}/composite/sobjects/Account`]);
    expect(await calls(target, () => accounts.destroy([account]))).toEqual([`DELETE ${v}/composite/sobjects`]);
    expect(await calls(target, () => accounts.destroy(target.store.create('Account', { Name: 'D' })))).toHaveLength(1);
    const old = new jsforce.Connection({ instanceUrl: target.url, accessToken: conn.accessToken ?? undefined, version: '41.0' });
    expect(await calls(target, () => old.sobject('Account').create([{ Name: 'P1' }, { Name: 'P2' }]))).toEqual([
      'POST /services/data/v41.0/sobjects/Account',
      'POST /services/data/v41.0/sobjects/Account',
    ]);
    expect(await calls(target, () => old.sobject('Account').upsert([{ Cosell_Id__c: 'S-4', Name: 'Q' }], 'Cosell_Id__c'))).toEqual([
      'PATCH /services/data/v41.0/sobjects/Account/Cosell_Id__c/S-4',
    ]);
  });

  it('given one bad record and allOrNone false, when jsforce creates a collection, then the good ones are saved and the bad one says why', async () => {
    const { target, conn } = await setUp();
    const results = (await conn.sobject('Account').create([{ Name: 'Good 1' }, { Name: '' }, { Name: 'Good 2', Type: 'Prospect' }])).map((result) => SaveResult.parse(result));
    const [good1, good2] = target.store.ids('Account');
    expect(results).toEqual([
      { id: good1, success: true, errors: [] },
      { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] },
      { id: good2, success: true, errors: [] },
    ]);
    expect(target.store.count('Account')).toBe(2);
  });

  it('given one bad record and allOrNone true, when jsforce creates a collection, then nothing is saved and the others report the rollback', async () => {
    const { target, conn } = await setUp();
    const results = await conn.sobject('Account').create([{ Name: 'Good 1' }, { Name: 'x'.repeat(300) }, { Name: 'Good 2' }], { allOrNone: true });
    expect(results.map((result) => SaveResult.parse(result))).toEqual([
      { success: false, errors: [ROLLED_BACK] },
      { success: false, errors: [{ statusCode: 'STRING_TOO_LONG', message: `Account Name: data value too large: ${'x'.repeat(300)} (max length=255)`, fields: ['Name'] }] },
      { success: false, errors: [ROLLED_BACK] },
    ]);
    expect(target.store.count('Account')).toBe(0);
  });

  it('given updates with a malformed, a deleted and a good id, when jsforce updates a collection, then each gets its own outcome', async () => {
    const { target, conn } = await setUp();
    const good = target.store.create('Account', { Name: 'Good' });
    const deleted = target.store.create('Account', { Name: 'Deleted' });
    target.store.delete('Account', deleted);
    const results = await conn.sobject('Account').update([
      { Id: good, Name: 'Better' },
      { Id: '001RM000003oLrB000', Name: 'Malformed' },
      { Id: deleted, Name: 'Too late' },
      { Id: '001a1000000zzzzAAA', Name: 'Missing' },
    ]);
    expect(results.map((result) => SaveResult.parse(result))).toEqual([
      { id: good, success: true, errors: [] },
      { success: false, errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id 001RM000003oLrB000', fields: [] }] },
      { id: deleted, success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] },
      { success: false, errors: [{ statusCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }] },
    ]);
    expect(target.store.get('Account', good)?.Name).toBe('Better');
  });

  it('given an allOrNone update with one failure, when it runs, then the good record keeps its old values and reports the rollback with its id', async () => {
    const { target, conn } = await setUp();
    const good = target.store.create('Account', { Name: 'Before', Cosell_Id__c: 'G' });
    const other = target.store.create('Account', { Name: 'Other', Cosell_Id__c: 'O' });
    const before = target.store.get('Account', good);
    const results = await conn.sobject('Account').update(
      [
        { Id: good, Name: 'After' },
        { Id: other, Cosell_Id__c: 'G' },
      ],
      { allOrNone: true },
    );
    expect(results).toEqual([
      { id: good, success: false, errors: [ROLLED_BACK] },
      { id: other, success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: `duplicate value found: Cosell_Id__c duplicates value on record with id: ${good}`, fields: [] }] },
    ]);
    expect(target.store.get('Account', good)).toEqual(before);
  });

  it('given external ids, when jsforce upserts a collection, then created and updated records are told apart and duplicates in the batch fail', async () => {
    const { target, conn } = await setUp();
    const existing = target.store.create('Account', { Name: 'Existing', Cosell_Id__c: 'E-1' });
    const results = await conn.sobject('Account').upsert(
      [
        { Cosell_Id__c: 'e-1', Name: 'Existing, renamed' },
        { Cosell_Id__c: 'N-1', Name: 'New' },
        { Cosell_Id__c: 'D-1', Name: 'Twice' },
        { Cosell_Id__c: 'D-1', Name: 'Twice again' },
        { Cosell_Id__c: 'N-2', Name: '' },
      ],
      'Cosell_Id__c',
    );
    const created = target.store.ids('Account').find((id) => id !== existing);
    expect(results.map((result) => UpsertResult.parse(result))).toEqual([
      { id: existing, success: true, errors: [], created: false },
      { id: created, success: true, errors: [], created: true },
      { success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: 'Duplicate external id specified: D-1', fields: ['Cosell_Id__c'] }], created: false },
      { success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: 'Duplicate external id specified: D-1', fields: ['Cosell_Id__c'] }], created: false },
      { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }], created: false },
    ]);
    expect(target.store.get('Account', existing)?.Name).toBe('Existing, renamed');
  });

  it('given an allOrNone upsert with one failure, when it runs, then nothing is created and the new record reports the rollback', async () => {
    const { target, conn } = await setUp();
    const results = await conn.sobject('Account').upsert(
      [
        { Cosell_Id__c: 'N-1', Name: 'New' },
        { Cosell_Id__c: 'N-2', Name: 'Bad', Type: 'x'.repeat(256) },
      ],
      'Cosell_Id__c',
      { allOrNone: true },
    );
    expect(results).toEqual([
      { success: false, errors: [ROLLED_BACK], created: false },
      { success: false, errors: [{ statusCode: 'STRING_TOO_LONG', message: `Account Type: data value too large: ${'x'.repeat(256)} (max length=255)`, fields: ['Type'] }], created: false },
    ]);
    expect(target.store.count('Account')).toBe(0);
  });

  it('given ids, when jsforce deletes a collection with allOrNone, then one bad id keeps every record', async () => {
    const { target, conn } = await setUp();
    const a = target.store.create('Account', { Name: 'A' });
    const b = target.store.create('Account', { Name: 'B' });
    const results = await conn.sobject('Account').destroy([a, 'nope', b], { allOrNone: true });
    expect(results).toEqual([
      { id: a, success: false, errors: [ROLLED_BACK] },
      { success: false, errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id nope', fields: [] }] },
      { id: b, success: false, errors: [ROLLED_BACK] },
    ]);
    expect(target.store.count('Account')).toBe(2);
    const partial = await conn.sobject('Account').destroy([a, 'nope', b]);
    expect(partial.map((result) => result.success)).toEqual([true, false, true]);
    expect(target.store.count('Account')).toBe(0);
  });

  it('given ids and fields, when records are retrieved as a collection, then found records come back in order and missing ones as null', async () => {
    const { target, conn } = await setUp();
    const a = target.store.create('Account', { Name: 'A', Industry: 'Banking' });
    const response = await raw(target, conn, 'GET', `/services/data/v62.0/composite/sobjects/Account?ids=${a},001a1000000zzzzAAA&fields=Id,Name,Industry`);
    expect(response.json).toEqual([
      { attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${a}` }, Id: a, Name: 'A', Industry: 'Banking' },
      null,
    ]);
    expect(await conn.sobject('Account').retrieve([a], { fields: ['Name'] })).toEqual([
      { attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${a}` }, Name: 'A' },
    ]);
  });

  it('given more than 200 records, when a collection is sent, then the API refuses it with EXCEEDED_ID_LIMIT', async () => {
    const { target, conn } = await setUp();
    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `A${i}` }));
    const response = await raw(target, conn, 'POST', '/services/data/v62.0/composite/sobjects', { allOrNone: false, records });
    expect(response.status).toBe(400);
    expect(ErrorArray.parse(response.json)).toEqual([{ message: 'record limit reached. cannot submit more than 200 records into this call', errorCode: 'EXCEEDED_ID_LIMIT' }]);
    expect((await failure(conn.sobject('Account').create(records.map(({ Name }) => ({ Name }))))).errorCode).toBe('EXCEEDED_ID_LIMIT');
    const recursive = await conn.sobject('Account').create(records.map(({ Name }) => ({ Name })), { allowRecursive: true });
    expect(recursive).toHaveLength(201);
    expect(target.store.count('Account')).toBe(201);
  });

  it('given a field that does not exist in one record, when a collection is created, then the whole request fails and nothing is saved', async () => {
    const { target, conn } = await setUp();
    const response = await raw(target, conn, 'POST', '/services/data/v62.0/composite/sobjects', {
      records: [
        { attributes: { type: 'Account' }, Name: 'Fine' },
        { attributes: { type: 'Account' }, Name: 'Bad', Nope__c: 1 },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.json).toEqual([{ message: "No such column 'Nope__c' on sobject of type Account", errorCode: 'INVALID_FIELD' }]);
    expect(target.store.count('Account')).toBe(0);
  });

  it('given records of several types, when a collection is created, then each is saved as its own type', async () => {
    const { target, conn } = await setUp();
    const results = await conn.requestPost<unknown[]>('/composite/sobjects', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Account' }, Name: 'Acme' },
        { attributes: { type: 'Contact' }, LastName: 'Doe', FirstName: 'Jane', Email: 'jane@acme.example' },
      ],
    });
    const ids = results.map((result) => SaveResult.parse(result).id ?? '');
    expect(ids.map((id) => id.slice(0, 3))).toEqual(['001', '003']);
    expect(target.store.get('Contact', ids[1] ?? '')).toMatchObject({ Name: 'Jane Doe' });
  });
});
