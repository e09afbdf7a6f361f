import type { Client } from '@hubspot/api-client';
import type { z } from 'zod';
import type { Logger } from '../../src/logging/logger.js';
import type { ApiUsageStore } from '../shared/api-usage-store.js';
import { CrmRequestError } from '../shared/crm-request-error.js';
import { RateLimitedError, ReconnectRequiredError } from '../shared/deferral-errors.js';
import { classify } from '../shared/error-disposition.js';
import type { RequestWindowLimiter } from '../shared/request-window-limiter.js';
import { HUBSPOT_ERROR_TABLE } from './error-table.js';
import type { OAuthSession } from './oauth-session.js';
import { HubSpotError } from './raw-shapes.js';

/** The client's raw answer (node-fetch's Response). */
type ClientResponse = Awaited<ReturnType<Client['apiRequest']>>;
interface HeaderReader {
  get(name: string): string | null;
  has(name: string): boolean;
}

export interface HubSpotRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  qs?: Record<string, string>;
}

/** Waits longer than this for the shared rate window defer the job instead of holding a worker slot. */
const MAX_WAIT_IN_JOB_MS = 2_000;

export interface CallerDependencies {
  connectionId: string;
  client: Client;
  /** Bearer token source: a fixed private-app token, or an OAuth session shared through Redis. */
  token: { kind: 'static'; value: string } | { kind: 'oauth'; session: OAuthSession };
  apiLimiter: RequestWindowLimiter;
  searchLimiter: RequestWindowLimiter;
  usage: ApiUsageStore;
  logger: Logger;
}

/**
 * Every HubSpot call goes through here, so limits, budget, authentication and errors are handled once:
 * the shared rate window is taken first (all worker processes together stay under the app's limit), the
 * daily budget is checked, the answer's rate-limit headers are recorded, an expired OAuth token is
 * refreshed once, and failures become typed errors from the one error table.
 */
export class HubSpotCaller {
  readonly #deps: CallerDependencies;
  calls = 0;

  constructor(deps: CallerDependencies) {
    this.#deps = deps;
  }

  async json<T>(operation: string, request: HubSpotRequest, schema: z.ZodType<T>, options: { search?: boolean; signal?: AbortSignal } = {}): Promise<{ status: number; body: T }> {
    const response = await this.#send(operation, request, options, false);
    if (response.status === 204) return { status: 204, body: schema.parse({}) };
    const json: unknown = await response.json();
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new CrmRequestError({
        connectionId: this.#deps.connectionId,
        operation,
        httpStatus: response.status,
        crmCode: 'UNEXPECTED_RESPONSE',
        crmMessage: `the answer did not have the documented shape: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        rule: { disposition: 'fail', reason: 'HubSpot answered in an unexpected shape' },
      });
    }
    return { status: response.status, body: parsed.data };
  }

  async #send(operation: string, request: HubSpotRequest, options: { search?: boolean; signal?: AbortSignal }, refreshed: boolean): Promise<ClientResponse> {
    const deps = this.#deps;
    const token = deps.token.kind === 'static' ? deps.token.value : await deps.token.session.accessToken();
    const limiter = options.search ? deps.searchLimiter : deps.apiLimiter;
    // The daily budget and the rate window are asked together (one round trip before the call, not two); a
    // slot taken when the budget turns out spent just counts as used.
    const [budget, taken] = await Promise.allSettled([
      deps.usage.assertAvailable(),
      limiter.take(options.signal, MAX_WAIT_IN_JOB_MS, (waitMs) => {
        // Back a little early and wait the rest in the job: a slot is used the moment it frees.
        throw new RateLimitedError(deps.connectionId, Math.max(0, waitMs - MAX_WAIT_IN_JOB_MS / 2), 'LOCAL_WINDOW');
      }),
    ]);
    if (budget.status === 'rejected') throw budget.reason;
    if (taken.status === 'rejected') throw taken.reason;
    const slot = taken.value;
    this.calls += 1;
    let response: ClientResponse;
    try {
      response = await deps.client.apiRequest({
        method: request.method,
        path: request.path,
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(request.qs ? { qs: request.qs } : {}),
        headers: { Authorization: `Bearer ${token}` },
      });
    } catch (error) {
      await limiter.answered(slot);
      throw new CrmRequestError(
        { connectionId: deps.connectionId, operation, httpStatus: undefined, crmCode: 'NETWORK', crmMessage: error instanceof Error ? error.message : String(error), rule: { disposition: 'retry', reason: 'HubSpot could not be reached' } },
        { cause: error },
      );
    }
    // HubSpot counted the call when it arrived, somewhere between the slot and now: the slot counts from now.
    // Sent now and not waited for: the answer goes straight to the caller, and this process's next slot is
    // asked for on the same Redis connection, so Redis sees the move first.
    void Promise.all([limiter.answered(slot), this.#recordUsage(response.headers)]).catch((error: unknown) => {
      deps.logger.warn({ err: error, connectionId: deps.connectionId }, 'could not record a HubSpot call in the shared rate window');
    });
    if (response.ok) return response;

    const body = HubSpotError.safeParse(await response.json().catch(() => ({})));
    const error = body.success ? body.data : {};
    const rule = classify(HUBSPOT_ERROR_TABLE, { status: response.status, code: error.category });
    if (rule.disposition === 'wait') throw new RateLimitedError(deps.connectionId, waitFor(response.headers, error.policyName), error.policyName);
    if (rule.disposition === 'reauthenticate' && deps.token.kind === 'oauth' && !refreshed) {
      await deps.token.session.refresh(token);
      return this.#send(operation, request, options, true);
    }
    if (rule.disposition === 'reconnect' || rule.disposition === 'reauthenticate') {
      throw new ReconnectRequiredError(deps.connectionId, error.category, error.message ?? `HTTP ${String(response.status)}`);
    }
    throw new CrmRequestError({
      connectionId: deps.connectionId,
      operation,
      httpStatus: response.status,
      crmCode: error.category,
      crmMessage: error.message ?? `HTTP ${String(response.status)}`,
      rule,
    });
  }

  async #recordUsage(headers: HeaderReader): Promise<void> {
    const daily = Number(headers.get('x-hubspot-ratelimit-daily'));
    const remaining = Number(headers.get('x-hubspot-ratelimit-daily-remaining'));
    if (headers.has('x-hubspot-ratelimit-daily') && Number.isFinite(daily) && Number.isFinite(remaining)) {
      await this.#deps.usage.record(daily - remaining, daily);
    }
  }
}

/** How long a 429 asks to wait: Retry-After when sent, else the policy's window (10 s, or 1 s for search). */
export function waitFor(headers: HeaderReader, policyName: string | undefined): number {
  const retryAfter = Number(headers.get('retry-after'));
  if (headers.has('retry-after') && Number.isFinite(retryAfter)) return Math.max(1, retryAfter) * 1000;
  if (policyName === 'SECONDLY') return 1_000;
  if (policyName === 'DAILY') return 3_600_000;
  const interval = Number(headers.get('x-hubspot-ratelimit-interval-milliseconds'));
  return Number.isFinite(interval) && interval > 0 ? interval : 10_000;
}
