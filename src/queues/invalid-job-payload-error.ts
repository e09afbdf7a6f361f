import type { z } from 'zod';

/** A job payload that does not match its queue's schema; names the queue and every field at fault. */
export class InvalidJobPayloadError extends Error {
  override readonly name = 'InvalidJobPayloadError';
  readonly queue: string;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(queue: string, stage: 'enqueue' | 'process', issues: readonly z.core.$ZodIssue[]) {
    const details = issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    const action =
      stage === 'enqueue'
        ? 'nothing was enqueued; fix the caller'
        : 'the job was sent to the dead-letter queue without retries; fix the producer, then replay it';
    super(`invalid payload for queue "${queue}" at ${stage}: ${details} (${action})`);
    this.queue = queue;
    this.issues = issues;
  }
}
