import { describe, expect, it } from 'vitest';
import { RateLimitedError, ReconnectRequiredError } from '../../../connectors/shared/deferral-errors.js';
import { Secret } from '../../../src/config/secret.js';
import { collect, idsOf, seedAccounts, setup, type AuthKind } from './salesforce-fixture.js';

describe('Salesforce connector sessions and budget against the sandbox', () => {
  it.each<AuthKind>(['password-soap', 'password-oauth', 'refresh-token', 'client-credentials'])('given %s credentials, then the connector logs in and reads', async (auth) => {
    const { sb, connector } = await setup({ auth });
    seedAccounts(sb, 3);
    expect(idsOf(await collect(connector.readChanges('Account', { fields: ['Name'] })))).toHaveLength(3);
  });

  it('given the session expires between two pages of a read, then the read logs in again once and goes on', async () => {
    const { sb, connector } = await setup();
    seedAccounts(sb, 600);
    let pages = 0;
    for await (const page of connector.readChanges('Account', { fields: ['Name'], pageSize: 200 })) {
      pages += page.records.length > 0 ? 1 : 0;
      if (pages === 1) sb.expireSessions();
    }
    expect(pages).toBe(3);
    expect(connector.session.logins).toBe(2);
  });

  it('given two worker processes and an expired session, then only one of them logs in again and both go on', async () => {
    const { sb, connector, another } = await setup();
    seedAccounts(sb, 5);
    const other = another();
    await connector.readByIds('Account', [], ['Name']);
    await Promise.all([connector.describe('Account'), other.describe('Account')]);
    sb.expireSessions();
    await Promise.all([connector.readChanges('Account', { fields: ['Name'] })[Symbol.asyncIterator]().next(), other.readChanges('Account', { fields: ['Name'] })[Symbol.asyncIterator]().next()]);
    expect(connector.session.logins + other.session.logins).toBe(2);
  });

  it('given a revoked refresh token, then the call fails as "reconnect required" (the job waits) instead of retrying', async () => {
    const { sb } = await setup();
    const refused = await setup({ settings: { loginUrl: sb.url, auth: { type: 'refresh-token', clientId: sb.credentials.clientId, clientSecret: new Secret(sb.credentials.clientSecret, 'S'), refreshToken: new Secret('5Aep-not-a-token', 'R') } } });
    const error = await refused.connector.describe('Account').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconnectRequiredError);
    expect(String(error)).toMatch(/invalid_grant.*reconnect it/);
  });

  it('given a password that stops working while a session was live, then the refresh is refused and the error says reconnect', async () => {
    const { sb, connector } = await setup({ auth: 'password-oauth' });
    await connector.describe('Account');
    const wrong = await setup({ settings: { auth: { type: 'username-password', username: sb.credentials.username, password: new Secret('wrong', 'P'), clientId: sb.credentials.clientId, clientSecret: new Secret(sb.credentials.clientSecret, 'S') }, loginUrl: sb.url } });
    await expect(wrong.connector.readByIds('Account', ['001000000000000AAA'], ['Name'])).rejects.toBeInstanceOf(ReconnectRequiredError);
  });

  it('given Sforce-Limit-Info, then the budget reflects it; past the allowed share the connector stops before calling', async () => {
    const { sb, connector } = await setup({ settings: { limits: { dailyShare: 0.5 } } });
    sb.setDailyApiLimit(20);
    await connector.describe('Account');
    const budget = await connector.budget();
    expect(budget).toMatchObject({ limit: 20, allowed: 10, window: 'daily' });
    expect(budget.used).toBeGreaterThan(0);
    const before = sb.apiUsage().used;
    let stopped: unknown;
    for (let i = 0; i < 20 && stopped === undefined; i += 1) {
      await connector.readByIds('Account', ['001000000000000AAA'], ['Name']).catch((error: unknown) => {
        stopped = error;
      });
    }
    expect((stopped as Error).name).toBe('BudgetExhaustedError');
    expect(sb.apiUsage().used).toBeLessThanOrEqual(10);
    expect(sb.apiUsage().used).toBeGreaterThan(before);
  });

  it('given the org past its daily limit, then REQUEST_LIMIT_EXCEEDED defers the job for an hour without spending an attempt', async () => {
    const { sb, connector } = await setup({ settings: { limits: { dailyShare: 1 } } });
    await connector.describe('Account');
    sb.setDailyApiLimit(sb.apiUsage().used);
    const error = await connector.readByIds('Account', ['001000000000000AAA'], ['Name']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ crmCode: 'REQUEST_LIMIT_EXCEEDED', deferMs: 3_600_000 });
  });
});
