import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreChange, StoredObject } from './object-store.js';
import type { ObjectType } from './property-catalog.js';

/** Where and how the sandbox delivers webhooks, as an app's webhook settings say. */
export interface WebhookTarget {
  targetUrl: string;
  /** The app's client secret: deliveries are signed with it (X-HubSpot-Signature-v3). */
  clientSecret: string;
  appId: number;
  /** Subscription types to send (default: creation, propertyChange, deletion and merge of every object). */
  subscriptions?: readonly string[];
  /** Events wait this long to be sent together (default 50 ms); a delivery carries at most 100. */
  batchDelayMs?: number;
}

export interface WebhookDelivery {
  at: number;
  status: number | 'network-error';
  attempt: number;
  events: Record<string, unknown>[];
}

const SINGULAR: Record<ObjectType, string> = { companies: 'company', deals: 'deal', contacts: 'contact' };
/** Properties HubSpot maintains itself: changes to them are not subscription events. */
const INTERNAL = new Set(['hs_lastmodifieddate', 'hs_object_id', 'createdate', 'hs_merged_object_ids']);
const MAX_EVENTS = 100;
/** HubSpot retries failed deliveries for a day; the sandbox retries this many times, after these pauses. */
const RETRY_PAUSES_MS = [1_000, 2_000, 4_000];

/**
 * Webhook deliveries of a sandbox portal, shaped and signed as HubSpot's v3 deliveries: events of record
 * creation, property change (one per property), deletion and merge, batched (≤ 100 per request), POSTed
 * as a JSON array with `X-HubSpot-Signature-v3` and `X-HubSpot-Request-Timestamp`, retried on failure with
 * a growing `attemptNumber`. https://developers.hubspot.com/docs/api/webhooks
 */
export class WebhookSender {
  readonly #portalId: number;
  readonly #now: () => number;
  #target: WebhookTarget | undefined;
  #queue: Record<string, unknown>[] = [];
  #timer: NodeJS.Timeout | undefined;
  #inFlight = new Set<Promise<void>>();
  #eventId = 1;
  readonly deliveries: WebhookDelivery[] = [];

  constructor(portalId: number, now: () => number) {
    this.#portalId = portalId;
    this.#now = now;
  }

  configure(target: WebhookTarget | undefined): void {
    this.#target = target;
  }

  /** The store's change listener. */
  changed(type: ObjectType, change: StoreChange): void {
    const object = SINGULAR[type];
    if (change.kind === 'propertyChange') {
      for (const [name, value] of change.properties) {
        if (!INTERNAL.has(name)) this.#add(`${object}.propertyChange`, change.record, { propertyName: name, propertyValue: value ?? '' });
      }
    } else {
      this.#add(`${object}.${change.kind}`, change.record, {});
    }
  }

  merged(type: ObjectType, winner: StoredObject, loser: StoredObject): void {
    this.#add(`${SINGULAR[type]}.merge`, winner, { primaryObjectId: winner.id, mergedObjectIds: [loser.id], newObjectId: winner.id, numberOfPropertiesMoved: 0 });
  }

  /** Waits until every queued event was delivered (or gave up). */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#send();
    }
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  #add(subscriptionType: string, record: StoredObject, extra: Record<string, unknown>): void {
    const target = this.#target;
    if (!target) return;
    if (target.subscriptions && !target.subscriptions.includes(subscriptionType)) return;
    this.#queue.push({
      eventId: this.#eventId++,
      subscriptionId: subscriptionIdOf(subscriptionType),
      portalId: this.#portalId,
      appId: target.appId,
      occurredAt: this.#now(),
      subscriptionType,
      attemptNumber: 0,
      objectId: record.id,
      changeSource: 'CRM',
      ...extra,
    });
    if (this.#queue.length >= MAX_EVENTS) this.#send();
    else this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#send();
    }, target.batchDelayMs ?? 50);
  }

  #send(): void {
    const target = this.#target;
    while (target && this.#queue.length > 0) {
      const events = this.#queue.splice(0, MAX_EVENTS);
      const delivery = this.#deliver(target, events, 0).finally(() => this.#inFlight.delete(delivery));
      this.#inFlight.add(delivery);
    }
  }

  async #deliver(target: WebhookTarget, events: Record<string, unknown>[], attempt: number): Promise<void> {
    const body = JSON.stringify(events.map((event) => ({ ...event, attemptNumber: attempt })));
    const timestamp = String(Date.now());
    const signature = createHmac('sha256', target.clientSecret).update(`POST${target.targetUrl}${body}${timestamp}`, 'utf8').digest('base64');
    let status: WebhookDelivery['status'];
    try {
      const response = await fetch(target.targetUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp, 'user-agent': 'HubSpot Webhooks' },
        body,
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      status = 'network-error';
    }
    this.deliveries.push({ at: Date.now(), status, attempt, events });
    const ok = typeof status === 'number' && status >= 200 && status < 300;
    const pause = RETRY_PAUSES_MS[attempt];
    if (!ok && pause !== undefined) {
      await sleep(pause);
      await this.#deliver(target, events, attempt + 1);
    }
  }
}

/** A stable id per subscription type, as an app's subscriptions have. */
function subscriptionIdOf(type: string): number {
  let hash = 0;
  for (const char of type) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return 100_000 + (hash % 900_000);
}
