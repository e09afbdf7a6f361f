import jsforce, { type Connection } from 'jsforce';
import { afterEach } from 'vitest';
import { startSalesforceSandbox, type SalesforceSandbox, type SalesforceSandboxOptions } from '../../../src/sandbox/salesforce/salesforce-sandbox.js';

const running: SalesforceSandbox[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

/** A fresh sandbox for one test, closed after it. */
export async function sandbox(options: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  const started = await startSalesforceSandbox(options);
  running.push(started);
  return started;
}

/** jsforce logged in through the OAuth 2.0 username-password flow, as the connectors log in. */
export async function oauthConnection(target: SalesforceSandbox, version = '62.0'): Promise<Connection> {
  const { username, password, securityToken, clientId, clientSecret } = target.credentials;
  const conn = new jsforce.Connection({ loginUrl: target.url, version, oauth2: { clientId, clientSecret, loginUrl: target.url } });
  await conn.login(username, password + securityToken);
  return conn;
}

/** The same request jsforce would make, without jsforce: for exact statuses, headers and bodies. */
export async function raw(
  target: SalesforceSandbox,
  conn: Connection,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const response = await fetch(`${target.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${conn.accessToken ?? ''}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: parseJson(text), text };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The error jsforce rejects with: its `errorCode` (the API's code) and message. */
export async function failure(promise: PromiseLike<unknown>): Promise<{ errorCode: string; message: string; data: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) {
      const errorCode = 'errorCode' in error && typeof error.errorCode === 'string' ? error.errorCode : error.name;
      return { errorCode, message: error.message, data: 'data' in error ? error.data : undefined };
    }
    throw error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
