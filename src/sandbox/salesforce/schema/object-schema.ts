/**
 * The sandbox's schema is data: one definition per object, one per field, carrying what describe reports
 * (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_describesobjects_describesobjectresult.htm)
 * and what validation enforces. `defineField` fills in the attributes Salesforce gives each field type.
 */

export const FIELD_TYPES = [
  'id',
  'string',
  'picklist',
  'multipicklist',
  'currency',
  'double',
  'percent',
  'int',
  'date',
  'datetime',
  'boolean',
  'reference',
  'url',
  'email',
  'phone',
  'textarea',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface PicklistEntry {
  value: string;
  label: string;
  active: boolean;
  defaultValue: boolean;
}

export type FieldValue = string | number | boolean | null;

export interface FieldDefinition {
  name: string;
  label: string;
  type: FieldType;
  /** Characters for text types, 18 for ids, 0 otherwise. */
  length: number;
  /** Total digits for currency, double and percent; 0 otherwise. */
  precision: number;
  /** Digits after the point for currency, double and percent. */
  scale: number;
  /** Digits for int. */
  digits: number;
  picklistValues: PicklistEntry[];
  restrictedPicklist: boolean;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  /** The platform gives the field a value on create when the request has none (Id, OwnerId, checkboxes, …). */
  defaultedOnCreate: boolean;
  /** Value a create gets when the request names no value (checkboxes, picklist defaults). */
  defaultValue: FieldValue;
  externalId: boolean;
  idLookup: boolean;
  unique: boolean;
  caseSensitive: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  /** Name of the child relationship on the referenced object (Account.Opportunities), for subqueries. */
  childRelationshipName: string | null;
  /** Deleting the parent deletes the child (Account → Opportunity, Contact). */
  cascadeDelete: boolean;
  custom: boolean;
  nameField: boolean;
  /** Set by the platform from other fields (Contact.Name, Opportunity.IsWon); never written through the API. */
  calculated: boolean;
  filterable: boolean;
  sortable: boolean;
  groupable: boolean;
  inlineHelpText: string | null;
}

export interface ObjectDefinition {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  mergeable: boolean;
  fields: FieldDefinition[];
}

/** What a caller writes to add a field: a name, a type, and whatever differs from the type's defaults. */
export type FieldSpec = Pick<FieldDefinition, 'name' | 'type'> &
  Partial<Omit<FieldDefinition, 'name' | 'type' | 'picklistValues'>> & {
    /** Picklist values as plain strings (label = value, active) or full entries. */
    picklistValues?: (string | PicklistEntry)[];
  };

const TEXT_LENGTH: Partial<Record<FieldType, number>> = {
  id: 18,
  reference: 18,
  string: 255,
  picklist: 255,
  multipicklist: 4099,
  url: 255,
  email: 80,
  phone: 40,
  textarea: 32000,
};

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  url: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  textarea: 'xsd:string',
  currency: 'xsd:double',
  double: 'xsd:double',
  percent: 'xsd:double',
  int: 'xsd:int',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  boolean: 'xsd:boolean',
};

export function soapTypeOf(type: FieldType): string {
  return SOAP_TYPES[type];
}

/** Label from an API name: `Product_Line__c` → `Product Line`, `BillingCity` → `Billing City`. */
export function labelFromName(name: string): string {
  return name
    .replace(/__c$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}

function picklistEntry(value: string | PicklistEntry): PicklistEntry {
  return typeof value === 'string' ? { value, label: value, active: true, defaultValue: false } : value;
}

/** A full field definition from a spec, with the attributes Salesforce gives a field of that type by default. */
export function defineField(spec: FieldSpec): FieldDefinition {
  const type = spec.type;
  const isNumber = type === 'currency' || type === 'double' || type === 'percent';
  const isText = type !== 'boolean' && type !== 'date' && type !== 'datetime' && type !== 'int' && !isNumber;
  const custom = spec.custom ?? spec.name.endsWith('__c');
  const picklistValues = (spec.picklistValues ?? []).map(picklistEntry);
  const defaultEntry = picklistValues.find((entry) => entry.defaultValue);
  const defaultValue = spec.defaultValue ?? (type === 'boolean' ? false : (defaultEntry?.value ?? null));
  return {
    name: spec.name,
    label: spec.label ?? labelFromName(spec.name),
    type,
    length: spec.length ?? TEXT_LENGTH[type] ?? 0,
    precision: spec.precision ?? (isNumber ? (type === 'percent' ? 3 : 18) : 0),
    scale: spec.scale ?? (type === 'currency' ? 2 : 0),
    digits: spec.digits ?? (type === 'int' ? 9 : 0),
    picklistValues,
    restrictedPicklist: spec.restrictedPicklist ?? false,
    createable: spec.createable ?? true,
    updateable: spec.updateable ?? true,
    nillable: spec.nillable ?? type !== 'boolean',
    defaultedOnCreate: spec.defaultedOnCreate ?? (type === 'boolean' || defaultValue !== null),
    defaultValue,
    externalId: spec.externalId ?? false,
    idLookup: spec.idLookup ?? (spec.externalId === true || type === 'id'),
    unique: spec.unique ?? false,
    caseSensitive: spec.caseSensitive ?? false,
    referenceTo: spec.referenceTo ?? [],
    relationshipName: spec.relationshipName ?? null,
    childRelationshipName: spec.childRelationshipName ?? null,
    cascadeDelete: spec.cascadeDelete ?? false,
    custom,
    nameField: spec.nameField ?? false,
    calculated: spec.calculated ?? false,
    filterable: spec.filterable ?? (type !== 'textarea' || (spec.length ?? 32000) <= 255),
    sortable: spec.sortable ?? (type !== 'textarea' && type !== 'multipicklist'),
    groupable: spec.groupable ?? (isText && type !== 'textarea' && type !== 'multipicklist'),
    inlineHelpText: spec.inlineHelpText ?? null,
  };
}

/** Picklist values from plain strings, the first one marked as the default when asked. */
export function picklist(values: readonly string[], options: { defaultFirst?: boolean } = {}): PicklistEntry[] {
  return values.map((value, index) => ({
    value,
    label: value,
    active: true,
    defaultValue: options.defaultFirst === true && index === 0,
  }));
}
