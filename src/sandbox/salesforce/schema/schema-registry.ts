import { z } from 'zod';
import { customKeyPrefix } from '../salesforce-ids.js';
import { accountObject } from './account-schema.js';
import { contactObject } from './contact-schema.js';
import { FIELD_TYPES, defineField, type FieldDefinition, type ObjectDefinition } from './object-schema.js';
import { opportunityObject } from './opportunity-schema.js';
import { partnerObject } from './partner-schema.js';
import { IS_DELETED, OWNER_ID, auditFields, defineObject, idField } from './system-fields.js';
import { userObject } from './user-schema.js';

export interface ChildRelationship {
  /** The child object (Opportunity). */
  childObject: ObjectDefinition;
  /** The child's reference field pointing at the parent (AccountId). */
  field: FieldDefinition;
  /** The relationship name used in subqueries (Opportunities). */
  relationshipName: string;
}

const PicklistValue = z.union([
  z.string().min(1).max(255),
  z.strictObject({ value: z.string().min(1), label: z.string(), active: z.boolean(), defaultValue: z.boolean() }),
]);

/** What a caller may say about a custom field; checked on entry so a mistake is named, not half-applied. */
const CustomFieldSpec = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, { error: 'a custom field API name ending in __c, e.g. Region__c' }),
    type: z.enum(FIELD_TYPES.filter((type) => type !== 'id')),
    label: z.string().min(1).max(40).optional(),
    length: z.number().int().min(1).max(131072).optional(),
    precision: z.number().int().min(1).max(18).optional(),
    scale: z.number().int().min(0).max(17).optional(),
    digits: z.number().int().min(1).max(18).optional(),
    picklistValues: z.array(PicklistValue).optional(),
    restrictedPicklist: z.boolean().optional(),
    nillable: z.boolean().optional(),
    externalId: z.boolean().optional(),
    unique: z.boolean().optional(),
    caseSensitive: z.boolean().optional(),
    referenceTo: z.array(z.string().min(1)).max(1).optional(),
    relationshipName: z.string().regex(/__r$/, { error: 'a custom relationship name ending in __r' }).optional(),
    childRelationshipName: z.string().optional(),
    defaultValue: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    inlineHelpText: z.string().optional(),
  })
  .refine((spec) => spec.type !== 'reference' || spec.referenceTo?.length === 1, {
    error: 'a reference field names the object it points at in referenceTo',
  });

const CustomObjectSpec = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, { error: 'a custom object API name ending in __c, e.g. Deal_Registration__c' }),
  label: z.string().min(1).max(40).optional(),
  labelPlural: z.string().min(1).max(40).optional(),
  fields: z.array(CustomFieldSpec).default([]),
});

export type CustomFieldInput = z.input<typeof CustomFieldSpec>;
export type CustomObjectInput = z.input<typeof CustomObjectSpec>;

/**
 * The org's objects and fields, looked up case-insensitively as Salesforce does. Ships Account, Contact,
 * Opportunity, User and Partner__c; a caller (a partner developer trying a mapping) adds custom objects and fields.
 */
export class SchemaRegistry {
  private readonly objects = new Map<string, ObjectDefinition>();
  private readonly fieldIndex = new Map<string, Map<string, FieldDefinition>>();
  private readonly relationshipIndex = new Map<string, Map<string, FieldDefinition>>();
  private readonly prefixes = new Map<string, ObjectDefinition>();
  private customObjectCount = 0;
  /** Bumped on every change, so derived data (describe, compiled queries) can tell it is stale. */
  revision = 0;

  constructor() {
    for (const definition of [accountObject(), contactObject(), opportunityObject(), userObject()]) this.register(definition);
    this.register(partnerObject(this.nextCustomPrefix()));
  }

  list(): readonly ObjectDefinition[] {
    return [...this.objects.values()];
  }

  find(name: string): ObjectDefinition | undefined {
    return this.objects.get(name.toLowerCase());
  }

  byKeyPrefix(prefix: string): ObjectDefinition | undefined {
    return this.prefixes.get(prefix);
  }

  field(object: ObjectDefinition, name: string): FieldDefinition | undefined {
    return this.fieldIndex.get(object.name.toLowerCase())?.get(name.toLowerCase());
  }

  /** The reference field whose relationship name is `name` (Account on Opportunity → AccountId). */
  relationship(object: ObjectDefinition, name: string): FieldDefinition | undefined {
    return this.relationshipIndex.get(object.name.toLowerCase())?.get(name.toLowerCase());
  }

  childRelationships(parent: ObjectDefinition): ChildRelationship[] {
    const children: ChildRelationship[] = [];
    for (const child of this.objects.values()) {
      for (const field of child.fields) {
        if (field.type === 'reference' && field.childRelationshipName !== null && field.referenceTo[0] === parent.name) {
          children.push({ childObject: child, field, relationshipName: field.childRelationshipName });
        }
      }
    }
    return children;
  }

  childRelationship(parent: ObjectDefinition, name: string): ChildRelationship | undefined {
    return this.childRelationships(parent).find((child) => child.relationshipName.toLowerCase() === name.toLowerCase());
  }

  /** Adds a custom object with the standard fields every custom object has (Id, Name, OwnerId, audit fields). */
  addCustomObject(input: CustomObjectInput): ObjectDefinition {
    const spec = parseOrThrow(CustomObjectSpec, input, 'custom object');
    if (this.find(spec.name)) throw new Error(`object ${spec.name} already exists`);
    const label = spec.label ?? spec.name.replace(/__c$/, '').replace(/_/g, ' ');
    const definition = defineObject({
      name: spec.name,
      label,
      labelPlural: spec.labelPlural ?? `${label}s`,
      keyPrefix: this.nextCustomPrefix(),
      fields: [
        idField('Record'),
        IS_DELETED,
        { name: 'Name', type: 'string', label: `${label} Name`, length: 80, nillable: false, nameField: true, custom: false },
        OWNER_ID,
        ...auditFields(),
      ],
    });
    this.register(definition);
    for (const field of spec.fields) this.addField(spec.name, field);
    return definition;
  }

  /** Adds a custom field to any object. */
  addField(objectName: string, input: CustomFieldInput): FieldDefinition {
    const object = this.find(objectName);
    if (!object) throw new Error(`no object ${objectName}; known: ${this.list().map((o) => o.name).join(', ')}`);
    const spec = parseOrThrow(CustomFieldSpec, input, `field on ${object.name}`);
    if (this.field(object, spec.name)) throw new Error(`${object.name}.${spec.name} already exists`);
    const target = spec.referenceTo?.[0];
    if (target !== undefined && !this.find(target)) throw new Error(`${spec.name} refers to unknown object ${target}`);
    const definition = defineField({
      ...spec,
      referenceTo: target === undefined ? [] : [this.find(target)?.name ?? target],
      relationshipName: spec.type === 'reference' ? (spec.relationshipName ?? spec.name.replace(/__c$/, '__r')) : null,
    });
    object.fields.push(definition);
    this.index(object);
    return definition;
  }

  /** Adds values to a picklist, as an admin does in Setup; existing values are left alone. */
  addPicklistValues(objectName: string, fieldName: string, values: readonly string[]): void {
    const object = this.find(objectName);
    const field = object && this.field(object, fieldName);
    if (!field || (field.type !== 'picklist' && field.type !== 'multipicklist')) {
      throw new Error(`${objectName}.${fieldName} is not a picklist`);
    }
    let changed = false;
    for (const value of values) {
      if (field.picklistValues.some((entry) => entry.value.toLowerCase() === value.toLowerCase())) continue;
      field.picklistValues.push({ value, label: value, active: true, defaultValue: false });
      changed = true;
    }
    if (changed) this.revision += 1;
  }

  private nextCustomPrefix(): string {
    const prefix = customKeyPrefix(this.customObjectCount);
    this.customObjectCount += 1;
    return prefix;
  }

  private register(definition: ObjectDefinition): void {
    this.objects.set(definition.name.toLowerCase(), definition);
    this.prefixes.set(definition.keyPrefix, definition);
    this.index(definition);
  }

  private index(definition: ObjectDefinition): void {
    const fields = new Map<string, FieldDefinition>();
    const relationships = new Map<string, FieldDefinition>();
    for (const field of definition.fields) {
      fields.set(field.name.toLowerCase(), field);
      if (field.relationshipName !== null) relationships.set(field.relationshipName.toLowerCase(), field);
    }
    this.fieldIndex.set(definition.name.toLowerCase(), fields);
    this.relationshipIndex.set(definition.name.toLowerCase(), relationships);
    this.revision += 1;
  }
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new Error(`invalid ${what}: ${problems.join('; ')}`);
}
