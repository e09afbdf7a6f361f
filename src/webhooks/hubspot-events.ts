import { z } from 'zod';
import type { SyncObject } from '../config/schedule-schema.js';

/**
 * One event of a HubSpot webhook delivery (v3 deliveries are JSON arrays of these).
 * https://developers.hubspot.com/docs/api/webhooks#webhook-payloads
 */
export const HubSpotWebhookEvent = z.object({
  eventId: z.union([z.number(), z.string()]).transform(String),
  subscriptionId: z.union([z.number(), z.string()]).optional(),
  portalId: z.union([z.number(), z.string()]).optional(),
  occurredAt: z.number().optional(),
  subscriptionType: z.string().regex(/^[a-z_]+\.[a-zA-Z_]+$/, { error: 'an object.event subscription type such as company.propertyChange' }),
  attemptNumber: z.number().optional(),
  objectId: z.union([z.number(), z.string()]).transform(String),
  propertyName: z.string().optional(),
  propertyValue: z.unknown().optional(),
  changeSource: z.string().optional(),
});

export const HubSpotWebhookDelivery = z.array(HubSpotWebhookEvent).min(1).max(1000);
export type HubSpotWebhookEvent = z.infer<typeof HubSpotWebhookEvent>;

const OBJECTS: Record<string, SyncObject> = { company: 'account', deal: 'opportunity', contact: 'contact' };

/** The sync object and whether the event names a still-existing record (a deletion or merge does not). */
export function eventTarget(event: HubSpotWebhookEvent): { object: SyncObject; recordExists: boolean } | undefined {
  const [objectType = '', action = ''] = event.subscriptionType.split('.');
  const object = OBJECTS[objectType];
  if (!object) return undefined;
  return { object, recordExists: action !== 'deletion' && action !== 'merge' && action !== 'restore' };
}
