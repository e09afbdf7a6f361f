import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Secret } from '../config/secret.js';
import type { JobQueue } from '../queues/job-queue.js';
import type { ingestQueue } from '../queues/queue-catalog.js';
import { eventTarget, HubSpotWebhookDelivery } from '../webhooks/hubspot-events.js';
import { verifyHubSpotSignatureV3 } from '../webhooks/hubspot-signature.js';
import type { WebhookDeduplicator } from '../webhooks/webhook-deduplicator.js';
import { sendProblem } from './problem-details.js';
import { requestHeader } from './request-header.js';

export interface HubSpotWebhookDependencies {
  /** Connection id → the app's client secret, for HubSpot connections that receive webhooks. */
  secrets: ReadonlyMap<string, Secret>;
  ingest: JobQueue<typeof ingestQueue.payload>;
  deduplicator: WebhookDeduplicator;
  /** The public base URL HubSpot calls (signatures cover the full URL); else taken from the request. */
  publicUrl: string | undefined;
}

const MAX_IDS_PER_JOB = 500;

/**
 * POST /webhooks/hubspot/:connectionId — HubSpot webhook deliveries. Verified (signature v3, five-minute
 * window) before anything is parsed; validated; events already accepted are dropped; the rest become
 * ingest jobs naming the changed records (deletions and merges start a pass). Bad input changes nothing.
 */
export async function registerHubSpotWebhookRoute(app: FastifyInstance, deps: HubSpotWebhookDependencies): Promise<void> {
  await app.register((scope, _options, done) => {
    // Signatures cover the raw body: keep it as text and parse it only after verifying.
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      done(null, body);
    });
    scope.post<{ Params: { connectionId: string } }>('/webhooks/hubspot/:connectionId', async (request, reply) => {
      const { connectionId } = request.params;
      const secret = deps.secrets.get(connectionId);
      if (!secret) {
        return sendProblem(reply, { status: 404, title: 'Unknown webhook connection', detail: `no HubSpot connection "${connectionId}" with webhooks.clientSecret in the workspace`, instance: request.url });
      }
      const body = typeof request.body === 'string' ? request.body : '';
      const check = verifyHubSpotSignatureV3({
        clientSecret: secret.reveal(),
        method: request.method,
        uri: fullUrl(request, deps.publicUrl),
        body,
        signature: requestHeader(request, 'x-hubspot-signature-v3'),
        timestamp: requestHeader(request, 'x-hubspot-request-timestamp'),
      });
      if (!check.ok) return sendProblem(reply, { status: 401, title: 'Signature refused', detail: check.reason, instance: request.url });

      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return sendProblem(reply, { status: 400, title: 'Malformed delivery', detail: 'the body is not JSON', instance: request.url });
      }
      const parsed = HubSpotWebhookDelivery.safeParse(json);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
        return sendProblem(reply, { status: 400, title: 'Malformed delivery', detail: `expected an array of HubSpot webhook events: ${detail}`, instance: request.url });
      }

      const fresh = await deps.deduplicator.firstSeen(connectionId, parsed.data.map((e) => e.eventId));
      const changed = new Map<string, Set<string>>();
      const passes = new Set<string>();
      for (const event of parsed.data) {
        const target = eventTarget(event);
        if (!fresh.has(event.eventId) || !target) continue;
        if (!target.recordExists) passes.add(target.object);
        else changed.set(target.object, (changed.get(target.object) ?? new Set<string>()).add(event.objectId));
      }
      try {
        for (const [object, ids] of changed) {
          const all = [...ids];
          for (let i = 0; i < all.length; i += MAX_IDS_PER_JOB) {
            await deps.ingest.addUnknown('webhook', { connectionId, object, trigger: 'webhook', recordIds: all.slice(i, i + MAX_IDS_PER_JOB) });
          }
        }
        for (const object of passes) {
          await deps.ingest.addUnknown('webhook-pass', { connectionId, object, trigger: 'webhook' }, { deduplication: { id: `webhook-pass--${connectionId}--${object}`, ttl: 5_000 } });
        }
      } catch (error) {
        await deps.deduplicator.forget(connectionId, [...fresh]);
        request.log.error({ err: error }, 'could not enqueue webhook events');
        return sendProblem(reply, { status: 503, title: 'Try again', detail: 'the events could not be queued; HubSpot will retry the delivery', instance: request.url });
      }
      return reply.code(200).send({ accepted: fresh.size, duplicates: parsed.data.length - fresh.size });
    });
    done();
  });
}

function fullUrl(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return `${publicUrl.replace(/\/$/, '')}${request.url}`;
  return `${request.protocol}://${request.host}${request.url}`;
}
