import { fromCrm, toCrm } from '../mappings/apply-mapping.js';
import type { SyncObject } from '../config/schedule-schema.js';
import { canonicalIdFor } from '../state/canonical-ids.js';
import type { CanonicalRecord } from '../state/canonical-store.js';
import { stableJson } from '../state/stable-json.js';
import type { EngineRuntime } from './engine-runtime.js';
import { resolveMapping } from './resolve-mapping.js';

export interface PlannedChange {
  target: string;
  object: string;
  canonicalId: string;
  /** The target CRM's record id, or undefined when the record would be created. */
  crmId: string | undefined;
  fields: { field: string; before: unknown; after: unknown }[];
}

/**
 * What one sync pass of a connection's object would write, without writing anything: no cursor moves, no
 * state changes, no CRM writes. Reads the changes since the cursor (up to `limit` records), maps them, asks
 * the rules where they go, and compares the values each target would receive with what it holds now.
 */
export async function planSync(runtime: EngineRuntime, connectionId: string, object: SyncObject, limit: number): Promise<{ read: number; changes: PlannedChange[] }> {
  const { mapping } = resolveMapping(runtime.connectors, runtime.mappings, connectionId, object);
  const connector = runtime.connectors.get(connectionId);
  const since = await runtime.stores.cursors.get(connectionId, object);
  const changes: PlannedChange[] = [];
  let read = 0;
  for await (const page of connector.readChanges(mapping.object, { fields: mapping.crmFieldsToRead, since, lookbackMs: runtime.settings.lookbackMs })) {
    for (const record of page.records) {
      if (read >= limit) return { read, changes };
      read += 1;
      const { values, errors } = fromCrm(mapping, record.fields);
      if (errors.length > 0) continue;
      const [known] = await runtime.stores.links.canonicalIds(connectionId, mapping.object, mapping.canonical, [record.id]);
      const canonicalId = known ?? canonicalIdFor(mapping.canonical, connectionId, mapping.object, record.id);
      const stored = await runtime.stores.canonical.get(mapping.canonical, canonicalId);
      const simulated: CanonicalRecord = { id: canonicalId, sources: new Map(stored?.sources ?? []) };
      simulated.sources.set(connectionId, { crmId: record.id, modifiedAt: record.modifiedAt, values, changedAt: Object.fromEntries(Object.keys(values).map((f) => [f, record.modifiedAt])) });
      const targets = await runtime.rules.targetsFor({ sourceConnectionId: connectionId, object, canonicalId });
      for (const target of targets) {
        const planned = await planTarget(runtime, simulated, target.connectionId, object);
        if (planned && planned.fields.length > 0) changes.push(planned);
      }
    }
  }
  return { read, changes };
}

async function planTarget(runtime: EngineRuntime, record: CanonicalRecord, targetId: string, object: SyncObject): Promise<PlannedChange | undefined> {
  const { mapping } = resolveMapping(runtime.connectors, runtime.mappings, targetId, object);
  const outgoing = runtime.rules.valuesFor(record, mapping.canonical, targetId);
  if (!outgoing) return undefined;
  const { values } = toCrm(mapping, outgoing.values, outgoing.allowed);
  const [crmId] = await runtime.stores.links.crmIds(targetId, mapping.object, mapping.canonical, [record.id]);
  const current = crmId === undefined ? undefined : (await runtime.connectors.get(targetId).readByIds(mapping.object, [crmId], Object.keys(values)))[0];
  const fields = Object.entries(values)
    .map(([field, after]) => ({ field, before: current?.fields[field] ?? null, after }))
    .filter(({ before, after }) => stableJson(normalise(before)) !== stableJson(normalise(after)));
  return { target: targetId, object: mapping.object, canonicalId: record.id, crmId, fields };
}

/** CRMs answer numbers as text (HubSpot) and blanks as null or "": compare them alike. */
function normalise(value: unknown): unknown {
  if (value === '' || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}
