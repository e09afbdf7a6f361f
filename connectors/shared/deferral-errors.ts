import type { Deferral } from '../../src/queues/job-deferral.js';

// These errors defer the job that meets them (see src/queues/job-deferral.ts): no attempt is spent.

/** The CRM said to slow down (HTTP 429 or a concurrency limit); wait as long as it asked. */
export class RateLimitedError extends Error implements Deferral {
  override readonly name = 'RateLimitedError';
  readonly deferMs: number;
  readonly connectionId: string;
  readonly httpStatus = 429;
  readonly crmCode: string | undefined;

  constructor(connectionId: string, deferMs: number, crmCode?: string, options?: { cause?: unknown }) {
    super(`${connectionId}: the CRM is throttling requests; waiting ${deferMs} ms before trying again`, options);
    this.connectionId = connectionId;
    this.deferMs = deferMs;
    this.crmCode = crmCode;
  }
}

/** The connection used its allowed share of the CRM's API limit; wait until the window frees up. */
export class BudgetExhaustedError extends Error implements Deferral {
  override readonly name = 'BudgetExhaustedError';
  readonly deferMs: number;
  readonly connectionId: string;

  constructor(connectionId: string, used: number, allowed: number, deferMs: number) {
    super(
      `${connectionId}: ${used} API calls used of the ${allowed} this connection may spend; ` +
        `pausing its jobs for ${Math.round(deferMs / 1000)} s (raise the budget share in the workspace file to spend more)`,
    );
    this.connectionId = connectionId;
    this.deferMs = deferMs;
  }
}

/**
 * The CRM refused the credentials themselves (e.g. OAuth `invalid_grant`: a revoked refresh token). No retry
 * helps until an admin reconnects; the connection's jobs wait instead of burning attempts.
 */
export class ReconnectRequiredError extends Error implements Deferral {
  override readonly name = 'ReconnectRequiredError';
  readonly deferMs: number;
  readonly connectionId: string;
  readonly crmCode: string | undefined;

  constructor(connectionId: string, crmCode: string | undefined, detail: string, options?: { cause?: unknown }) {
    super(
      `${connectionId}: the CRM refused this connection's credentials (${crmCode ?? 'unknown'}: ${detail}); ` +
        'reconnect it (new refresh token or password in the environment) — its jobs wait until then',
      options,
    );
    this.connectionId = connectionId;
    this.crmCode = crmCode;
    this.deferMs = 5 * 60_000;
  }
}
