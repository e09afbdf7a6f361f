import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../src/sandbox/salesforce/sandbox-clock.js';
import { ErrorArray, QueryJobCreated, QueryJobInfo } from './documented-shapes.js';
import { failure, oauthConnection, raw, sandbox } from './sandbox-fixture.js';

describe('Salesforce sandbox Bulk API 2.0 query jobs', () => {
  it('given accounts, when jsforce runs a bulk query, then every record comes back through the CSV results', async () => {
    const target = await sandbox();
    const owner = target.store.create('User', { Username: 'rep@v.example', LastName: 'Rep', Email: 'rep@v.example', Alias: 'rep' });
    for (let i = 0; i < 30; i += 1) target.store.create('Account', { Name: `Account "${i}", Inc`, NumberOfEmployees: i, OwnerId: owner });
    const conn = await oauthConnection(target);
    const stream = await conn.bulk2.query('SELECT Id, Name, NumberOfEmployees, Owner.Email FROM Account ORDER BY NumberOfEmployees');
    const records = await stream.toArray();
    expect(records).toHaveLength(30);
    expect(records[3]).toMatchObject({ Name: 'Account "3", Inc', NumberOfEmployees: '3', 'Owner.Email': 'rep@v.example' });
    const paths = target.requests().map((request) => `${request.method} ${request.url.replace(/750\w+/, '{job}')}`);
    expect(paths).toEqual(['POST /services/data/v62.0/jobs/query', 'GET /services/data/v62.0/jobs/query/{job}', 'GET /services/data/v62.0/jobs/query/{job}/results']);
  });

  it('given a query job, when its results are read in pages, then Sforce-Locator leads from page to page and ends with null', async () => {
    const clock = new SandboxClock();
    clock.freeze(Date.UTC(2024, 0, 31, 10, 0, 0));
    const target = await sandbox({ clock });
    for (let i = 0; i < 5; i += 1) target.store.create('Account', { Name: `A${i}`, Description: i === 0 ? 'line one\nline "two"' : null });
    const conn = await oauthConnection(target);
    const created = await raw(target, conn, 'POST', '/services/data/v62.0/jobs/query', { operation: 'query', query: 'SELECT Id, Name, Description, IsDeleted, CreatedDate FROM Account ORDER BY Name' });
    expect(created.status).toBe(200);
    const job = QueryJobCreated.parse(created.json);
    expect(job).toMatchObject({ operation: 'query', object: 'Account', state: 'UploadComplete', apiVersion: 62, lineEnding: 'LF', columnDelimiter: 'COMMA' });
    const info = QueryJobInfo.parse((await raw(target, conn, 'GET', `/services/data/v62.0/jobs/query/${job.id}`)).json);
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 5, jobType: 'V2Query' });

    const first = await raw(target, conn, 'GET', `/services/data/v62.0/jobs/query/${job.id}/results?maxRecords=2`);
    expect(first.headers.get('content-type')).toContain('text/csv');
    expect(first.headers.get('sforce-numberofrecords')).toBe('2');
    const locator = first.headers.get('sforce-locator') ?? '';
    expect(locator).not.toBe('null');
    const [a0, a1] = target.store.ids('Account');
    expect(first.text).toBe(
      '"Id","Name","Description","IsDeleted","CreatedDate"\n' +
        `"${a0 ?? ''}","A0","line one\nline ""two""","false","2024-01-31T10:00:00.000Z"\n` +
        `"${a1 ?? ''}","A1",,"false","2024-01-31T10:00:00.000Z"\n`,
    );
    const second = await raw(target, conn, 'GET', `/services/data/v62.0/jobs/query/${job.id}/results?locator=${locator}&maxRecords=2`);
    const third = await raw(target, conn, 'GET', `/services/data/v62.0/jobs/query/${job.id}/results?locator=${second.headers.get('sforce-locator') ?? ''}&maxRecords=2`);
    expect(third.headers.get('sforce-numberofrecords')).toBe('1');
    expect(third.headers.get('sforce-locator')).toBe('null');
    expect(third.text.split('\n')[1]).toContain('"A4"');

    const other = await raw(target, conn, 'GET', `/services/data/v61.0/jobs/query/${job.id}/results`);
    expect(other.status).toBe(409);
    expect(ErrorArray.parse(other.json)[0]?.errorCode).toBe('API_VERSION_MISMATCH');
    expect((await raw(target, conn, 'DELETE', `/services/data/v62.0/jobs/query/${job.id}`)).status).toBe(204);
    expect((await raw(target, conn, 'GET', `/services/data/v62.0/jobs/query/${job.id}`)).status).toBe(404);
  });

  it('given queryAll, a delimiter and CRLF, when the job runs, then deleted records are included and the CSV uses them', async () => {
    const target = await sandbox();
    const gone = target.store.create('Account', { Name: 'Gone' });
    target.store.delete('Account', gone);
    const conn = await oauthConnection(target);
    const created = QueryJobCreated.parse(
      (await raw(target, conn, 'POST', '/services/data/v62.0/jobs/query', { operation: 'queryAll', query: 'SELECT Id, IsDeleted FROM Account', columnDelimiter: 'PIPE', lineEnding: 'CRLF' })).json,
    );
    const results = await raw(target, conn, 'GET', `/services/data/v62.0/jobs/query/${created.id}/results`);
    expect(results.text).toBe(`"Id"|"IsDeleted"\r\n"${gone}"|"true"\r\n`);
  });

  it.each([
    ['an aggregate query', 'SELECT COUNT() FROM Account', 'INVALIDJOB'],
    ['a subquery', 'SELECT Name, (SELECT Name FROM Opportunities) FROM Account', 'INVALIDJOB'],
    ['OFFSET', 'SELECT Name FROM Account LIMIT 5 OFFSET 1', 'INVALIDJOB'],
    ['a malformed query', 'SELECT FROM Account', 'MALFORMED_QUERY'],
  ])('given %s, when a query job is created, then the API refuses it with %s', async (_case, query, errorCode) => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    const response = await raw(target, conn, 'POST', '/services/data/v62.0/jobs/query', { operation: 'query', query });
    expect(response.status).toBe(400);
    expect(ErrorArray.parse(response.json)[0]?.errorCode).toBe(errorCode);
    expect((await failure(conn.bulk2.query(query))).errorCode).toBe(errorCode);
  });

  it('given a fresh job, when it is aborted before its first check, then it reports Aborted and has no results', async () => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    const job = QueryJobCreated.parse((await raw(target, conn, 'POST', '/services/data/v62.0/jobs/query', { operation: 'query', query: 'SELECT Id FROM Account' })).json);
    const aborted = await raw(target, conn, 'PATCH', `/services/data/v62.0/jobs/query/${job.id}`, { state: 'Aborted' });
    expect(QueryJobInfo.parse(aborted.json).state).toBe('Aborted');
    const results = await raw(target, conn, 'GET', `/services/data/v62.0/jobs/query/${job.id}/results`);
    expect(results.status).toBe(400);
  });
});
