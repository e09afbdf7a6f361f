import type { SyncObject } from '../config/schedule-schema.js';
import type { CompiledMapping } from '../mappings/compiled-mapping.js';
import type { MappingSet } from '../mappings/mapping-set.js';
import type { ConnectorPool } from './connector-factory.js';
import { crmObjectFor } from './crm-objects.js';
import { MappingNotFoundError } from './mapping-not-found-error.js';
import { VENDOR } from './workspace-rules.js';

/** Records per upsert call: the CRMs' own batch limits. */
export const BATCH_SIZE = { salesforce: 200, hubspot: 100 } as const;

/** The mapping of a connection's sync object (the partner's override when it has one), and its CRM kind. */
export function resolveMapping(connectors: ConnectorPool, mappings: MappingSet, connectionId: string, object: SyncObject): { mapping: CompiledMapping; kind: 'salesforce' | 'hubspot' } {
  const settings = connectors.settings(connectionId);
  if (!settings) throw new MappingNotFoundError(`connection "${connectionId}" is not in the workspace; expected "vendor" or a partner id`);
  const crmObject = crmObjectFor(settings.kind, object);
  const mapping = mappings.get(settings.kind, crmObject, connectionId === VENDOR ? undefined : connectionId);
  if (!mapping) throw new MappingNotFoundError(`no mapping for ${settings.kind} ${crmObject} (sync object ${object}); add one under mappings/${settings.kind}/`);
  return { mapping, kind: settings.kind };
}
