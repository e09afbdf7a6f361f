import type { Connection } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api.js';
import type { z } from 'zod';
import type { ApiUsageStore } from '../shared/api-usage-store.js';
import { CrmRequestError } from '../shared/crm-request-error.js';
import { RateLimitedError, ReconnectRequiredError } from '../shared/deferral-errors.js';
import { classify } from '../shared/error-disposition.js';
import { limitWaitMs, SALESFORCE_ERROR_TABLE } from './error-table.js';
import type { SalesforceSession } from './salesforce-session.js';

export interface SalesforceRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below the versioned root (`/query?q=…`), or from the host when it starts with `/services/`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SalesforceAnswer<T> {
  status: number;
  headers: Readonly<Record<string, string | undefined>>;
  body: T;
}

interface RawResponse {
  statusCode: number;
  headers: Record<string, string | undefined>;
}

/**
 * Every Salesforce call goes through here, so budget, usage, session and errors are handled once. Calls go
 * through jsforce's HTTP layer (its session refresh on 401 included) with jsforce's own retry turned off:
 * the job owns retries, and POSTs must not be repeated behind our back. The status and headers of each
 * answer are kept (jsforce's `conn.request` hides them), for `Sforce-Limit-Info` and Bulk 2.0's `Sforce-Locator`.
 */
export class SalesforceCaller {
  readonly #session: SalesforceSession;
  readonly #usage: ApiUsageStore;
  readonly connectionId: string;
  readonly apiVersion: string;
  calls = 0;

  constructor(options: { connectionId: string; apiVersion: string; session: SalesforceSession; usage: ApiUsageStore }) {
    this.connectionId = options.connectionId;
    this.apiVersion = options.apiVersion;
    this.#session = options.session;
    this.#usage = options.usage;
  }

  /** A JSON call whose answer is checked against the provider's documented shape. */
  async json<T>(operation: string, request: SalesforceRequest, schema: z.ZodType<T>): Promise<SalesforceAnswer<T>> {
    const answer = await this.#send(operation, request, 'application/json');
    const parsed = schema.safeParse(answer.body ?? {});
    if (!parsed.success) {
      throw new CrmRequestError({
        connectionId: this.connectionId,
        operation,
        httpStatus: answer.status,
        crmCode: 'UNEXPECTED_RESPONSE',
        crmMessage: `the answer did not have the documented shape: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        rule: { disposition: 'fail', reason: 'Salesforce answered in an unexpected shape' },
      });
    }
    return { ...answer, body: parsed.data };
  }

  /** A call whose answer is text (Bulk 2.0 CSV results). */
  async text(operation: string, request: SalesforceRequest): Promise<SalesforceAnswer<string>> {
    const answer = await this.#send(operation, request, 'text/plain');
    return { ...answer, body: typeof answer.body === 'string' ? answer.body : '' };
  }

  async #send(operation: string, request: SalesforceRequest, responseType: string): Promise<SalesforceAnswer<unknown>> {
    await this.#usage.assertAvailable();
    const conn = await this.#session.connection();
    const api = new HttpApi(conn, { retry: { maxRetries: 0 }, responseType, noContentResponse: '' });
    let last: RawResponse | undefined;
    api.on('response', (response: RawResponse) => {
      last = response;
    });
    this.calls += 1;
    const headers: Record<string, string> = { ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers };
    try {
      const body: unknown = await api.request({
        method: request.method,
        url: this.#url(conn, request.path),
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
      await this.#recordUsage(last);
      return { status: last?.statusCode ?? 200, headers: last?.headers ?? {}, body };
    } catch (error) {
      await this.#recordUsage(last);
      throw this.#failure(operation, error, last?.statusCode);
    }
  }

  #url(conn: Connection, path: string): string {
    const base = (conn.instanceUrl || '').replace(/\/$/, '');
    return path.startsWith('/services/') ? base + path : `${base}/services/data/v${this.apiVersion}${path}`;
  }

  async #recordUsage(response: RawResponse | undefined): Promise<void> {
    const match = /api-usage=(\d+)\/(\d+)/.exec(response?.headers['sforce-limit-info'] ?? '');
    if (match) await this.#usage.record(Number(match[1]), Number(match[2]));
  }

  #failure(operation: string, error: unknown, status: number | undefined): Error {
    if (!(error instanceof Error)) return new Error(String(error));
    // jsforce rewraps a failed session refresh; the session kept the real reason.
    if (error.message.startsWith('Unable to refresh session') && this.#session.refusal) return this.#session.refusal;
    if (error instanceof ReconnectRequiredError || error instanceof CrmRequestError) return error;
    const { code, message } = errorFacts(error);
    if (code === undefined && status === undefined) {
      return new CrmRequestError(
        { connectionId: this.connectionId, operation, httpStatus: undefined, crmCode: 'NETWORK', crmMessage: error.message, rule: { disposition: 'retry', reason: 'Salesforce could not be reached' } },
        { cause: error },
      );
    }
    const rule = classify(SALESFORCE_ERROR_TABLE, { status, code });
    if (rule.disposition === 'wait') return new RateLimitedError(this.connectionId, code === 'REQUEST_LIMIT_EXCEEDED' ? limitWaitMs(message) : 60_000, code, { cause: error });
    if (rule.disposition === 'reconnect' || rule.disposition === 'reauthenticate') return new ReconnectRequiredError(this.connectionId, code, message, { cause: error });
    return new CrmRequestError({ connectionId: this.connectionId, operation, httpStatus: status, crmCode: code, crmMessage: message, rule }, { cause: error });
  }
}

/** The errorCode and message of a jsforce HttpApiError (several errors: the first one's). */
function errorFacts(error: Error): { code: string | undefined; message: string } {
  const data: unknown = Reflect.get(error, 'data');
  const first: unknown = Array.isArray(data) ? data[0] : undefined;
  if (first !== null && typeof first === 'object') {
    const code: unknown = Reflect.get(first, 'errorCode');
    const message: unknown = Reflect.get(first, 'message');
    return { code: typeof code === 'string' ? code : undefined, message: typeof message === 'string' ? message : error.message };
  }
  const code: unknown = Reflect.get(error, 'errorCode');
  return { code: typeof code === 'string' && !code.startsWith('ERROR_HTTP_') && code !== 'Error' ? code : undefined, message: error.message };
}
