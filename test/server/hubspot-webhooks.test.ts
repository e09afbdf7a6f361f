import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../src/config/secret.js';
import { SecretScrubber } from '../../src/logging/redaction.js';
import { JobQueue } from '../../src/queues/job-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { openWorkspaceQueues } from '../../src/queues/workspace-queues.js';
import { buildServer } from '../../src/server/build-server.js';
import { WebhookDeduplicator } from '../../src/webhooks/webhook-deduplicator.js';
import { silentLogger, testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

const CLIENT_SECRET = 'hs-client-secret-for-tests';
let ws: TestWorkspace;
let app: FastifyInstance;
let queues: Queue[];
let ingest: JobQueue<typeof ingestQueue.payload>;
let url: string;

afterEach(async () => {
  await app.close();
  await ingest.close();
  for (const queue of queues) await queue.close();
  await ws.cleanup();
});

async function start(): Promise<void> {
  ws = await testWorkspace();
  queues = openWorkspaceQueues(ws.connection);
  ingest = new JobQueue(ingestQueue, ws.connection);
  app = await buildServer({
    queues,
    redis: ws.redis,
    admin: { username: 'admin', password: new Secret('pw-admin-123', 'X') },
    scrubber: new SecretScrubber(),
    logger: silentLogger,
    webhooks: {
      secrets: new Map([['northwind', new Secret(CLIENT_SECRET, 'NORTHWIND_HS_CLIENT_SECRET')]]),
      ingest,
      deduplicator: new WebhookDeduplicator(ws.redis, ws.prefix),
      publicUrl: 'https://cosell.example.com',
    },
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}

/** Signs as HubSpot documents it, computed here independently of the code under test. */
function deliver(body: string, options: { secret?: string; timestamp?: number; path?: string } = {}): Promise<Response> {
  const path = options.path ?? '/webhooks/hubspot/northwind';
  const timestamp = String(options.timestamp ?? Date.now());
  const signature = createHmac('sha256', options.secret ?? CLIENT_SECRET)
    .update(`POST` + `https://cosell.example.com${path}` + body + timestamp)
    .digest('base64');
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
    body,
  });
}

const event = (eventId: number, subscriptionType: string, objectId: number): Record<string, unknown> => ({
  eventId, subscriptionId: 7, portalId: 62515, occurredAt: Date.now(), subscriptionType, attemptNumber: 0, objectId, changeSource: 'CRM',
});

async function jobs(): Promise<unknown[]> {
  return (await ingest.queue.getJobs(['waiting', 'delayed'])).map((job): unknown => job.data);
}

describe('HubSpot webhook deliveries', () => {
  it('given a signed delivery, then changed records become one ingest job per object naming their ids', async () => {
    await start();
    const body = JSON.stringify([
      event(1, 'company.propertyChange', 101),
      event(2, 'company.creation', 102),
      event(3, 'deal.propertyChange', 901),
      event(4, 'company.propertyChange', 101),
    ]);
    const response = await deliver(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 4, duplicates: 0 });
    expect(await jobs()).toEqual(
      expect.arrayContaining([
        { connectionId: 'northwind', object: 'account', trigger: 'webhook', recordIds: ['101', '102'] },
        { connectionId: 'northwind', object: 'opportunity', trigger: 'webhook', recordIds: ['901'] },
      ]),
    );
  });

  it('given the same delivery retried, then its events are dropped as duplicates and nothing is enqueued', async () => {
    await start();
    const body = JSON.stringify([event(10, 'company.propertyChange', 101)]);
    await deliver(body);
    const again = await deliver(body);
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 1 });
    expect(await jobs()).toHaveLength(1);
  });

  it('given deletions and merges, then they start a pass of the object instead of naming records', async () => {
    await start();
    await deliver(JSON.stringify([event(20, 'company.deletion', 101), event(21, 'company.merge', 102)]));
    expect(await jobs()).toEqual([{ connectionId: 'northwind', object: 'account', trigger: 'webhook' }]);
  });

  it.each([
    ['a wrong secret', { secret: 'not-the-secret' }, 'does not match'],
    ['an old timestamp', { timestamp: Date.now() - 6 * 60_000 }, 'more than five minutes old'],
  ])('given %s, then it answers 401 and enqueues nothing', async (_case, options, reason) => {
    await start();
    const response = await deliver(JSON.stringify([event(30, 'company.creation', 1)]), options);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toContain(reason);
    expect(await jobs()).toEqual([]);
  });

  it('given a signed body that is not a delivery, then it answers 400 saying what was expected, and enqueues nothing', async () => {
    await start();
    const response = await deliver(JSON.stringify({ hello: 'world' }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('expected an array of HubSpot webhook events');
    expect(await jobs()).toEqual([]);
  });

  it('given a connection without webhooks, then it answers 404', async () => {
    await start();
    const response = await deliver('[]', { path: '/webhooks/hubspot/globex' });
    expect(response.status).toBe(404);
  });
});
