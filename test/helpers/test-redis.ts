import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { QueueConnection } from '../../src/queues/job-queue.js';
import { workspaceKeyPrefix } from '../../src/redis/key-prefix.js';
import { redisOptions } from '../../src/redis/redis-connection-factory.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const silentLogger = pino({ level: 'silent' });

/** A workspace of its own for one test: a unique id, its key prefix, and a cleanup that deletes its keys. */
export interface TestWorkspace {
  id: string;
  prefix: string;
  redis: Redis;
  connection: QueueConnection;
  cleanup(): Promise<void>;
}

export async function testWorkspace(): Promise<TestWorkspace> {
  const id = `t-${randomBytes(5).toString('hex')}`;
  const prefix = workspaceKeyPrefix(id);
  const redis = new Redis(REDIS_URL, redisOptions('worker'));
  await redis.ping();
  return {
    id,
    prefix,
    redis,
    connection: { connection: redis, prefix },
    async cleanup() {
      await deleteKeys(redis, `${prefix}*`);
      // QUIT waits for Redis; never let a slow answer hang a test's teardown.
      await Promise.race([redis.quit(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      redis.disconnect();
    },
  };
}

export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  // The prefix's braces are glob specials: escape them for SCAN MATCH.
  const match = pattern.replace(/[{}[\]]/g, (c) => `\\${c}`);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
