/** An accounts CSV file that cannot be read as asked: missing, not CSV, or without a required column. */
export class AccountCsvError extends Error {
  override readonly name = 'AccountCsvError';
}
