import type { FieldSpec } from './object-schema.js';
import {
  IS_DELETED,
  OWNER_ID,
  auditFields,
  cosellIdField,
  defineObject,
  idField,
  masterRecordField,
  seedKeyField,
} from './system-fields.js';
import { KEY_PREFIXES } from '../salesforce-ids.js';

/** Account Type as shipped, plus the "Former Customer" value most orgs add. */
export const ACCOUNT_TYPES = [
  'Prospect',
  'Customer - Direct',
  'Customer - Channel',
  'Former Customer',
  'Channel Partner / Reseller',
  'Installation Partner',
  'Technology Partner',
  'Other',
] as const;

export const INDUSTRIES = [
  'Agriculture', 'Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction', 'Consulting',
  'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental', 'Finance',
  'Food & Beverage', 'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery', 'Manufacturing', 'Media',
  'Not For Profit', 'Recreation', 'Retail', 'Shipping', 'Technology', 'Telecommunications', 'Transportation',
  'Utilities', 'Other',
] as const;

const address = (prefix: 'Billing' | 'Shipping'): FieldSpec[] => [
  { name: `${prefix}Street`, type: 'textarea', label: `${prefix} Street`, length: 255, custom: false },
  { name: `${prefix}City`, type: 'string', label: `${prefix} City`, length: 40, custom: false },
  { name: `${prefix}State`, type: 'string', label: `${prefix} State/Province`, length: 80, custom: false },
  { name: `${prefix}PostalCode`, type: 'string', label: `${prefix} Zip/Postal Code`, length: 20, custom: false },
  { name: `${prefix}Country`, type: 'string', label: `${prefix} Country`, length: 80, custom: false },
];

export function accountObject() {
  return defineObject({
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: KEY_PREFIXES.Account,
    mergeable: true,
    fields: [
      idField('Account'),
      IS_DELETED,
      masterRecordField('Account', 'Account'),
      { name: 'Name', type: 'string', label: 'Account Name', nillable: false, nameField: true, idLookup: true, custom: false },
      { name: 'Type', type: 'picklist', label: 'Account Type', length: 255, picklistValues: [...ACCOUNT_TYPES], custom: false },
      {
        name: 'ParentId',
        type: 'reference',
        label: 'Parent Account ID',
        referenceTo: ['Account'],
        relationshipName: 'Parent',
        childRelationshipName: 'ChildAccounts',
        custom: false,
      },
      ...address('Billing'),
      ...address('Shipping'),
      { name: 'Phone', type: 'phone', label: 'Account Phone', custom: false },
      { name: 'Website', type: 'url', label: 'Website', custom: false },
      { name: 'Industry', type: 'picklist', label: 'Industry', length: 255, picklistValues: [...INDUSTRIES], custom: false },
      { name: 'AnnualRevenue', type: 'currency', label: 'Annual Revenue', precision: 18, scale: 0, custom: false },
      { name: 'NumberOfEmployees', type: 'int', label: 'Employees', digits: 8, custom: false },
      { name: 'Description', type: 'textarea', label: 'Account Description', length: 32000, custom: false },
      OWNER_ID,
      ...auditFields(),
      cosellIdField(),
      seedKeyField(),
      { name: 'Cosell_Overlap__c', type: 'boolean', label: 'Co-sell Overlap', inlineHelpText: 'A partner has this account too' },
      { name: 'Cosell_Partners__c', type: 'textarea', label: 'Co-sell Partners', length: 4000 },
      { name: 'Cosell_Partner_Owner__c', type: 'string', label: 'Partner Account Owner', length: 255 },
      { name: 'Cosell_Vendor_Status__c', type: 'string', label: 'Vendor Relationship', length: 255, inlineHelpText: "The vendor's relationship with this account (a partner org's field)" },
      { name: 'Cosell_Vendor_Owner__c', type: 'string', label: 'Vendor Contact', length: 255, inlineHelpText: 'Whom to call at the vendor about this account' },
    ],
  });
}

