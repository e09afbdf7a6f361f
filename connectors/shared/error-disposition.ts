/**
 * What to do about a CRM error. Each connector declares one table of rules (status / code → disposition)
 * in one place; every call site classifies through it, so the decision is made once and never stacked.
 */
export type Disposition =
  /** Transient (5xx, timeouts, row locks): let the job retry with backoff. */
  | 'retry'
  /** Throttled (429, concurrency limits): wait as long as the CRM says; costs no attempt. */
  | 'wait'
  /** The session expired: refresh the token and repeat the call once. */
  | 'reauthenticate'
  /** The credentials themselves are refused (invalid_grant): pause the connection until an admin reconnects it. */
  | 'reconnect'
  /** This record is wrong (validation, duplicate, restricted picklist): fail it alone, keep the batch. */
  | 'fail-record'
  /** The request itself is wrong (bad query, unknown object or field): no retry will help. */
  | 'fail';

export interface ErrorRule {
  /** HTTP status this rule matches; omitted matches any status. */
  status?: number | readonly number[];
  /** CRM error code this rule matches (Salesforce errorCode, HubSpot category/error); omitted matches any. */
  code?: string | readonly string[];
  disposition: Disposition;
  /** Why, for the BEHAVIOR.md reader and the error message. */
  reason: string;
}

export interface ErrorFacts {
  status: number | undefined;
  code: string | undefined;
}

const matches = <T>(rule: T | readonly T[] | undefined, value: T | undefined): boolean =>
  rule === undefined || (Array.isArray(rule) ? rule.includes(value) : rule === value);

/** The first rule that matches; the table must end with a catch-all rule. */
export function classify(table: readonly ErrorRule[], facts: ErrorFacts): ErrorRule {
  for (const rule of table) {
    if (matches(rule.status, facts.status) && matches(rule.code, facts.code)) return rule;
  }
  return { disposition: 'fail', reason: 'no rule matched this error' };
}
