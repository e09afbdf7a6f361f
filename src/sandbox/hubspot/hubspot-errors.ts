import { randomUUID } from 'node:crypto';

/** The body of a HubSpot API error: https://developers.hubspot.com/docs/api/error-handling */
export interface HubSpotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  errors?: { message: string; code?: string; context?: Record<string, string[]> }[];
  context?: Record<string, string[]>;
  [extra: string]: unknown;
}

export interface ErrorDetails {
  message: string;
  category: string;
  errors?: HubSpotErrorBody['errors'];
  context?: Record<string, string[]>;
  [extra: string]: unknown;
}

/** An error a sandbox route answers with, in HubSpot's shape. */
export class HubSpotApiError extends Error {
  readonly statusCode: number;
  readonly body: HubSpotErrorBody;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, body: ErrorDetails, headers: Record<string, string> = {}) {
    super(body.message);
    this.statusCode = statusCode;
    this.body = { ...body, status: 'error', correlationId: randomUUID() };
    this.headers = headers;
  }
}

export const notFound = (message: string): HubSpotApiError => new HubSpotApiError(404, { message, category: 'OBJECT_NOT_FOUND' });

export const validationError = (message: string, extra: Partial<ErrorDetails> = {}): HubSpotApiError =>
  new HubSpotApiError(400, { message, category: 'VALIDATION_ERROR', ...extra });
