import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import type { Secret } from '../config/secret.js';
import { coalesceWrites } from './coalesced-writes.js';

/**
 * What a connection is for. BullMQ workers block on Redis and must retry commands forever
 * (`maxRetriesPerRequest: null`); producers and state readers should fail fast when Redis is gone, so a
 * request or CLI call reports the outage instead of hanging. `engine` is the engine's state in a worker
 * process: it waits out an outage as a worker does, no BullMQ queue or worker runs on it, and the commands
 * it gets in one tick leave in one write (see coalesced-writes.ts; BullMQ's own connections are left as
 * BullMQ expects them).
 */
export type RedisRole = 'worker' | 'engine' | 'producer' | 'state';

export interface RedisSettings {
  url: string;
  password?: Secret | undefined;
}

/** Reconnect backoff: 0.5 s doubling to 20 s, forever; an outage is waited out, not fatal. */
export function reconnectDelay(attempt: number): number {
  return Math.min(500 * 2 ** Math.min(attempt - 1, 6), 20_000);
}

export function redisOptions(role: RedisRole): RedisOptions {
  return {
    maxRetriesPerRequest: role === 'worker' || role === 'engine' ? null : 3,
    enableOfflineQueue: role !== 'producer',
    retryStrategy: reconnectDelay,
    // After a failover the old primary answers READONLY: reconnect to reach the new one.
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
    lazyConnect: false,
  };
}

/** The one way the project opens Redis connections; logs outages once and recovery once. */
export function createRedisConnection(settings: RedisSettings, role: RedisRole, logger: Logger): Redis {
  const redis = new Redis(settings.url, {
    ...redisOptions(role),
    ...(settings.password ? { password: settings.password.reveal() } : {}),
    connectionName: `cosell-${role}`,
  });
  if (role === 'engine') coalesceWrites(redis);
  const log = logger.child({ redis: role });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) log.error({ err: error }, 'redis connection failed; retrying in the background');
    down = true;
  });
  redis.on('reconnecting', (delay: number) => {
    if (!down) log.warn({ delayMs: delay }, 'redis connection lost; reconnecting in the background');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info('redis connection restored');
    down = false;
  });
  return redis;
}
