import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../src/config/secret.js';
import { SecretScrubber } from '../../src/logging/redaction.js';
import { openWorkspaceQueues } from '../../src/queues/workspace-queues.js';
import { buildServer } from '../../src/server/build-server.js';
import { redisOptions } from '../../src/redis/redis-connection-factory.js';
import { silentLogger, testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

const ADMIN = { username: 'admin', password: new Secret('correct horse battery staple', 'ADMIN_PASSWORD') };
const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let ws: TestWorkspace;
let app: FastifyInstance | undefined;
let queues: Queue[] = [];
afterEach(async () => {
  await app?.close();
  for (const queue of queues) await queue.close();
  await ws.cleanup();
});

async function start(scrubber = new SecretScrubber(), redis?: Redis): Promise<string> {
  ws = await testWorkspace();
  queues = openWorkspaceQueues(ws.connection);
  app = await buildServer({ queues, redis: redis ?? ws.redis, admin: ADMIN, scrubber, logger: silentLogger });
  return app.listen({ port: 0, host: '127.0.0.1' });
}

describe('HTTP server', () => {
  it('given a running server, then /healthz and /readyz answer 200', async () => {
    const url = await start();
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('given Redis unreachable, then /readyz answers 503 as problem details saying what to check', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { ...redisOptions('producer'), retryStrategy: () => null, lazyConnect: true });
    const url = await start(new SecretScrubber(), dead);
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 503, title: 'Not ready', instance: '/readyz' });
    dead.disconnect();
  });

  it('given jobs in a queue, then /metrics reports them per queue and state in Prometheus format', async () => {
    const url = await start();
    await queues[0]?.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('cosell_queue_jobs{queue="ingest",state="waiting"} 1');
    expect(text).toContain('cosell_queue_jobs{queue="dead-letter",state="waiting"} 0');
    expect(text).toContain('cosell_process_cpu_seconds_total');
  });

  it('given no or wrong credentials, then the dashboard answers 401 with a Basic challenge', async () => {
    const url = await start();
    const none = await fetch(`${url}/admin/queues`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Basic');
    const wrong = await fetch(`${url}/admin/queues/api/queues`, { headers: { authorization: basic('admin', 'guess') } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('ingest');
  });

  it('given the admin login, then the dashboard lists every queue, and job data is scrubbed of secrets', async () => {
    const scrubber = new SecretScrubber();
    scrubber.add('pat-na1-leaked-token');
    const url = await start(scrubber);
    await queues[0]?.add('poll', { connectionId: 'vendor', note: 'pat-na1-leaked-token' });
    const auth = { authorization: basic(ADMIN.username, ADMIN.password.reveal()) };
    const page = await fetch(`${url}/admin/queues`, { headers: auth });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const api = await fetch(`${url}/admin/queues/api/queues?activeQueue=ingest&status=waiting`, { headers: auth });
    const body = await api.text();
    for (const name of ['ingest', 'match', 'register', 'sync-opportunity', 'attribute', 'write-back', 'dead-letter']) {
      expect(body).toContain(`"${name}"`);
    }
    expect(body).toContain('[redacted]');
    expect(body).not.toContain('pat-na1-leaked-token');
  });

  it('given an unknown route, then it answers 404 as problem details', async () => {
    const url = await start();
    const response = await fetch(`${url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, detail: 'no route GET /nope' });
  });
});
