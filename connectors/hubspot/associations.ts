import { z } from 'zod';
import type { HubSpotCaller } from './hubspot-caller.js';

/** Pairs per associations v4 batch call. */
const BATCH = 100;

const HubSpotAssociateAnswer = z.object({
  status: z.string(),
  results: z.array(z.object({ from: z.object({ id: z.string() }), to: z.object({ id: z.string() }) })),
  errors: z.array(z.object({ category: z.string(), message: z.string() })).optional(),
});

const HubSpotAssociationRead = z.object({
  results: z.array(z.object({ from: z.object({ id: z.string() }), to: z.array(z.object({ toObjectId: z.union([z.number(), z.string()]).transform(String) })) })),
});

export interface AssociationPair {
  fromId: string;
  toId: string;
}

/**
 * Links records with HubSpot's default association type (a deal to its company), 100 pairs per call; returns
 * the pairs HubSpot did not link (a record missing). https://developers.hubspot.com/docs/api/crm/associations/v4
 */
export async function associateDefault(caller: HubSpotCaller, fromType: string, toType: string, pairs: readonly AssociationPair[]): Promise<AssociationPair[]> {
  const notLinked: AssociationPair[] = [];
  for (let start = 0; start < pairs.length; start += BATCH) {
    const chunk = pairs.slice(start, start + BATCH);
    const { body } = await caller.json(`associate ${fromType} → ${toType} (${String(chunk.length)} pairs)`, {
      method: 'POST',
      path: `/crm/v4/associations/${fromType}/${toType}/batch/associate/default`,
      body: { inputs: chunk.map((pair) => ({ from: { id: pair.fromId }, to: { id: pair.toId } })) },
    }, HubSpotAssociateAnswer);
    const linked = new Set(body.results.map((result) => `${result.from.id}>${result.to.id}`));
    notLinked.push(...chunk.filter((pair) => !linked.has(`${pair.fromId}>${pair.toId}`)));
  }
  return notLinked;
}

/** Each record's associated ids of one type (1,000 records per call); records HubSpot does not know are left out. */
export async function readAssociations(caller: HubSpotCaller, fromType: string, toType: string, ids: readonly string[]): Promise<Map<string, string[]>> {
  const associated = new Map<string, string[]>();
  for (let start = 0; start < ids.length; start += 1_000) {
    const chunk = ids.slice(start, start + 1_000);
    const { body } = await caller.json(`read ${fromType} → ${toType} associations (${String(chunk.length)} records)`, {
      method: 'POST',
      path: `/crm/v4/associations/${fromType}/${toType}/batch/read`,
      body: { inputs: chunk.map((id) => ({ id })) },
    }, HubSpotAssociationRead);
    for (const result of body.results) associated.set(result.from.id, result.to.map((to) => to.toObjectId));
  }
  return associated;
}
