import type { Partner } from '../../config/partner-schema.js';
import type { EngineStores } from '../engine-context.js';
import { programRecordId } from '../program-record.js';

/** An account read from a partner's CRM, as far as telling whose it is goes. */
export interface PartnerAccount {
  canonicalId: string;
  crmId: string;
  /** Its canonical record also has a vendor source: a vendor account the engine shared there. */
  fromVendor: boolean;
}

const CHUNK = 1_000;

/**
 * Which accounts in a partner's CRM are the partner's own. The engine makes accounts there too, and those are
 * never the partner's: the copies of the vendor's accounts it shares (`all`) — known by their vendor source,
 * and by the engine's record of what it created once the vendor account is gone but the copy is not (its
 * deletion failed) — and the account that represents the vendor there (program standing). Counted as the
 * partner's, each would overlap with the very vendor account it stands for.
 */
export async function ownAccounts(stores: Pick<EngineStores, 'tombstones' | 'crosswalk'>, partner: Pick<Partner, 'id' | 'vendorRecordId'>, crmObject: string, accounts: readonly PartnerAccount[]): Promise<boolean[]> {
  const created: boolean[] = [];
  for (let start = 0; start < accounts.length; start += CHUNK) {
    created.push(...(await stores.tombstones.wasCreated(partner.id, crmObject, accounts.slice(start, start + CHUNK).map((a) => a.canonicalId))));
  }
  const program = await programRecordId(stores, partner, crmObject);
  return accounts.map((account, index) => !account.fromVendor && created[index] !== true && account.crmId !== program);
}
