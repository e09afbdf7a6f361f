import { InvalidJobPayloadError } from './invalid-job-payload-error.js';
import { PayloadTooLargeError } from './payload-too-large-error.js';
import type { PayloadOf, QueueDefinition } from './queue-definition.js';

/** Checks a payload against its queue's schema and size limit; returns the parsed payload. */
export function validatePayload<Definition extends QueueDefinition>(
  definition: Definition,
  payload: unknown,
  stage: 'enqueue' | 'process',
): PayloadOf<Definition> {
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) throw new InvalidJobPayloadError(definition.name, stage, parsed.error.issues);
  const bytes = Buffer.byteLength(JSON.stringify(parsed.data), 'utf8');
  if (bytes > definition.maxPayloadBytes) {
    throw new PayloadTooLargeError(definition.name, bytes, definition.maxPayloadBytes);
  }
  return parsed.data as PayloadOf<Definition>;
}
