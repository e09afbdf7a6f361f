/** A command called with arguments it cannot use; the message says what was expected. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
