import { defineObject, auditFields, cosellIdField, idField, IS_DELETED, masterRecordField, OWNER_ID } from './system-fields.js';
import { KEY_PREFIXES } from '../salesforce-ids.js';

export function contactObject() {
  return defineObject({
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: KEY_PREFIXES.Contact,
    mergeable: true,
    fields: [
      idField('Contact'),
      IS_DELETED,
      masterRecordField('Contact', 'Contact'),
      {
        name: 'AccountId',
        type: 'reference',
        label: 'Account ID',
        referenceTo: ['Account'],
        relationshipName: 'Account',
        childRelationshipName: 'Contacts',
        cascadeDelete: true,
        custom: false,
      },
      { name: 'LastName', type: 'string', label: 'Last Name', length: 80, nillable: false, custom: false },
      { name: 'FirstName', type: 'string', label: 'First Name', length: 40, custom: false },
      { name: 'Salutation', type: 'picklist', label: 'Salutation', picklistValues: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'], custom: false },
      {
        name: 'Name',
        type: 'string',
        label: 'Full Name',
        length: 121,
        createable: false,
        updateable: false,
        nameField: true,
        calculated: true,
        custom: false,
      },
      { name: 'Title', type: 'string', label: 'Title', length: 128, custom: false },
      { name: 'Email', type: 'email', label: 'Email', custom: false, idLookup: true },
      { name: 'Phone', type: 'phone', label: 'Business Phone', custom: false },
      { name: 'MobilePhone', type: 'phone', label: 'Mobile Phone', custom: false },
      { name: 'MailingCity', type: 'string', label: 'Mailing City', length: 40, custom: false },
      { name: 'MailingState', type: 'string', label: 'Mailing State/Province', length: 80, custom: false },
      { name: 'MailingCountry', type: 'string', label: 'Mailing Country', length: 80, custom: false },
      { name: 'Description', type: 'textarea', label: 'Contact Description', length: 32000, custom: false },
      OWNER_ID,
      ...auditFields(),
      cosellIdField(),
    ],
  });
}
