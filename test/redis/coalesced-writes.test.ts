import type { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisConnection, type RedisRole } from '../../src/redis/redis-connection-factory.js';
import { REDIS_URL, silentLogger, testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let workspace: TestWorkspace | undefined;
afterEach(async () => {
  await workspace?.cleanup();
  workspace = undefined;
});

/** Counts what reaches the socket's own write functions: one call is one write to the kernel. */
function watchWrites(socket: Socket): { writes: number[] } {
  const seen = { writes: [] as number[] };
  const target = socket as unknown as { _write: (...args: unknown[]) => void; _writev: (chunks: unknown[], callback: unknown) => void };
  const single = target._write.bind(socket);
  const many = target._writev.bind(socket);
  target._write = (...args: unknown[]) => {
    seen.writes.push(1);
    single(...args);
  };
  target._writev = (chunks: unknown[], callback: unknown) => {
    seen.writes.push(chunks.length);
    many(chunks, callback);
  };
  return seen;
}

/** The socket writes `send` makes on a fresh connection of `role`. */
async function writesOf(role: RedisRole, send: (redis: Redis) => Promise<void>): Promise<number[]> {
  const redis = createRedisConnection({ url: REDIS_URL }, role, silentLogger);
  try {
    await redis.ping();
    const watched = watchWrites(redis.stream);
    await send(redis);
    return [...watched.writes]; // a copy: the QUIT below is not one of them
  } finally {
    await redis.quit();
  }
}

describe('coalesced writes on the engine\'s Redis connection', () => {
  it('given commands issued in one tick, then they reach the socket in one write and are answered in order, also on the socket a reconnect opens', async () => {
    workspace = await testWorkspace();
    const key = `${workspace.prefix}:coalesced`;
    const redis = createRedisConnection({ url: REDIS_URL }, 'engine', silentLogger);
    try {
      await redis.ping();
      for (const round of [1, 2]) {
        const watched = watchWrites(redis.stream);
        const answers = await Promise.all(Array.from({ length: 20 }, () => redis.incr(key)));
        expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => (round - 1) * 20 + i + 1));
        expect(watched.writes).toEqual([20]);
        if (round === 1) {
          // Kill this connection server-side (a Redis restart): ioredis opens a new socket.
          const before = redis.stream;
          const admin = new Redis(REDIS_URL);
          await admin.client('KILL', 'ID', String(await redis.client('ID')));
          await admin.quit();
          await redis.ping();
          expect(redis.stream).not.toBe(before);
        }
      }
    } finally {
      await redis.quit();
    }
  });

  it('given BullMQ\'s connection (role worker), then its commands are written one by one, as BullMQ expects', async () => {
    const writes = await writesOf('worker', async (redis) => {
      await Promise.all(Array.from({ length: 5 }, () => redis.ping()));
    });
    expect(writes[0]).toBe(1);
    expect(writes.length).toBeGreaterThan(1);
  });

  it('given commands issued in separate ticks, then each is written as it comes (nothing waits for a later command)', async () => {
    const writes = await writesOf('engine', async (redis) => {
      expect(await redis.ping()).toBe('PONG');
      expect(await redis.ping('again')).toBe('again');
    });
    expect(writes).toEqual([1, 1]);
  });
});
