// A Redis connection and a fresh key prefix for one benchmark run, removed afterwards.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { workspaceKeyPrefix } from '../../src/redis/key-prefix.js';

export interface BenchRedis {
  redis: Redis;
  prefix: string;
  cleanup(): Promise<void>;
}

export function benchRedis(): BenchRedis {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const prefix = workspaceKeyPrefix(`bench-${randomBytes(4).toString('hex')}`);
  return {
    redis,
    prefix,
    async cleanup() {
      const match = `${prefix.replace(/[{}]/g, (c) => `\\${c}`)}*`;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
    },
  };
}

export const perSecond = (count: number, ms: number): number => Math.round(count / (ms / 1000));
