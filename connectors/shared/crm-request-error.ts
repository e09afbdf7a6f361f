import type { ErrorRule } from './error-disposition.js';

export interface CrmRequestErrorDetails {
  connectionId: string;
  /** What was asked, in words: `upsert Account by Cosell_Id__c (200 records)`. */
  operation: string;
  httpStatus: number | undefined;
  crmCode: string | undefined;
  /** What came back: the CRM's own message. */
  crmMessage: string;
  rule: ErrorRule;
}

/**
 * A CRM call that failed. Says what was asked, what came back, and what to do; carries the CRM's code and
 * HTTP status (the dead-letter queue keeps them) and the disposition from the connector's error table.
 */
export class CrmRequestError extends Error {
  override readonly name = 'CrmRequestError';
  readonly connectionId: string;
  readonly operation: string;
  readonly httpStatus: number | undefined;
  readonly crmCode: string | undefined;
  readonly crmMessage: string;
  readonly rule: ErrorRule;

  constructor(details: CrmRequestErrorDetails, options?: { cause?: unknown }) {
    const status = details.httpStatus === undefined ? 'no response' : `HTTP ${details.httpStatus}`;
    const code = details.crmCode ? ` ${details.crmCode}` : '';
    super(
      `${details.connectionId}: ${details.operation} failed with ${status}${code}: ${details.crmMessage} ` +
        `(${details.rule.disposition}: ${details.rule.reason})`,
      options,
    );
    this.connectionId = details.connectionId;
    this.operation = details.operation;
    this.httpStatus = details.httpStatus;
    this.crmCode = details.crmCode;
    this.crmMessage = details.crmMessage;
    this.rule = details.rule;
  }
}
