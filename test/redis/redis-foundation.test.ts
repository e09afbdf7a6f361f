import calculateSlot from 'cluster-key-slot';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEvictionPolicy } from '../../src/redis/eviction-policy-check.js';
import { stateKey, workspaceKeyPrefix } from '../../src/redis/key-prefix.js';
import { createRedisConnection, reconnectDelay, redisOptions } from '../../src/redis/redis-connection-factory.js';
import { CaptureStream } from '../helpers/capture-stream.js';
import { createRootLogger } from '../../src/logging/logger.js';
import { REDIS_URL, deleteKeys, silentLogger, testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let workspace: TestWorkspace | undefined;
afterEach(async () => {
  await workspace?.cleanup();
  workspace = undefined;
});

describe('redis connection factory', () => {
  it('given the worker role, then commands retry forever as BullMQ workers require', () => {
    expect(redisOptions('worker').maxRetriesPerRequest).toBeNull();
    expect(redisOptions('producer').maxRetriesPerRequest).toBe(3);
    expect(redisOptions('producer').enableOfflineQueue).toBe(false);
  });

  it('given repeated reconnects, then the delay doubles from 0.5 s and stays at most 20 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(reconnectDelay)).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 20000, 20000, 20000,
    ]);
  });

  it('given a real Redis, then the factory connects and names the connection by role', async () => {
    const redis = createRedisConnection({ url: REDIS_URL }, 'state', silentLogger);
    try {
      expect(await redis.ping()).toBe('PONG');
      expect(await redis.client('GETNAME')).toBe('cosell-state');
    } finally {
      await redis.quit();
    }
  });

  it('given Redis goes away and comes back, then the connection recovers by itself and logs the loss and the recovery once each', async () => {
    const out = new CaptureStream();
    const redis = createRedisConnection({ url: REDIS_URL }, 'worker', createRootLogger({ destination: out }));
    try {
      await redis.ping();
      // Kill this connection server-side, as a Redis restart or failover would.
      const id = await redis.client('ID');
      const admin = new Redis(REDIS_URL);
      await admin.client('KILL', 'ID', String(id));
      await admin.quit();
      expect(await redis.ping()).toBe('PONG'); // queued while reconnecting, then answered
      const messages = out.lines().map((line) => `${String(line.level)}: ${String(line.msg)}`);
      expect(messages).toEqual([
        'warn: redis connection lost; reconnecting in the background',
        'info: redis connection restored',
      ]);
    } finally {
      await redis.quit();
    }
  });
});

describe('redis eviction policy check', () => {
  it('given noeviction, then the check is ok and warns nothing', async () => {
    const admin = new Redis(REDIS_URL);
    const [, original] = (await admin.config('GET', 'maxmemory-policy')) as [string, string];
    try {
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      const out = new CaptureStream();
      const result = await checkEvictionPolicy(admin, createRootLogger({ destination: out }));
      expect(result).toEqual({ status: 'ok', policy: 'noeviction' });
      expect(out.text()).toBe('');
    } finally {
      await admin.config('SET', 'maxmemory-policy', original);
      await admin.quit();
    }
  });

  it('given an evicting policy, then it warns clearly, naming the policy and the fix', async () => {
    const admin = new Redis(REDIS_URL);
    const [, original] = (await admin.config('GET', 'maxmemory-policy')) as [string, string];
    try {
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const out = new CaptureStream();
      const result = await checkEvictionPolicy(admin, createRootLogger({ destination: out }));
      expect(result).toEqual({ status: 'unsafe', policy: 'allkeys-lru' });
      const [line] = out.lines();
      expect(line).toMatchObject({ level: 'warn', maxmemoryPolicy: 'allkeys-lru' });
      expect(String(line?.msg)).toContain('Set it to "noeviction"');
    } finally {
      await admin.config('SET', 'maxmemory-policy', original);
      await admin.quit();
    }
  });

  it('given CONFIG is refused (managed Redis), then the result is unknown with a warning, not a crash', async () => {
    const admin = new Redis(REDIS_URL);
    const user = `cosell-test-${process.pid}`;
    await admin.call('ACL', 'SETUSER', user, 'on', '>pw-for-test', '~*', '+@all', '-config');
    const limited = new Redis(REDIS_URL, { username: user, password: 'pw-for-test' });
    try {
      const out = new CaptureStream();
      const result = await checkEvictionPolicy(limited, createRootLogger({ destination: out }));
      expect(result.status).toBe('unknown');
      expect(out.lines()[0]).toMatchObject({ level: 'warn' });
    } finally {
      await limited.quit();
      await admin.call('ACL', 'DELUSER', user);
      await admin.quit();
    }
  });
});

describe('workspace key prefix', () => {
  it('given a workspace id, then the prefix is a cluster hash tag and ids with other characters are refused', () => {
    expect(workspaceKeyPrefix('acme-cloud')).toBe('{cosell:acme-cloud}');
    expect(stateKey('{cosell:acme}', 'cursor', 'vendor', 'account')).toBe('{cosell:acme}:cursor:vendor:account');
    expect(() => workspaceKeyPrefix('Acme}')).toThrow(/cannot name Redis keys/);
  });

  it('given queues of one workspace, then every key they create hashes to one cluster slot', async () => {
    const ws = (workspace = await testWorkspace());
    const queues = ['ingest', 'write-back'].map((name) => new Queue(name, ws.connection));
    try {
      for (const queue of queues) await queue.add('probe', { n: 1 }, { delay: 60_000 });
      await queues[0]?.add('probe-now', { n: 2 });
      const keys = await ws.redis.keys(`${ws.prefix.replace(/[{}]/g, (c) => `\\${c}`)}*`);
      expect(keys.length).toBeGreaterThan(4);
      const slots = new Set(keys.map((key) => calculateSlot(key)));
      expect(slots.size).toBe(1);
      expect(calculateSlot(stateKey(ws.prefix, 'cursor', 'x'))).toBe([...slots][0]);
    } finally {
      for (const queue of queues) await queue.close();
    }
  });

  it('given two workspaces on one Redis, then neither sees the other\'s keys', async () => {
    workspace = await testWorkspace();
    const other = await testWorkspace();
    const a = new Queue('ingest', workspace.connection);
    const b = new Queue('ingest', other.connection);
    try {
      await a.add('x', { n: 1 });
      expect(await a.getWaitingCount()).toBe(1);
      expect(await b.getWaitingCount()).toBe(0);
    } finally {
      await a.close();
      await b.close();
      await deleteKeys(other.redis, `${other.prefix}*`);
      await other.cleanup();
    }
  });
});
