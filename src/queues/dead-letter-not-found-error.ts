/** A dead-letter entry id that is not (or no longer) in the dead-letter queue. */
export class DeadLetterNotFoundError extends Error {
  override readonly name = 'DeadLetterNotFoundError';
  constructor(id: string) {
    super(`no dead-letter entry "${id}"; list the entries with \`cosell dlq list\``);
  }
}
