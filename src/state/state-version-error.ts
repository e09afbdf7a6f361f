/** A workspace's state was written by a newer build (or its version marker is unreadable): this process must not touch it. */
export class StateVersionError extends Error {
  override readonly name = 'StateVersionError';
}
