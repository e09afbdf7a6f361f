import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../src/sandbox/salesforce/sandbox-clock.js';
import {
  CreateResponse,
  DeletedResult,
  DescribeGlobal,
  DescribeSObject,
  ErrorArray,
  RecordAttributes,
  SalesforceDateTime,
  UpdatedResult,
  UpsertResult,
  Versions,
} from './documented-shapes.js';
import { failure, oauthConnection, raw, sandbox } from './sandbox-fixture.js';

describe('Salesforce sandbox records', () => {
  it('given a new account, when jsforce creates, retrieves, updates and deletes it, then each call answers as documented', async () => {
    const clock = new SandboxClock();
    clock.freeze(Date.UTC(2024, 0, 31, 10, 0, 0, 750));
    const target = await sandbox({ clock });
    const conn = await oauthConnection(target);

    const created = await raw(target, conn, 'POST', '/services/data/v62.0/sobjects/Account', { Name: 'Acme', Website: 'acme.example', NumberOfEmployees: '42' });
    expect(created.status).toBe(201);
    const { id } = CreateResponse.parse(created.json);
    expect(id.startsWith('001')).toBe(true);

    const record = await conn.sobject('Account').retrieve(id);
    expect(RecordAttributes.parse(record.attributes)).toEqual({ type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` });
    expect(record).toMatchObject({
      Id: id,
      Name: 'Acme',
      NumberOfEmployees: 42,
      IsDeleted: false,
      OwnerId: target.integrationUserId,
      CreatedById: target.integrationUserId,
      CreatedDate: '2024-01-31T10:00:00.000+0000',
      LastModifiedDate: '2024-01-31T10:00:00.000+0000',
      SystemModstamp: '2024-01-31T10:00:00.000+0000',
      Industry: null,
    });
    SalesforceDateTime.parse(record.CreatedDate);

    clock.advance(5000);
    expect(await conn.sobject('Account').update({ Id: id, Industry: 'Banking', Website: '' })).toEqual({ id, success: true, errors: [] });
    const updated = await conn.sobject('Account').retrieve(id, { fields: ['Industry', 'Website', 'SystemModstamp', 'CreatedDate'] });
    expect(updated).toEqual({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` },
      Website: null,
      Industry: 'Banking',
      CreatedDate: '2024-01-31T10:00:00.000+0000',
      SystemModstamp: '2024-01-31T10:00:05.000+0000',
    });

    expect(await conn.sobject('Account').destroy(id)).toEqual({ id, success: true, errors: [] });
    const gone = await raw(target, conn, 'GET', `/services/data/v62.0/sobjects/Account/${id}`);
    expect(gone.status).toBe(404);
    expect(ErrorArray.parse(gone.json)).toEqual([{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }]);
    expect((await failure(conn.sobject('Account').update({ Id: id, Name: 'x' }))).errorCode).toBe('ENTITY_IS_DELETED');
  });

  it('given an external id, when jsforce upserts one record, then the API answers 201 created then 200 updated (204 before v46)', async () => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    const path = '/services/data/v62.0/sobjects/Account/Cosell_Id__c/ACME-1';
    const first = await raw(target, conn, 'PATCH', path, { Name: 'Acme' });
    expect(first.status).toBe(201);
    const created = UpsertResult.parse(first.json);
    expect(created).toMatchObject({ success: true, created: true, errors: [] });
    const second = await raw(target, conn, 'PATCH', path, { Name: 'Acme Corp' });
    expect(second.status).toBe(200);
    expect(UpsertResult.parse(second.json)).toEqual({ id: created.id, success: true, errors: [], created: false });
    const old = await raw(target, conn, 'PATCH', path.replace('v62.0', 'v45.0'), { Name: 'Acme Corp.' });
    expect(old.status).toBe(204);
    const single = await conn.sobject('Account').upsert({ Name: 'Acme Corporation', Cosell_Id__c: 'acme-1' }, 'Cosell_Id__c');
    expect(single).toMatchObject({ id: created.id, success: true, created: false });
    const byExternalId = await raw(target, conn, 'GET', path);
    expect(byExternalId.json).toMatchObject({ Id: created.id, Name: 'Acme Corporation', Cosell_Id__c: 'ACME-1' });
  });

  it('given a non-unique external id matching two records, when upserted by it, then the API answers 300 with both record URLs', async () => {
    const target = await sandbox();
    target.schema.addField('Account', { name: 'Legacy_Id__c', type: 'string', length: 20, externalId: true });
    const a = target.store.create('Account', { Name: 'A', Legacy_Id__c: 'L1' });
    const b = target.store.create('Account', { Name: 'B', Legacy_Id__c: 'L1' });
    const conn = await oauthConnection(target);
    const response = await raw(target, conn, 'PATCH', '/services/data/v62.0/sobjects/Account/Legacy_Id__c/L1', { Name: 'C' });
    expect(response.status).toBe(300);
    expect(response.json).toEqual([`/services/data/v62.0/sobjects/Account/${a}`, `/services/data/v62.0/sobjects/Account/${b}`]);
    expect((await failure(conn.sobject('Account').upsert({ Legacy_Id__c: 'L1', Name: 'C' }, 'Legacy_Id__c'))).errorCode).toBe('MULTIPLE_CHOICES');
  });

  it.each<[string, string, Record<string, unknown>, number, { errorCode: string; message: string; fields?: string[] }]>([
    ['a required field is missing', 'Opportunity', { Name: 'Deal' }, 400, { errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [StageName, CloseDate]', fields: ['StageName', 'CloseDate'] }],
    ['text is too long', 'Account', { Name: 'x'.repeat(256) }, 400, { errorCode: 'STRING_TOO_LONG', message: `Account Name: data value too large: ${'x'.repeat(256)} (max length=255)`, fields: ['Name'] }],
    ['a restricted picklist value is unknown', 'Partner__c', { Name: 'P', Persona__c: 'Wizard' }, 400, { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Persona: bad value for restricted picklist field: Wizard', fields: ['Persona__c'] }],
    ['a read-only field is set', 'Account', { Name: 'A', CreatedDate: '2020-01-01T00:00:00Z' }, 400, { errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: 'Unable to create/update fields: CreatedDate. Please check the security settings of this field and verify that it is read/write for your profile or permission set.', fields: ['CreatedDate'] }],
    ['a field does not exist', 'Account', { Name: 'A', Nope__c: 1 }, 400, { errorCode: 'INVALID_FIELD', message: "No such column 'Nope__c' on sobject of type Account" }],
    ['a number field gets text', 'Account', { Name: 'A', NumberOfEmployees: 'many' }, 400, { errorCode: 'JSON_PARSER_ERROR', message: 'Cannot deserialize instance of int from VALUE_STRING value many or request may be missing a required field' }],
    ['a date is not a date', 'Opportunity', { Name: 'D', StageName: 'Prospecting', CloseDate: '2024-02-30' }, 400, { errorCode: 'JSON_PARSER_ERROR', message: 'Cannot deserialize instance of date from VALUE_STRING value 2024-02-30 or request may be missing a required field' }],
    ['a reference is malformed', 'Opportunity', { Name: 'D', StageName: 'Prospecting', CloseDate: '2024-02-01', AccountId: 'nope' }, 400, { errorCode: 'MALFORMED_ID', message: 'Account ID: id value of incorrect type: nope', fields: ['AccountId'] }],
    ['a reference points at nothing', 'Opportunity', { Name: 'D', StageName: 'Prospecting', CloseDate: '2024-02-01', AccountId: '001a1000000zzzzAAA' }, 400, { errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: ['AccountId'] }],
    ['an email is invalid', 'Contact', { LastName: 'Doe', Email: 'not-an-email' }, 400, { errorCode: 'INVALID_EMAIL_ADDRESS', message: 'Email: invalid email address: not-an-email', fields: ['Email'] }],
    ['a number is out of range', 'Account', { Name: 'A', NumberOfEmployees: 123456789 }, 400, { errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', message: 'Employees: value outside of valid range on numeric field: 123456789', fields: ['NumberOfEmployees'] }],
    ['an Id is given on insert', 'Account', { Id: '001a10000000001AAA', Name: 'A' }, 400, { errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: 'cannot specify Id in an insert call', fields: ['Id'] }],
  ])('given %s, when a record is created, then the API refuses it with the real code', async (_case, type, body, status, expected) => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    const response = await raw(target, conn, 'POST', `/services/data/v62.0/sobjects/${type}`, body);
    expect(response.status).toBe(status);
    expect(ErrorArray.parse(response.json)).toEqual([expected]);
    // jsforce's create() strips Id from the record before sending, so only the raw request shows that refusal.
    const { Id: _id, ...sent } = body;
    if (_id === undefined) expect((await failure(conn.sobject(type).create(sent))).errorCode).toBe(expected.errorCode);
    else expect(await conn.sobject(type).create(body)).toMatchObject({ success: true });
  });

  it('given a duplicate external id, when a second record uses it, then the API answers DUPLICATE_VALUE naming the first', async () => {
    const target = await sandbox();
    const first = target.store.create('Account', { Name: 'A', Cosell_Id__c: 'K-1' });
    const conn = await oauthConnection(target);
    const response = await raw(target, conn, 'POST', '/services/data/v62.0/sobjects/Account', { Name: 'B', Cosell_Id__c: 'k-1' });
    expect(response.status).toBe(400);
    expect(response.json).toEqual([{ errorCode: 'DUPLICATE_VALUE', message: `duplicate value found: Cosell_Id__c duplicates value on record with id: ${first}`, fields: [] }]);
  });

  it('given a body that is not JSON, when it is sent, then the API answers 400 JSON_PARSER_ERROR', async () => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    const response = await fetch(`${target.url}/services/data/v62.0/sobjects/Account`, {
      method: 'POST',
      headers: { authorization: `Bearer ${conn.accessToken ?? ''}`, 'content-type': 'application/json' },
      body: '{"Name": ',
    });
    expect(response.status).toBe(400);
    expect(ErrorArray.parse(await response.json())[0]?.errorCode).toBe('JSON_PARSER_ERROR');
    const array = await raw(target, conn, 'POST', '/services/data/v62.0/sobjects/Account', [{ Name: 'A' }]);
    expect(ErrorArray.parse(array.json)[0]?.errorCode).toBe('JSON_PARSER_ERROR');
  });

  it('given bad ids in a path, when records are read, then the API answers the real 404s', async () => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    const malformed = await raw(target, conn, 'GET', '/services/data/v62.0/sobjects/Account/nope');
    expect(malformed.status).toBe(404);
    expect(malformed.json).toEqual([{ errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: nope' }]);
    const missing = await raw(target, conn, 'GET', '/services/data/v62.0/sobjects/Account/001a1000000zzzzAAA');
    expect(missing.json).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    const unknownObject = await raw(target, conn, 'GET', '/services/data/v62.0/sobjects/Nope__c/describe');
    expect(unknownObject.status).toBe(404);
    const unknownVersion = await raw(target, conn, 'GET', '/services/data/v20.0/sobjects');
    expect(unknownVersion.status).toBe(404);
  });

  it('given an opportunity linked to its account by external id, when created, then AccountId is the account found', async () => {
    const target = await sandbox();
    const account = target.store.create('Account', { Name: 'Acme', Cosell_Id__c: 'ACME' });
    const conn = await oauthConnection(target);
    const created = await conn.sobject('Opportunity').create({ Name: 'Deal', StageName: 'Closed Won', CloseDate: '2024-03-01', Account: { Cosell_Id__c: 'ACME' } });
    expect(await conn.sobject('Opportunity').retrieve(created.id ?? '')).toMatchObject({ AccountId: account, IsWon: true, IsClosed: true, Probability: 100 });
    const missing = await raw(target, conn, 'POST', '/services/data/v62.0/sobjects/Opportunity', { Name: 'D', StageName: 'Prospecting', CloseDate: '2024-03-01', Account: { Cosell_Id__c: 'NOPE' } });
    expect(missing.json).toEqual([{ errorCode: 'INVALID_FIELD', message: 'Foreign key external ID: NOPE not found for field Cosell_Id__c in entity Account', fields: [] }]);
  });

  it('given the schema, when jsforce describes it, then describeGlobal and describe have the documented shapes and field attributes', async () => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    const global = DescribeGlobal.parse(await conn.describeGlobal());
    expect(global.sobjects.map((object) => [object.name, object.keyPrefix])).toEqual([
      ['Account', '001'],
      ['Contact', '003'],
      ['Opportunity', '006'],
      ['User', '005'],
      ['Partner__c', 'a00'],
    ]);
    const account = DescribeSObject.parse(await conn.sobject('Account').describe());
    const field = (name: string) => account.fields.find((candidate) => candidate.name === name);
    expect(field('Id')).toMatchObject({ type: 'id', length: 18, createable: false, updateable: false, nillable: false, idLookup: true });
    expect(field('Name')).toMatchObject({ type: 'string', length: 255, nillable: false, nameField: true, createable: true });
    expect(field('Cosell_Id__c')).toMatchObject({ type: 'string', externalId: true, unique: true, idLookup: true, custom: true, caseSensitive: false });
    expect(field('Type')?.picklistValues[0]).toEqual({ active: true, defaultValue: false, label: 'Prospect', validFor: null, value: 'Prospect' });
    expect(field('OwnerId')).toMatchObject({ type: 'reference', referenceTo: ['User'], relationshipName: 'Owner', defaultedOnCreate: true });
    expect(field('AnnualRevenue')).toMatchObject({ type: 'currency', precision: 18, scale: 0, soapType: 'xsd:double' });
    expect(field('NumberOfEmployees')).toMatchObject({ type: 'int', digits: 8, soapType: 'xsd:int' });
    expect(field('SystemModstamp')).toMatchObject({ type: 'datetime', createable: false, updateable: false });
    expect(account.childRelationships).toContainEqual(expect.objectContaining({ childSObject: 'Opportunity', field: 'AccountId', relationshipName: 'Opportunities', cascadeDelete: true }));
    const partner = DescribeSObject.parse(await conn.sobject('Partner__c').describe());
    expect(partner.fields.find((candidate) => candidate.name === 'Persona__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect(partner.fields.find((candidate) => candidate.name === 'Certifications__c')).toMatchObject({ type: 'multipicklist' });
    const basic = await raw(target, conn, 'GET', '/services/data/v62.0/sobjects/Account');
    expect(basic.json).toMatchObject({ objectDescribe: { name: 'Account', keyPrefix: '001' }, recentItems: [] });
    const resources = await raw(target, conn, 'GET', '/services/data/v62.0/');
    expect(resources.json).toMatchObject({
      sobjects: '/services/data/v62.0/sobjects',
      query: '/services/data/v62.0/query',
      limits: '/services/data/v62.0/limits',
      identity: `${target.url}/id/${target.orgId}/${target.integrationUserId}`,
    });
    const versions = Versions.parse(await (await fetch(`${target.url}/services/data`)).json());
    expect(versions).toContainEqual({ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' });
    expect(versions).toContainEqual({ label: "Summer '23", url: '/services/data/v58.0', version: '58.0' });
  });

  it('given a custom object added by the caller, when jsforce describes and writes it, then it behaves like a shipped one', async () => {
    const target = await sandbox();
    target.schema.addCustomObject({
      name: 'Deal_Registration__c',
      label: 'Deal Registration',
      fields: [
        { name: 'Status__c', type: 'picklist', picklistValues: ['Submitted', 'Approved'], restrictedPicklist: true },
        { name: 'Partner__c', type: 'reference', referenceTo: ['Partner__c'] },
      ],
    });
    expect(() => target.schema.addField('Account', { name: 'NoSuffix', type: 'string' })).toThrow('custom field API name ending in __c');
    const conn = await oauthConnection(target);
    const describe = DescribeSObject.parse(await conn.sobject('Deal_Registration__c').describe());
    expect(describe).toMatchObject({ name: 'Deal_Registration__c', keyPrefix: 'a01', custom: true });
    expect(describe.fields.find((field) => field.name === 'Partner__c')).toMatchObject({ relationshipName: 'Partner__r', referenceTo: ['Partner__c'] });
    const partner = target.store.create('Partner__c', { Name: 'Cloudworks' });
    const created = await conn.sobject('Deal_Registration__c').create({ Name: 'Reg 1', Status__c: 'Submitted', Partner__c: partner });
    const [record] = (await conn.query(`SELECT Name, Partner__r.Name FROM Deal_Registration__c WHERE Id = '${created.id ?? ''}'`)).records;
    expect(record).toMatchObject({ Name: 'Reg 1', Partner__r: { Name: 'Cloudworks' } });
  });

  it('given changes and deletes over time, when jsforce asks getUpdated and getDeleted, then ids and dates come back by the minute', async () => {
    const clock = new SandboxClock();
    clock.freeze(Date.UTC(2024, 0, 31, 10, 0, 30));
    const target = await sandbox({ clock });
    const kept = target.store.create('Account', { Name: 'Kept' });
    const removed = target.store.create('Account', { Name: 'Removed' });
    clock.advance(60_000);
    target.store.delete('Account', removed);
    clock.advance(120_000);
    const conn = await oauthConnection(target);
    const updated = UpdatedResult.parse(await conn.sobject('Account').updated('2024-01-31T10:00:45Z', '2024-01-31T10:05:00Z'));
    expect(updated).toEqual({ ids: [kept], latestDateCovered: '2024-01-31T10:03:00.000+0000' });
    const deleted = DeletedResult.parse(await conn.sobject('Account').deleted('2024-01-31T10:00:00Z', '2024-01-31T10:03:00Z'));
    expect(deleted).toEqual({
      deletedRecords: [{ id: removed, deletedDate: '2024-01-31T10:01:30.000+0000' }],
      earliestDateAvailable: '2024-01-16T10:03:00.000+0000',
      latestDateCovered: '2024-01-31T10:03:00.000+0000',
    });
    const backwards = await raw(target, conn, 'GET', '/services/data/v62.0/sobjects/Account/updated/?start=2024-01-31T10:05:00Z&end=2024-01-31T10:00:00Z');
    expect(backwards.status).toBe(400);
    expect(ErrorArray.parse(backwards.json)[0]?.errorCode).toBe('INVALID_REPLICATION_DATE');
  });
});
