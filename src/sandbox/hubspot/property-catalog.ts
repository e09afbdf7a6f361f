/** A HubSpot property definition as the properties API describes it (the fields the sandbox uses). */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
  fieldType: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'radio' | 'checkbox' | 'booleancheckbox' | 'calculation_equation';
  groupName: string;
  options: { label: string; value: string; displayOrder: number; hidden: boolean }[];
  hasUniqueValue: boolean;
  readOnlyValue: boolean;
  calculated: boolean;
  hubspotDefined: boolean;
}

export const OBJECT_TYPES = ['companies', 'deals', 'contacts'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export function isObjectType(type: string): type is ObjectType {
  return OBJECT_TYPES.some((known) => known === type);
}

const option = (value: string, label: string, displayOrder: number): PropertyDefinition['options'][number] => ({ label, value, displayOrder, hidden: false });
const enumeration = (values: readonly string[]): PropertyDefinition['options'] =>
  values.map((value, index) => option(value, value.toLowerCase().replace(/(^|_)(\w)/g, (_m, sep: string, c: string) => `${sep ? ' ' : ''}${c.toUpperCase()}`), index));

function prop(name: string, type: PropertyDefinition['type'], extra: Partial<PropertyDefinition> = {}): PropertyDefinition {
  const fieldType: PropertyDefinition['fieldType'] =
    type === 'number' ? 'number' : type === 'date' || type === 'datetime' ? 'date' : type === 'enumeration' ? 'select' : type === 'bool' ? 'booleancheckbox' : 'text';
  return {
    name,
    label: name.replace(/_/g, ' '),
    type,
    fieldType,
    groupName: 'information',
    options: [],
    hasUniqueValue: false,
    readOnlyValue: false,
    calculated: false,
    hubspotDefined: true,
    ...extra,
  };
}

/** HubSpot's industry enumeration values (a representative subset of the real list). */
export const INDUSTRIES = [
  'ACCOUNTING', 'AIRLINES_AVIATION', 'APPAREL_FASHION', 'AUTOMOTIVE', 'BANKING', 'BIOTECHNOLOGY', 'CHEMICALS',
  'COMPUTER_HARDWARE', 'COMPUTER_SOFTWARE', 'CONSTRUCTION', 'CONSUMER_GOODS', 'EDUCATION_MANAGEMENT', 'FINANCIAL_SERVICES',
  'FOOD_BEVERAGES', 'GOVERNMENT_ADMINISTRATION', 'HOSPITAL_HEALTH_CARE', 'HOSPITALITY', 'INFORMATION_TECHNOLOGY_AND_SERVICES',
  'INSURANCE', 'INTERNET', 'LOGISTICS_AND_SUPPLY_CHAIN', 'MANAGEMENT_CONSULTING', 'MEDIA_PRODUCTION', 'MEDICAL_DEVICES',
  'OIL_ENERGY', 'PHARMACEUTICALS', 'REAL_ESTATE', 'RETAIL', 'TELECOMMUNICATIONS', 'UTILITIES',
] as const;

export const LIFECYCLE_STAGES = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'] as const;

export const DEAL_STAGES = [
  { id: 'appointmentscheduled', label: 'Appointment Scheduled', probability: '0.2', isClosed: 'false' },
  { id: 'qualifiedtobuy', label: 'Qualified To Buy', probability: '0.4', isClosed: 'false' },
  { id: 'presentationscheduled', label: 'Presentation Scheduled', probability: '0.6', isClosed: 'false' },
  { id: 'decisionmakerboughtin', label: 'Decision Maker Bought-In', probability: '0.8', isClosed: 'false' },
  { id: 'contractsent', label: 'Contract Sent', probability: '0.9', isClosed: 'false' },
  { id: 'closedwon', label: 'Closed Won', probability: '1.0', isClosed: 'true' },
  { id: 'closedlost', label: 'Closed Lost', probability: '0.0', isClosed: 'true' },
] as const;

const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'AUD', 'CAD', 'CHF'];

const COMMON = [
  prop('hs_object_id', 'number', { readOnlyValue: true }),
  prop('createdate', 'datetime', { readOnlyValue: true }),
  prop('hs_lastmodifieddate', 'datetime', { readOnlyValue: true }),
  prop('hubspot_owner_id', 'enumeration', { fieldType: 'select' }),
  prop('hs_merged_object_ids', 'enumeration', { readOnlyValue: true, fieldType: 'checkbox' }),
  // The engine's external id: a custom single-line text property with unique values.
  prop('cosell_id', 'string', { hasUniqueValue: true, hubspotDefined: false, groupName: 'cosell' }),
];

/** The default property definitions per object type; custom ones are added at run time. */
export function defaultProperties(type: ObjectType): PropertyDefinition[] {
  switch (type) {
    case 'companies':
      return [
        ...COMMON,
        prop('name', 'string'),
        prop('domain', 'string'),
        prop('website', 'string'),
        prop('industry', 'enumeration', { options: enumeration(INDUSTRIES) }),
        prop('country', 'string'),
        prop('state', 'string'),
        prop('city', 'string'),
        prop('numberofemployees', 'number'),
        prop('annualrevenue', 'number'),
        prop('lifecyclestage', 'enumeration', { fieldType: 'radio', options: LIFECYCLE_STAGES.map((v, i) => option(v, v, i)) }),
        prop('description', 'string', { fieldType: 'textarea' }),
        // Account mapping write-back: custom properties a portal's admin creates once (group "cosell").
        prop('cosell_overlap', 'bool', { hubspotDefined: false, groupName: 'cosell', fieldType: 'booleancheckbox', options: [option('true', 'Yes', 0), option('false', 'No', 1)] }),
        prop('cosell_partners', 'string', { hubspotDefined: false, groupName: 'cosell', fieldType: 'textarea' }),
        prop('cosell_partner_owner', 'string', { hubspotDefined: false, groupName: 'cosell' }),
        prop('cosell_vendor_status', 'string', { hubspotDefined: false, groupName: 'cosell' }),
        prop('cosell_vendor_owner', 'string', { hubspotDefined: false, groupName: 'cosell' }),
      ];
    case 'deals':
      return [
        ...COMMON,
        prop('dealname', 'string'),
        prop('amount', 'number'),
        prop('deal_currency_code', 'enumeration', { options: CURRENCIES.map((v, i) => option(v, v, i)) }),
        prop('dealstage', 'enumeration', { fieldType: 'radio', options: DEAL_STAGES.map((s, i) => option(s.id, s.label, i)) }),
        prop('pipeline', 'enumeration', { options: [option('default', 'Sales Pipeline', 0)] }),
        prop('closedate', 'datetime'),
        prop('product_line', 'string', { hubspotDefined: false }),
      ];
    case 'contacts':
      return [...COMMON, prop('email', 'string', { hasUniqueValue: true }), prop('firstname', 'string'), prop('lastname', 'string'), prop('jobtitle', 'string'), prop('company', 'string')];
  }
}

export function customProperty(definition: Partial<PropertyDefinition> & Pick<PropertyDefinition, 'name' | 'type'>): PropertyDefinition {
  return { ...prop(definition.name, definition.type), hubspotDefined: false, groupName: 'custom', ...definition };
}
