import { describe, expect, it } from 'vitest';
import { ErrorArray, Limits } from './documented-shapes.js';
import { failure, oauthConnection, raw, sandbox } from './sandbox-fixture.js';

describe('Salesforce sandbox limits and faults', () => {
  it('given API calls, when they are answered, then each carries Sforce-Limit-Info and /limits reports DailyApiRequests', async () => {
    const target = await sandbox({ settings: { dailyApiLimit: 5000 } });
    const conn = await oauthConnection(target);
    await conn.query('SELECT Id FROM Account');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 1, limit: 5000 } });
    const response = await raw(target, conn, 'GET', '/services/data/v62.0/limits');
    expect(response.headers.get('sforce-limit-info')).toBe('api-usage=2/5000');
    const limits = Limits.parse(response.json);
    expect(limits.DailyApiRequests).toEqual({ Max: 5000, Remaining: 4998 });
    expect(limits.DailyBulkV2QueryJobs).toBeDefined();
    expect(target.apiUsage()).toEqual({ used: 2, max: 5000 });
  });

  it('given the daily limit is used up, when jsforce calls the API, then it answers 403 REQUEST_LIMIT_EXCEEDED until the limit is raised', async () => {
    const target = await sandbox({ settings: { dailyApiLimit: 3 } });
    const conn = await oauthConnection(target);
    for (let i = 0; i < 3; i += 1) await conn.query('SELECT Id FROM Account');
    const error = await failure(conn.query('SELECT Id FROM Account'));
    expect(error).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' });
    const response = await raw(target, conn, 'GET', '/services/data/v62.0/limits');
    expect(response.status).toBe(403);
    expect(ErrorArray.parse(response.json)).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(response.headers.get('sforce-limit-info')).toBe('api-usage=3/3');
    target.setDailyApiLimit(10);
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(0);
  });

  it('given a rolling day, when the clock passes 24 hours, then old requests stop counting', async () => {
    const target = await sandbox({ settings: { dailyApiLimit: 2 } });
    const conn = await oauthConnection(target);
    await conn.query('SELECT Id FROM Account');
    await conn.query('SELECT Id FROM Account');
    expect((await failure(conn.query('SELECT Id FROM Account'))).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    target.clock.advance(24 * 60 * 60 * 1000);
    target.setSessionTtl(48 * 60 * 60 * 1000);
    await oauthConnection(target);
    expect(target.apiUsage().used).toBe(0);
  });

  it('given an error rate of 1, when a POST is sent, then the API answers 503 in the Salesforce error shape and jsforce reports it', async () => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    target.setFaults({ errorRate: 1 });
    const response = await raw(target, conn, 'POST', '/services/data/v62.0/sobjects/Account', { Name: 'A' });
    expect(response.status).toBe(503);
    expect(ErrorArray.parse(response.json)).toEqual([{ message: 'Server temporarily unavailable, please retry later.', errorCode: 'SERVER_UNAVAILABLE' }]);
    expect((await failure(conn.sobject('Account').create({ Name: 'A' }))).errorCode).toBe('SERVER_UNAVAILABLE');
    target.setFaults({ errorRate: 0 });
    expect(target.store.count('Account')).toBe(0);
    expect(await conn.sobject('Account').create({ Name: 'A' })).toMatchObject({ success: true });
  });

  it('given a seeded error rate, when the same requests are replayed with the same seed, then the same ones fail', async () => {
    const outcomes = async (): Promise<number[]> => {
      const target = await sandbox({ settings: { faults: { errorRate: 0.5, seed: 99, latencyMs: 0 } } });
      const conn = await oauthConnection(target);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await raw(target, conn, 'GET', '/services/data/v62.0/limits')).status);
      return statuses;
    };
    const first = await outcomes();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await outcomes()).toEqual(first);
  });

  it('given added latency, when the API answers, then it takes at least that long', async () => {
    const target = await sandbox();
    const conn = await oauthConnection(target);
    target.setFaults({ latencyMs: 150 });
    const started = performance.now();
    await conn.query('SELECT Id FROM Account');
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(target.settings().faults).toEqual({ latencyMs: 150, errorRate: 0, seed: 1 });
    expect(() => {
      target.setFaults({ errorRate: 2 });
    }).toThrow('invalid sandbox settings: faults.errorRate');
  });
});
