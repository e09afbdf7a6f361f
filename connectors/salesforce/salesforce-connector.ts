import type { Redis } from 'ioredis';
import type { SalesforceConnection } from '../../src/config/connection-schema.js';
import type { Resolved } from '../../src/config/resolve-secrets.js';
import type { Logger } from '../../src/logging/logger.js';
import { stateKey } from '../../src/redis/key-prefix.js';
import { ApiUsageStore } from '../shared/api-usage-store.js';
import type { CrmConnector } from '../shared/crm-connector.js';
import { SharedTokenStore } from '../shared/shared-token-store.js';
import { DescribeCache, toObjectSchema } from './describe-object.js';
import { readChanges } from './read-changes.js';
import { readByIds, readRemovals } from './read-records.js';
import { SalesforceCaller } from './salesforce-caller.js';
import { SalesforceSession } from './salesforce-session.js';
import { deleteRecords, upsertRecords } from './write-records.js';

export interface SalesforceConnectorOptions {
  connectionId: string;
  settings: Resolved<SalesforceConnection>;
  redis: Redis;
  prefix: string;
  logger: Logger;
}

/**
 * The Salesforce connector, on jsforce. The session is shared by every worker process through Redis;
 * jsforce's retry is off (the job owns retries); the API budget comes from each answer's
 * Sforce-Limit-Info and is shared through Redis too. See BEHAVIOR.md.
 */
export function createSalesforceConnector(options: SalesforceConnectorOptions): CrmConnector & { caller: SalesforceCaller; session: SalesforceSession } {
  const { settings, redis, prefix, connectionId } = options;
  const session = new SalesforceSession({ connectionId, settings, store: new SharedTokenStore(redis, stateKey(prefix, 'token', connectionId)), logger: options.logger });
  const usage = new ApiUsageStore(redis, stateKey(prefix, 'usage', connectionId), connectionId, settings.limits.dailyShare);
  const caller = new SalesforceCaller({ connectionId, apiVersion: settings.apiVersion, session, usage });
  const describes = new DescribeCache(caller);
  return {
    kind: 'salesforce',
    connectionId,
    caller,
    session,
    describe: async (object) => toObjectSchema(await describes.get(object)),
    readChanges: (object, readOptions) => readChanges({ caller, describes, bulkThreshold: settings.bulkThreshold }, object, readOptions),
    readByIds: (object, ids, fields) => readByIds(caller, object, ids, fields),
    upsert: (object, externalIdField, records) => upsertRecords(caller, object, externalIdField, records),
    remove: (object, ids) => deleteRecords(caller, object, ids),
    readRemovals: (object, removalOptions) => readRemovals(caller, describes, object, removalOptions),
    budget: () => usage.budget(),
    calls: () => caller.calls,
  };
}
