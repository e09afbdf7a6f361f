import { defineObject, auditFields, cosellIdField, idField, IS_DELETED, OWNER_ID, seedKeyField } from './system-fields.js';
import { KEY_PREFIXES } from '../salesforce-ids.js';

/** The shipped opportunity stages with the probability, closed and won flags the platform derives from them. */
export const OPPORTUNITY_STAGES = [
  { value: 'Prospecting', probability: 10, closed: false, won: false },
  { value: 'Qualification', probability: 10, closed: false, won: false },
  { value: 'Needs Analysis', probability: 20, closed: false, won: false },
  { value: 'Value Proposition', probability: 50, closed: false, won: false },
  { value: 'Id. Decision Makers', probability: 60, closed: false, won: false },
  { value: 'Perception Analysis', probability: 70, closed: false, won: false },
  { value: 'Proposal/Price Quote', probability: 75, closed: false, won: false },
  { value: 'Negotiation/Review', probability: 90, closed: false, won: false },
  { value: 'Closed Won', probability: 100, closed: true, won: true },
  { value: 'Closed Lost', probability: 0, closed: true, won: false },
] as const;

export const PRODUCT_LINES = ['Compute', 'Storage', 'Networking', 'Security', 'Analytics', 'AI Platform', 'Support'];

export const REGISTRATION_STATUSES = ['Submitted', 'Under Review', 'Approved', 'Rejected', 'Conflict', 'Expired'];

export const ATTRIBUTIONS = ['Sourced', 'Influenced', 'None'];

export function opportunityObject() {
  return defineObject({
    name: 'Opportunity',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: KEY_PREFIXES.Opportunity,
    fields: [
      idField('Opportunity'),
      IS_DELETED,
      {
        name: 'AccountId',
        type: 'reference',
        label: 'Account ID',
        referenceTo: ['Account'],
        relationshipName: 'Account',
        childRelationshipName: 'Opportunities',
        cascadeDelete: true,
        custom: false,
      },
      { name: 'Name', type: 'string', label: 'Name', length: 120, nillable: false, nameField: true, custom: false },
      { name: 'Description', type: 'textarea', label: 'Description', length: 32000, custom: false },
      {
        name: 'StageName',
        type: 'picklist',
        label: 'Stage',
        nillable: false,
        picklistValues: OPPORTUNITY_STAGES.map((stage) => stage.value),
        custom: false,
      },
      { name: 'Amount', type: 'currency', label: 'Amount', precision: 18, scale: 2, custom: false },
      { name: 'Probability', type: 'percent', label: 'Probability (%)', precision: 3, scale: 0, custom: false },
      { name: 'CloseDate', type: 'date', label: 'Close Date', nillable: false, custom: false },
      { name: 'Type', type: 'picklist', label: 'Opportunity Type', picklistValues: ['Existing Business', 'New Business'], custom: false },
      { name: 'NextStep', type: 'string', label: 'Next Step', custom: false },
      { name: 'IsClosed', type: 'boolean', label: 'Closed', createable: false, updateable: false, calculated: true, custom: false },
      { name: 'IsWon', type: 'boolean', label: 'Won', createable: false, updateable: false, calculated: true, custom: false },
      OWNER_ID,
      ...auditFields(),
      cosellIdField(),
      seedKeyField(),
      {
        name: 'Product_Line__c',
        type: 'picklist',
        label: 'Product Line',
        picklistValues: PRODUCT_LINES,
        restrictedPicklist: true,
      },
      {
        name: 'Cosell_Registration_Status__c',
        type: 'picklist',
        label: 'Deal Registration Status',
        picklistValues: REGISTRATION_STATUSES,
        restrictedPicklist: true,
      },
      { name: 'Cosell_Registration_Reason__c', type: 'textarea', label: 'Deal Registration Reason', length: 4000 },
      {
        name: 'Cosell_Partner__c',
        type: 'reference',
        label: 'Co-sell Partner',
        referenceTo: ['Partner__c'],
        relationshipName: 'Cosell_Partner__r',
        childRelationshipName: 'Cosell_Opportunities__r',
      },
      { name: 'Cosell_Attribution__c', type: 'picklist', label: 'Partner Attribution', picklistValues: ATTRIBUTIONS, restrictedPicklist: true },
      { name: 'Cosell_Attribution_Percent__c', type: 'percent', label: 'Partner Attribution (%)', precision: 5, scale: 2 },
    ],
  });
}
