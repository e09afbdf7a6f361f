import type { FieldValue } from '../schema/object-schema.js';
import type { Column } from '../soql/soql-compiler.js';
import type { StoredRecord } from '../store/object-table.js';
import { toBulkDateTime } from '../salesforce-dates.js';
import type { ColumnDelimiter, LineEnding } from './bulk-query-jobs.js';

const DELIMITERS: Record<ColumnDelimiter, string> = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
};

/**
 * Bulk API 2.0 query results as CSV: a header row of the selected field names (`Account.Name`), then one row per
 * record; every value is quoted (quotes doubled), null is empty, datetimes end in `Z`.
 */
export class CsvFormat {
  private readonly delimiter: string;
  private readonly newline: string;
  private readonly columns: readonly Column[];

  constructor(columns: readonly Column[], delimiter: ColumnDelimiter, lineEnding: LineEnding) {
    this.columns = columns;
    this.delimiter = DELIMITERS[delimiter];
    this.newline = lineEnding === 'CRLF' ? '\r\n' : '\n';
  }

  header(): string {
    return this.columns.map((column) => quote(column.header)).join(this.delimiter) + this.newline;
  }

  row(record: StoredRecord): string {
    return this.columns.map((column) => cell(column, column.read(record))).join(this.delimiter) + this.newline;
  }
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function cell(column: Column, value: FieldValue): string {
  if (value === null) return '';
  if (column.field.type === 'datetime' && typeof value === 'string') return quote(toBulkDateTime(value));
  return quote(String(value));
}
