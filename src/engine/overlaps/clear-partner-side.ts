import type { EngineStores } from '../engine-context.js';
import { clearedPartnerSide, OVERLAP_SOURCE } from './overlap-fields.js';
import type { OverlapStore } from './overlap-store.js';
import { recordOverlapValues, type OverlapValues } from './record-overlap-values.js';

const CHUNK = 1_000;

/**
 * Clears what account mapping wrote on these accounts of a partner that may no longer see it (its sharing became
 * `counts` or `nothing`): each account holding values gets blank ones, written like any other change. Returns
 * how many wait for the partner's write pass.
 */
export async function clearPartnerSide(stores: EngineStores, partnerId: string, canonicalIds: readonly string[]): Promise<number> {
  let waiting = 0;
  const now = new Date().toISOString();
  for (let start = 0; start < canonicalIds.length; start += CHUNK) {
    const chunk = canonicalIds.slice(start, start + CHUNK);
    const records = await stores.canonical.getMany('account', chunk);
    const items: OverlapValues[] = [];
    for (const [index, id] of chunk.entries()) {
      const overlap = records[index]?.sources.get(OVERLAP_SOURCE);
      if (!overlap) continue;
      // An account gone from the partner's CRM has nothing left to clear.
      if (records[index]?.sources.has(partnerId) !== true) await stores.canonical.forgetSource('account', id, OVERLAP_SOURCE);
      else items.push({ canonicalId: id, crmId: overlap.crmId, modifiedAt: now, values: clearedPartnerSide() });
    }
    waiting += await recordOverlapValues(stores, partnerId, items);
  }
  return waiting;
}

/**
 * A partner that left account mapping (its sharing became `nothing`): the values written on its accounts are
 * cleared, and the vendor accounts it was matched to are returned, to be written again without it. Its
 * stored overlaps are forgotten by the caller once those are recorded.
 */
export async function leaveAccountMapping(stores: EngineStores, overlaps: OverlapStore, partnerId: string): Promise<{ vendorIds: string[]; partnerAccountsToWrite: number }> {
  const matches = await overlaps.allMatches(partnerId);
  const vendorIds = new Set<string>();
  for (const list of matches.values()) for (const match of list) vendorIds.add(match.vendorId);
  const partnerAccountsToWrite = await clearPartnerSide(stores, partnerId, [...matches.keys()]);
  return { vendorIds: [...vendorIds], partnerAccountsToWrite };
}
