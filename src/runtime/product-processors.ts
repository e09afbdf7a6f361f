import type { ProcessorRegistration } from './processor-registration.js';

/**
 * The job processors `cosell worker` hosts, one registration per queue. Each part of the engine adds
 * its own here as it lands (see docs/queues.md for the queue catalogue).
 */
export const PRODUCT_PROCESSORS: readonly ProcessorRegistration[] = [];
