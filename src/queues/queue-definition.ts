import type { z } from 'zod';

/** Payloads carry ids, not records; anything larger than this is a bug in the producer. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024;

/** A named queue and the zod schema every one of its jobs' payloads must satisfy. */
export interface QueueDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  payload: Schema;
  maxPayloadBytes: number;
  /** Attempts before a job goes to the dead-letter queue. */
  attempts: number;
}

export type PayloadOf<Definition extends QueueDefinition> = z.infer<Definition['payload']>;

export function defineQueue<Schema extends z.ZodType>(
  name: string,
  payload: Schema,
  options: { maxPayloadBytes?: number; attempts?: number } = {},
): QueueDefinition<Schema> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new TypeError(`queue name "${name}": expected lower-case letters, digits and dashes`);
  }
  return {
    name,
    payload,
    maxPayloadBytes: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
    attempts: options.attempts ?? 5,
  };
}
