import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';

export type EvictionCheck =
  | { status: 'ok'; policy: 'noeviction' }
  | { status: 'unsafe'; policy: string }
  | { status: 'unknown'; reason: string };

/**
 * BullMQ keeps job locks and queue state as ordinary keys; a Redis that evicts keys under memory
 * pressure can drop them and lose or duplicate jobs. Warn loudly unless the policy is `noeviction`.
 * Managed services sometimes disable CONFIG; that is reported as unknown, not as a failure.
 */
export async function checkEvictionPolicy(redis: Redis, logger: Logger): Promise<EvictionCheck> {
  let result: EvictionCheck;
  try {
    const reply = await redis.call('CONFIG', 'GET', 'maxmemory-policy');
    const policy = Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : undefined;
    if (policy === undefined) result = { status: 'unknown', reason: 'CONFIG GET returned no policy' };
    else if (policy === 'noeviction') result = { status: 'ok', policy };
    else result = { status: 'unsafe', policy };
  } catch (error) {
    result = { status: 'unknown', reason: error instanceof Error ? error.message : String(error) };
  }
  if (result.status === 'unsafe') {
    logger.warn(
      { maxmemoryPolicy: result.policy },
      `Redis maxmemory-policy is "${result.policy}": under memory pressure Redis may evict queue keys and ` +
        'lose jobs. Set it to "noeviction" (redis.conf: maxmemory-policy noeviction, or CONFIG SET).',
    );
  } else if (result.status === 'unknown') {
    logger.warn(
      { reason: result.reason },
      'Could not read Redis maxmemory-policy; make sure it is "noeviction" so queue keys are never evicted.',
    );
  }
  return result;
}
