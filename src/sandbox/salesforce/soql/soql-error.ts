import { SalesforceApiError } from '../errors.js';

export type SoqlErrorCode =
  | 'MALFORMED_QUERY'
  | 'INVALID_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_QUERY_FILTER_OPERATOR'
  | 'NUMBER_OUTSIDE_VALID_RANGE';

/**
 * A query the API refuses. Its message is written like the real one: the query line, a caret under the place,
 * `ERROR at Row:r:Column:c`, then what is wrong, e.g.
 * `\nSELECT Id FROM Nope\n               ^\nERROR at Row:1:Column:16\nsObject type 'Nope' is not supported. …`
 */
export class SoqlError extends Error {
  override readonly name = 'SoqlError';
  readonly code: SoqlErrorCode;
  /** Offset in the query the error points at, when it points at one. */
  readonly offset: number | undefined;

  constructor(code: SoqlErrorCode, detail: string, offset?: number) {
    super(detail);
    this.code = code;
    this.offset = offset;
  }

  /** The API error for this query (400 with the located message). */
  toApiError(query: string): SalesforceApiError {
    return new SalesforceApiError(400, this.code, locate(query, this.message, this.offset));
  }
}

function locate(query: string, detail: string, offset: number | undefined): string {
  if (offset === undefined) return detail;
  const before = query.slice(0, offset);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = query.indexOf('\n', offset);
  const line = query.slice(lineStart, lineEnd === -1 ? query.length : lineEnd);
  const column = offset - lineStart + 1;
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${detail}`;
}

export const unknownObjectMessage = (name: string): string =>
  `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;

export const unknownFieldMessage = (name: string, object: string): string =>
  `No such column '${name}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;

export const unknownRelationshipMessage = (name: string): string =>
  `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`;
