/**
 * An error that defers a job instead of failing it: the queue worker puts the job back in the delayed set
 * for `deferMs` without spending an attempt (a 429 or an exhausted API budget is not the job's fault).
 */
export interface Deferral {
  readonly deferMs: number;
  /** Waiting its turn, not held back by a failure: logged at debug, not as a warning. */
  readonly routine?: boolean;
}

export function isDeferral(error: unknown): error is Error & Deferral {
  if (!(error instanceof Error)) return false;
  const deferMs: unknown = Reflect.get(error, 'deferMs');
  return typeof deferMs === 'number' && Number.isFinite(deferMs) && deferMs >= 0;
}
