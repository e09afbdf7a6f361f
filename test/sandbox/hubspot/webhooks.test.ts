import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@hubspot/api-client';
import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../src/config/secret.js';
import { SecretScrubber } from '../../../src/logging/redaction.js';
import { JobQueue } from '../../../src/queues/job-queue.js';
import { ingestQueue } from '../../../src/queues/queue-catalog.js';
import { openWorkspaceQueues } from '../../../src/queues/workspace-queues.js';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../../src/sandbox/hubspot/hubspot-sandbox.js';
import { buildServer } from '../../../src/server/build-server.js';
import { verifyHubSpotSignatureV3 } from '../../../src/webhooks/hubspot-signature.js';
import { WebhookDeduplicator } from '../../../src/webhooks/webhook-deduplicator.js';
import { silentLogger, testWorkspace, waitFor, type TestWorkspace } from '../../helpers/test-redis.js';

const SECRET = 'app-client-secret';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A plain HTTP receiver: answers `statuses` in turn (then 204) and keeps what arrived. */
async function receiver(statuses: number[] = []): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses.shift() ?? 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/hooks`, received };
}

async function sandbox(targetUrl: string): Promise<{ sb: HubSpotSandbox; client: Client }> {
  const sb = await startHubSpotSandbox();
  cleanups.push(() => sb.close());
  sb.configure({ webhooks: { targetUrl, clientSecret: SECRET, appId: 4242, batchDelayMs: 20 } });
  return { sb, client: new Client({ accessToken: sb.accessToken, basePath: sb.url }) };
}

const events = (received: Received[]): Record<string, unknown>[] => received.flatMap((r) => JSON.parse(r.body) as Record<string, unknown>[]);

describe('HubSpot sandbox webhook deliveries', () => {
  it('given creations, a property change, a merge and a deletion, then signed v3 deliveries report each as HubSpot shapes them', async () => {
    const hook = await receiver();
    const { sb, client } = await sandbox(hook.url);
    const created = await client.crm.companies.batchApi.create({ inputs: [{ properties: { name: 'Acme' }, associations: [] }, { properties: { name: 'Acme Dup' }, associations: [] }] });
    const [a, b] = created.results.map((r) => r.id);
    await client.crm.companies.basicApi.update(String(a), { properties: { name: 'Acme Corp' } });
    const merge = await fetch(`${sb.url}/crm/v3/objects/companies/merge`, { method: 'POST', headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ primaryObjectId: String(a), objectIdToMerge: String(b) }) });
    expect(merge.status).toBe(200);
    await client.crm.companies.basicApi.archive(String(a));
    await sb.portal.webhooks.flush();

    for (const delivery of hook.received) {
      const check = verifyHubSpotSignatureV3({ clientSecret: SECRET, method: 'POST', uri: hook.url, body: delivery.body, signature: delivery.headers['x-hubspot-signature-v3'] as string, timestamp: delivery.headers['x-hubspot-request-timestamp'] as string });
      expect(check).toEqual({ ok: true });
    }
    const all = events(hook.received);
    expect(all.map((e) => [e.subscriptionType, e.objectId])).toEqual([
      ['company.creation', Number(a)],
      ['company.creation', Number(b)],
      ['company.propertyChange', Number(a)],
      ['company.merge', Number(a)],
      ['company.deletion', Number(a)],
    ]);
    expect(all[2]).toMatchObject({ propertyName: 'name', propertyValue: 'Acme Corp', portalId: sb.portal.portalId, appId: 4242, attemptNumber: 0, changeSource: 'CRM' });
    expect(all[3]).toMatchObject({ primaryObjectId: Number(a), mergedObjectIds: [Number(b)] });
    expect(new Set(all.map((e) => e.eventId)).size).toBe(all.length);
  });

  it('given the receiver fails twice, then the same events come again with a growing attemptNumber', async () => {
    const hook = await receiver([500, 503]);
    const { sb, client } = await sandbox(hook.url);
    await client.crm.deals.basicApi.create({ properties: { dealname: 'Retry me', pipeline: 'default', dealstage: 'qualifiedtobuy' }, associations: [] });
    await sb.portal.webhooks.flush();
    expect(hook.received.map((r) => (JSON.parse(r.body) as { attemptNumber: number }[])[0]?.attemptNumber)).toEqual([0, 1, 2]);
    expect(sb.portal.webhooks.deliveries.map((d) => d.status)).toEqual([500, 503, 204]);
  }, 15_000);

  it('given 250 records created at once, then deliveries carry at most 100 events each', async () => {
    const hook = await receiver();
    const { sb } = await sandbox(hook.url);
    sb.configure({ webhooks: { targetUrl: hook.url, clientSecret: SECRET, appId: 1, batchDelayMs: 20, subscriptions: ['company.creation'] } });
    for (let start = 0; start < 250; start += 100) {
      await fetch(`${sb.url}/crm/v3/objects/companies/batch/create`, { method: 'POST', headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ inputs: Array.from({ length: Math.min(100, 250 - start) }, (_, i) => ({ properties: { name: `C${String(start + i)}` } })) }) });
    }
    await sb.portal.webhooks.flush();
    expect(events(hook.received)).toHaveLength(250);
    expect(Math.max(...hook.received.map((r) => (JSON.parse(r.body) as unknown[]).length))).toBeLessThanOrEqual(100);
  });

  it('given our server as the target, then a change in the sandbox becomes an ingest job for that record', async () => {
    const ws: TestWorkspace = await testWorkspace();
    cleanups.push(() => ws.cleanup());
    const queues: Queue[] = openWorkspaceQueues(ws.connection);
    const ingest = new JobQueue(ingestQueue, ws.connection);
    cleanups.push(async () => {
      await ingest.close();
      for (const queue of queues) await queue.close();
    });
    const app: FastifyInstance = await buildServer({ queues, redis: ws.redis, admin: { username: 'admin', password: new Secret('pw-admin-123', 'X') }, scrubber: new SecretScrubber(), logger: silentLogger, webhooks: { secrets: new Map([['northwind', new Secret(SECRET, 'S')]]), ingest, deduplicator: new WebhookDeduplicator(ws.redis, ws.prefix), publicUrl: undefined } });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => app.close());
    const { sb, client } = await sandbox(`${address}/webhooks/hubspot/northwind`);
    const company = await client.crm.companies.basicApi.create({ properties: { name: 'Hooked' }, associations: [] });
    await sb.portal.webhooks.flush();
    expect(sb.portal.webhooks.deliveries.map((d) => d.status)).toEqual([200]);
    await waitFor(async () => (await ingest.queue.getJobs(['waiting', 'delayed'])).some((job) => JSON.stringify(job.data).includes(company.id)), { what: 'ingest job for the record', timeoutMs: 5_000 });
  });
});
