import type { CrmConnector, FieldSchema, ObjectSchema } from '../../connectors/shared/crm-connector.js';
import type { CompiledField, CompiledMapping } from './compiled-mapping.js';

export interface LiveProblem {
  connectionId: string;
  /** `Account.Product_Line__c`, or the object alone. */
  where: string;
  /** The mapping file(s) the problem comes from. */
  source: string;
  expected: string;
  found: string;
  /** Warnings do not fail the check (e.g. a value map writing into an open picklist). */
  severity: 'error' | 'warning';
}

const NUMERIC: ReadonlySet<FieldSchema['type']> = new Set(['number', 'currency', 'percent']);
const TEXT: ReadonlySet<FieldSchema['type']> = new Set(['string', 'text', 'email', 'phone', 'url', 'picklist', 'id', 'reference']);

/** Which field types a written value fits, from the last transform that shapes it. */
function fits(field: CompiledField, type: FieldSchema['type']): boolean {
  const names = field.transforms.map((t) => t.name);
  if (names.some((n) => n === 'number' || n === 'integer' || n === 'money')) return NUMERIC.has(type) || TEXT.has(type);
  if (names.includes('boolean')) return type === 'boolean' || TEXT.has(type);
  if (names.includes('date') || names.includes('datetime')) return type === 'date' || type === 'datetime' || TEXT.has(type);
  if (names.includes('list')) return type === 'multipicklist' || TEXT.has(type);
  // Text without a typing transform: it fits text fields, not numbers, dates or booleans.
  return TEXT.has(type) || type === 'multipicklist';
}

/**
 * One mapping against the CRM's own metadata (describe / properties): every mapped field exists, every
 * written field is writable and of a type its transforms produce, every picklist value a value map writes is
 * allowed, and the external-id field exists and is unique.
 */
export function checkMappingAgainst(connectionId: string, mapping: CompiledMapping, schema: ObjectSchema): LiveProblem[] {
  const problems: LiveProblem[] = [];
  const fields = new Map(schema.fields.map((f) => [f.name.toLowerCase(), f]));
  const source = mapping.sources.join(' + ');
  const at = (name: string): string => `${mapping.object}.${name}`;
  const problem = (where: string, expected: string, found: string, severity: LiveProblem['severity'] = 'error'): void => {
    problems.push({ connectionId, where, source, expected, found, severity });
  };
  for (const field of mapping.fields) {
    if (field.direction === 'none') continue;
    // Relationship paths (Owner.Email) are read through the parent; describe lists only the lookup itself.
    if (field.crm.includes('.')) continue;
    const described = fields.get(field.crm.toLowerCase());
    if (!described) {
      problem(at(field.crm), `a field named ${field.crm} (mapped to ${field.canonical})`, `no such field on ${mapping.object}; check the name's spelling and the integration user's field access`);
      continue;
    }
    if (field.direction === 'from-crm') continue;
    if (!described.createable && !described.updateable) problem(at(field.crm), `a writable field (direction ${field.direction})`, `${described.type} field that is read-only (formula, system or permission)`);
    if (!fits(field, described.type)) problem(at(field.crm), `a field type the transforms [${field.transforms.map((t) => t.name).join(', ') || 'none'}] produce`, `type ${described.type}; add a transform that produces it (number, boolean, date, …)`);
    for (const transform of field.transforms) {
      const allowed = described.picklistValues;
      if (!transform.writesValues || !allowed) continue;
      const unknown = transform.writesValues.filter((value) => !allowed.includes(value));
      if (unknown.length > 0) {
        problem(at(field.crm), `picklist values of ${field.crm}: ${allowed.join(' | ')}`, `the value map writes ${unknown.map((v) => JSON.stringify(v)).join(', ')}`, described.restricted ? 'error' : 'warning');
      }
    }
  }
  if (mapping.externalId !== undefined) {
    const external = fields.get(mapping.externalId.toLowerCase());
    if (!external) problem(at(mapping.externalId), `an external-id field ${mapping.externalId} (Unique, External ID in Salesforce; unique value property in HubSpot)`, 'no such field; create it before the first sync');
    else if (!external.externalId && !external.unique) problem(at(mapping.externalId), 'an external-id field marked unique', `${external.type} field that is neither External ID nor unique: upserts cannot find records by it`);
  }
  return problems;
}

/** Every mapping of a connection against the connection's live metadata; an object it cannot describe is one problem. */
export async function checkConnectionLive(connectionId: string, connector: CrmConnector, mappings: readonly CompiledMapping[]): Promise<LiveProblem[]> {
  const problems: LiveProblem[] = [];
  for (const mapping of mappings) {
    let schema: ObjectSchema;
    try {
      schema = await connector.describe(mapping.object);
    } catch (error) {
      problems.push({ connectionId, where: mapping.object, source: mapping.sources.join(' + '), expected: `metadata of ${mapping.object}`, found: `describe failed: ${error instanceof Error ? error.message : String(error)}`, severity: 'error' });
      continue;
    }
    problems.push(...checkMappingAgainst(connectionId, mapping, schema));
  }
  return problems;
}
