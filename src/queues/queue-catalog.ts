import { z } from 'zod';
import { Identifier } from '../config/partner-schema.js';
import { SyncObject } from '../config/schedule-schema.js';
import { defineQueue, type QueueDefinition } from './queue-definition.js';

/** `vendor` or a partner id: which CRM connection a job is about. */
const ConnectionId = Identifier;
/** Canonical and CRM record ids as they travel in payloads: short, printable, never records. */
const RecordId = z.string().min(1).max(64);
const RecordIds = z.array(RecordId).min(1).max(500);

/** Read changes from one connection's object (a poll, a webhook delivery, or a manual run). */
export const ingestQueue = defineQueue(
  'ingest',
  z.strictObject({
    connectionId: ConnectionId,
    object: SyncObject,
    trigger: z.enum(['schedule', 'webhook', 'manual']),
    /** Ids a webhook named as changed; absent for a cursor-driven poll. */
    recordIds: RecordIds.optional(),
  }),
);

/**
 * Account mapping: re-evaluate the overlaps of the accounts changed since each partner's last run (the changes
 * are in Redis, not in the payload: one job covers any number of them).
 */
export const matchQueue = defineQueue(
  'match',
  z.strictObject({ trigger: z.enum(['change', 'schedule', 'manual']) }),
);

/** Decide one deal registration against the rules of engagement. */
export const registerQueue = defineQueue('register', z.strictObject({ registrationId: RecordId }));

/** Sync the mapped fields of one linked vendor/partner opportunity pair both ways. */
export const syncOpportunityQueue = defineQueue('sync-opportunity', z.strictObject({ linkId: RecordId }));

/** Compute partner attribution for one vendor opportunity. */
export const attributeQueue = defineQueue('attribute', z.strictObject({ opportunityId: RecordId }));

/**
 * Flush the records waiting to be written to one connection's object, in full batches. `canonicalIds`
 * marks those records as waiting first (a replay of failed records, a manual push).
 */
export const writeBackQueue = defineQueue(
  'write-back',
  z.strictObject({ connectionId: ConnectionId, object: SyncObject, canonicalIds: RecordIds.optional() }),
);

export const QUEUE_CATALOG = [
  ingestQueue,
  matchQueue,
  registerQueue,
  syncOpportunityQueue,
  attributeQueue,
  writeBackQueue,
] as const;

export type QueueName = (typeof QUEUE_CATALOG)[number]['name'];

export function findQueueDefinition(name: string): QueueDefinition | undefined {
  const catalog: readonly QueueDefinition[] = QUEUE_CATALOG;
  return catalog.find((definition) => definition.name === name);
}
