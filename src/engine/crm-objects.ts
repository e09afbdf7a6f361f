import type { SyncObject } from '../config/schedule-schema.js';

/** The CRM object behind each sync object, per CRM kind (the mapping files use these names). */
const CRM_OBJECTS = {
  salesforce: { account: 'Account', opportunity: 'Opportunity', contact: 'Contact', user: 'User', partner: 'Partner__c' },
  hubspot: { account: 'companies', opportunity: 'deals', contact: 'contacts', user: 'owners', partner: 'companies' },
} as const;

export function crmObjectFor(kind: 'salesforce' | 'hubspot', object: SyncObject): string {
  return CRM_OBJECTS[kind][object];
}
