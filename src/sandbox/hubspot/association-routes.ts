import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { toApiObject } from './api-object.js';
import type { HubSpotPortal } from './hubspot-portal.js';
import { notFound, validationError } from './hubspot-errors.js';
import { parseBody, storeOf } from './object-routes.js';
import { isObjectType, type ObjectType } from './property-catalog.js';
import { findRecord } from './record-writes.js';

/** HubSpot-defined default association type ids: https://developers.hubspot.com/docs/api/crm/associations/v4 */
export const DEFAULT_TYPE_IDS: Record<string, number> = { 'companies>deals': 342, 'deals>companies': 341, 'contacts>companies': 279, 'companies>contacts': 280, 'deals>contacts': 3, 'contacts>deals': 4 };

export function typeOf(name: string): ObjectType {
  const singular: Record<string, ObjectType> = { company: 'companies', deal: 'deals', contact: 'contacts' };
  const type = singular[name] ?? name;
  if (!isObjectType(type)) throw notFound(`Unable to infer object type from: ${name}`);
  return type;
}

const Merge = z.object({ primaryObjectId: z.union([z.string(), z.number()]).transform(String), objectIdToMerge: z.union([z.string(), z.number()]).transform(String) });

/** Associations v4 (default type) and merges. */
export function registerAssociationRoutes(app: FastifyInstance, portal: HubSpotPortal): void {
  app.put<{ Params: { from: string; fromId: string; to: string; toId: string } }>('/crm/v4/objects/:from/:fromId/associations/default/:to/:toId', (request) => {
    const from = typeOf(request.params.from);
    const to = typeOf(request.params.to);
    const source = findRecord(portal.stores[from], request.params.fromId, undefined);
    const target = findRecord(portal.stores[to], request.params.toId, undefined);
    if (!source || !target) throw notFound('One or both objects do not exist.');
    portal.associate(from, source.id, to, target.id);
    const typeId = DEFAULT_TYPE_IDS[`${from}>${to}`] ?? 1;
    const completedAt = new Date().toISOString();
    return {
      status: 'COMPLETE',
      results: [
        { associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }, from: { id: String(source.id) }, to: { id: String(target.id) } },
        { associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: DEFAULT_TYPE_IDS[`${to}>${from}`] ?? 1 }, from: { id: String(target.id) }, to: { id: String(source.id) } },
      ],
      startedAt: completedAt,
      completedAt,
    };
  });

  app.get<{ Params: { from: string; fromId: string; to: string } }>('/crm/v4/objects/:from/:fromId/associations/:to', (request) => {
    const from = typeOf(request.params.from);
    const to = typeOf(request.params.to);
    const typeId = DEFAULT_TYPE_IDS[`${from}>${to}`] ?? 1;
    return {
      results: portal.associated(from, Number(request.params.fromId), to).map((id) => ({
        toObjectId: id,
        associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId, label: null }],
      })),
    };
  });

  // https://developers.hubspot.com/docs/api/crm/companies — merge: the loser is archived, the winner lists it.
  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/merge', (request) => {
    const store = storeOf(portal, request.params.type);
    const body = parseBody(Merge, request.body);
    const winner = findRecord(store, body.primaryObjectId, undefined);
    const loser = findRecord(store, body.objectIdToMerge, undefined);
    if (!winner || !loser) throw notFound('One or both objects do not exist.');
    if (winner === loser) throw validationError('Cannot merge an object with itself.');
    winner.mergedIds.push(loser.id, ...loser.mergedIds);
    store.archive(loser, portal.clock, true);
    store.update(winner, new Map([['hs_merged_object_ids', winner.mergedIds.map(String).join(';')]]), portal.clock);
    portal.webhooks.merged(store.type, winner, loser);
    for (const other of ['companies', 'deals', 'contacts'] as const) {
      for (const id of portal.associated(store.type, loser.id, other)) portal.associate(store.type, winner.id, other, id);
    }
    return toApiObject(winner, ['hs_merged_object_ids']);
  });
}
