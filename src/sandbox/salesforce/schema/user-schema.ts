import { defineObject, auditFields, idField, seedKeyField } from './system-fields.js';
import { KEY_PREFIXES } from '../salesforce-ids.js';

/** Users: the reps who own records, and the integration user the API logs in as. No IsDeleted: users deactivate. */
export function userObject() {
  return defineObject({
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: KEY_PREFIXES.User,
    deletable: false,
    fields: [
      idField('User'),
      { name: 'Username', type: 'string', label: 'Username', length: 80, nillable: false, unique: true, idLookup: true, custom: false },
      { name: 'LastName', type: 'string', label: 'Last Name', length: 80, nillable: false, custom: false },
      { name: 'FirstName', type: 'string', label: 'First Name', length: 40, custom: false },
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
      { name: 'CompanyName', type: 'string', label: 'Company Name', length: 80, custom: false },
      { name: 'Department', type: 'string', label: 'Department', length: 80, custom: false },
      { name: 'Title', type: 'string', label: 'Title', length: 80, custom: false },
      { name: 'Email', type: 'email', label: 'Email', length: 128, nillable: false, custom: false },
      { name: 'Alias', type: 'string', label: 'Alias', length: 8, nillable: false, custom: false },
      { name: 'IsActive', type: 'boolean', label: 'Active', defaultValue: true, custom: false },
      ...auditFields(),
      { name: 'Sales_Region__c', type: 'string', label: 'Sales Region', length: 40 },
      seedKeyField(),
    ],
  });
}
