import type { Partner } from '../config/partner-schema.js';
import type { EngineStores } from './engine-context.js';

/** The external id of the account the engine keeps for the vendor in a partner's CRM. */
export const vendorRecordKey = (partnerId: string): string => `vendor-program-${partnerId}`;

/** Its link lives apart from the partner's accounts (it is no canonical record), like its written hash. */
const programObject = (crmObject: string): string => `${crmObject}:program`;

/** The CRM id of the account the engine last wrote the partner's program standing on, if it did. */
export async function writtenProgramRecord(stores: Pick<EngineStores, 'crosswalk'>, partnerId: string, crmObject: string): Promise<string | undefined> {
  return (await stores.crosswalk.crmIds(partnerId, programObject(crmObject), [vendorRecordKey(partnerId)]))[0];
}

/** The CRM id of the account that represents the vendor in a partner's CRM: as written, else as configured. */
export async function programRecordId(stores: Pick<EngineStores, 'crosswalk'>, partner: Pick<Partner, 'id' | 'vendorRecordId'>, crmObject: string): Promise<string | undefined> {
  return (await writtenProgramRecord(stores, partner.id, crmObject)) ?? partner.vendorRecordId;
}

/** Remembers which account represents the vendor in a partner's CRM (account mapping leaves it out). */
export async function rememberProgramRecord(stores: Pick<EngineStores, 'crosswalk'>, partnerId: string, crmObject: string, crmId: string): Promise<boolean> {
  return stores.crosswalk.link(partnerId, programObject(crmObject), vendorRecordKey(partnerId), crmId);
}
