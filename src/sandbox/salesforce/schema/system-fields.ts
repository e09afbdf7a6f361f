import { defineField, type FieldSpec, type ObjectDefinition } from './object-schema.js';

/** Fields the platform keeps on every record; none of them is writable through the API. */
const READ_ONLY = { createable: false, updateable: false } as const;

export function idField(objectLabel: string): FieldSpec {
  return {
    name: 'Id',
    type: 'id',
    label: `${objectLabel} ID`,
    ...READ_ONLY,
    nillable: false,
    defaultedOnCreate: true,
    idLookup: true,
    caseSensitive: false,
    custom: false,
  };
}

export const IS_DELETED: FieldSpec = { name: 'IsDeleted', type: 'boolean', label: 'Deleted', ...READ_ONLY, custom: false };

export function masterRecordField(objectName: string, objectLabel: string): FieldSpec {
  return {
    name: 'MasterRecordId',
    type: 'reference',
    label: `Master Record ID`,
    inlineHelpText: `The surviving ${objectLabel} after a merge`,
    referenceTo: [objectName],
    relationshipName: 'MasterRecord',
    ...READ_ONLY,
    custom: false,
  };
}

export const OWNER_ID: FieldSpec = {
  name: 'OwnerId',
  type: 'reference',
  label: 'Owner ID',
  referenceTo: ['User'],
  relationshipName: 'Owner',
  nillable: false,
  defaultedOnCreate: true,
  custom: false,
};

/** CreatedDate … SystemModstamp, in the order describe lists them. */
export function auditFields(): FieldSpec[] {
  const userRef = (name: string, relationshipName: string, label: string): FieldSpec => ({
    name,
    type: 'reference',
    label,
    referenceTo: ['User'],
    relationshipName,
    ...READ_ONLY,
    nillable: false,
    defaultedOnCreate: true,
    custom: false,
  });
  const stamp = (name: string, label: string): FieldSpec => ({
    name,
    type: 'datetime',
    label,
    ...READ_ONLY,
    nillable: false,
    defaultedOnCreate: true,
    custom: false,
  });
  return [
    stamp('CreatedDate', 'Created Date'),
    userRef('CreatedById', 'CreatedBy', 'Created By ID'),
    stamp('LastModifiedDate', 'Last Modified Date'),
    userRef('LastModifiedById', 'LastModifiedBy', 'Last Modified By ID'),
    stamp('SystemModstamp', 'System Modstamp'),
  ];
}

/** The external id the engine upserts by: text, External ID, Unique, case-insensitive. */
export function cosellIdField(): FieldSpec {
  return {
    name: 'Cosell_Id__c',
    type: 'string',
    label: 'Co-sell ID',
    length: 80,
    externalId: true,
    unique: true,
    caseSensitive: false,
    inlineHelpText: 'Canonical id written by cosell-sync; every write is an upsert by it',
  };
}

/** The key the sandbox's seed loader gives each seeded record, so links are resolved without a map in memory. */
export function seedKeyField(): FieldSpec {
  return {
    name: 'Seed_Key__c',
    type: 'string',
    label: 'Seed Key',
    length: 40,
    externalId: true,
    unique: true,
    caseSensitive: true,
    inlineHelpText: 'Key of the sandbox seed record this record was loaded from',
  };
}

export interface ObjectSpec {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom?: boolean;
  mergeable?: boolean;
  deletable?: boolean;
  fields: FieldSpec[];
}

export function defineObject(spec: ObjectSpec): ObjectDefinition {
  const fields = spec.fields.map(defineField);
  const seen = new Set<string>();
  for (const field of fields) {
    const key = field.name.toLowerCase();
    if (seen.has(key)) throw new Error(`${spec.name} defines field ${field.name} twice`);
    seen.add(key);
  }
  return {
    name: spec.name,
    label: spec.label,
    labelPlural: spec.labelPlural,
    keyPrefix: spec.keyPrefix,
    custom: spec.custom ?? spec.name.endsWith('__c'),
    createable: true,
    updateable: true,
    deletable: spec.deletable ?? true,
    mergeable: spec.mergeable ?? false,
    fields,
  };
}
