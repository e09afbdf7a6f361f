import { defineObject, auditFields, cosellIdField, idField, IS_DELETED, OWNER_ID, seedKeyField } from './system-fields.js';

export const PARTNER_PERSONAS = ['SI', 'ISV', 'MSP', 'Influence', 'Referral', 'Reseller'];
export const PARTNER_TIERS = ['Registered', 'Silver', 'Gold', 'Platinum'];
export const PARTNER_REGIONS = ['AMER', 'EMEA', 'APAC', 'LATAM'];
export const PARTNER_CERTIFICATIONS = ['Cloud Architect', 'Security Specialist', 'Data & AI', 'Migration', 'Managed Services'];
export const PARTNER_STATUSES = ['Active', 'Onboarding', 'Suspended'];

/** The vendor's partner directory: a custom object, so its key prefix is assigned like any custom object's. */
export function partnerObject(keyPrefix: string) {
  return defineObject({
    name: 'Partner__c',
    label: 'Partner',
    labelPlural: 'Partners',
    keyPrefix,
    fields: [
      idField('Record'),
      IS_DELETED,
      { name: 'Name', type: 'string', label: 'Partner Name', length: 80, nillable: false, nameField: true, custom: false },
      OWNER_ID,
      ...auditFields(),
      cosellIdField(),
      seedKeyField(),
      { name: 'Website__c', type: 'url', label: 'Website' },
      { name: 'Persona__c', type: 'picklist', label: 'Persona', picklistValues: PARTNER_PERSONAS, restrictedPicklist: true },
      { name: 'Tier__c', type: 'picklist', label: 'Tier', picklistValues: PARTNER_TIERS, restrictedPicklist: true },
      { name: 'Region__c', type: 'picklist', label: 'Region', picklistValues: PARTNER_REGIONS },
      { name: 'Certifications__c', type: 'multipicklist', label: 'Certifications', picklistValues: PARTNER_CERTIFICATIONS },
      { name: 'Status__c', type: 'picklist', label: 'Status', picklistValues: PARTNER_STATUSES, restrictedPicklist: true },
    ],
  });
}
