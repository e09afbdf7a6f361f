import { soapTypeOf, type FieldDefinition, type ObjectDefinition } from './schema/object-schema.js';
import type { SchemaRegistry } from './schema/schema-registry.js';

/**
 * Describe results in the shapes of
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm and
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm.
 */

function objectUrls(object: ObjectDefinition, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    approvalLayouts: `${base}/describe/approvalLayouts`,
    defaultValues: `${base}/defaultValues?recordTypeId&fields`,
    listviews: `${base}/listviews`,
    describe: `${base}/describe`,
    quickActions: `${base}/quickActions`,
    layouts: `${base}/describe/layouts`,
    sobject: base,
  };
}

/** The object-level flags describe and describeGlobal share. */
function objectFlags(object: ObjectDefinition): Record<string, unknown> {
  return {
    activateable: false,
    createable: object.createable,
    custom: object.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: object.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: true,
    mergeable: object.mergeable,
    mruEnabled: true,
    name: object.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: object.deletable,
    updateable: object.updateable,
  };
}

export function describeGlobal(schema: SchemaRegistry, version: string): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: schema.list().map((object) => ({ ...objectFlags(object), urls: objectUrls(object, version) })),
  };
}

/** The `objectDescribe` part of `GET /sobjects/{type}`. */
export function objectSummary(object: ObjectDefinition, version: string): Record<string, unknown> {
  return { ...objectFlags(object), urls: objectUrls(object, version) };
}

export function describeObject(schema: SchemaRegistry, object: ObjectDefinition, version: string): Record<string, unknown> {
  return {
    actionOverrides: [],
    ...objectFlags(object),
    childRelationships: schema.childRelationships(object).map((child) => ({
      cascadeDelete: child.field.cascadeDelete,
      childSObject: child.childObject.name,
      deprecatedAndHidden: false,
      field: child.field.name,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: child.relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: true,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: object.fields.map(describeField),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: { layout: `/services/data/v${version}/sobjects/${object.name}/describe/layouts/012000000000000AAA` },
      },
    ],
    searchLayoutable: true,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [
      { label: 'All', name: 'everything' },
      { label: 'My', name: 'mine' },
    ],
    urls: objectUrls(object, version),
  };
}

export function describeField(field: FieldDefinition): Record<string, unknown> {
  const isNumber = field.type === 'currency' || field.type === 'double' || field.type === 'percent';
  return {
    aggregatable: field.type !== 'textarea' && field.type !== 'multipicklist',
    aiPredictionField: false,
    autoNumber: false,
    byteLength: field.length * 3,
    calculated: field.calculated,
    calculatedFormula: null,
    cascadeDelete: field.cascadeDelete,
    caseSensitive: field.caseSensitive,
    compoundFieldName: null,
    controllerName: null,
    createable: field.createable,
    custom: field.custom,
    defaultValue: field.type === 'picklist' ? null : field.defaultedOnCreate ? field.defaultValue : null,
    defaultValueFormula: null,
    defaultedOnCreate: field.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: field.digits,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: field.externalId,
    extraTypeInfo: field.type === 'textarea' && field.length > 255 ? 'plaintextarea' : null,
    filterable: field.filterable,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: field.groupable,
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: field.idLookup,
    inlineHelpText: field.inlineHelpText,
    label: field.label,
    length: field.length,
    mask: null,
    maskType: null,
    name: field.name,
    nameField: field.nameField,
    namePointing: false,
    nillable: field.nillable,
    permissionable: field.nillable && field.custom,
    picklistValues: field.picklistValues.map((entry) => ({
      active: entry.active,
      defaultValue: entry.defaultValue,
      label: entry.label,
      validFor: null,
      value: entry.value,
    })),
    polymorphicForeignKey: false,
    precision: isNumber ? field.precision : 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: field.restrictedPicklist,
    scale: isNumber ? field.scale : 0,
    searchPrefilterable: false,
    soapType: soapTypeOf(field.type),
    sortable: field.sortable,
    type: field.type,
    unique: field.unique,
    updateable: field.updateable,
    writeRequiresMasterRead: false,
  };
}
