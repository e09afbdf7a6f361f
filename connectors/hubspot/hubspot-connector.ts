import { Client } from '@hubspot/api-client';
import type { Redis } from 'ioredis';
import type { HubSpotConnection } from '../../src/config/connection-schema.js';
import type { Resolved } from '../../src/config/resolve-secrets.js';
import type { Logger } from '../../src/logging/logger.js';
import { stateKey } from '../../src/redis/key-prefix.js';
import { ApiUsageStore } from '../shared/api-usage-store.js';
import type { CrmConnector } from '../shared/crm-connector.js';
import { RequestWindowLimiter } from '../shared/request-window-limiter.js';
import { SharedTokenStore } from '../shared/shared-token-store.js';
import { associateDefault, readAssociations, type AssociationPair } from './associations.js';
import { HubSpotCaller } from './hubspot-caller.js';
import { OAuthSession } from './oauth-session.js';
import { readChanges } from './read-changes.js';
import { describeObject, readByIds, readRemovals } from './read-records.js';
import { archiveRecords, upsertRecords } from './write-records.js';

/** HubSpot's associations v4 (a deal to its company), beside the common interface. */
export interface HubSpotAssociations {
  associate(fromType: string, toType: string, pairs: readonly AssociationPair[]): Promise<AssociationPair[]>;
  associations(fromType: string, toType: string, ids: readonly string[]): Promise<Map<string, string[]>>;
}

export interface HubSpotConnectorOptions {
  connectionId: string;
  settings: Resolved<HubSpotConnection>;
  redis: Redis;
  prefix: string;
  logger: Logger;
}

/**
 * The HubSpot connector, on @hubspot/api-client. The client's own retry and limiter are off on purpose:
 * the shared Redis window limits calls across all worker processes, and the job owns retries (a 429
 * defers the job without spending an attempt). See BEHAVIOR.md.
 */
export function createHubSpotConnector(options: HubSpotConnectorOptions): CrmConnector & HubSpotAssociations & { caller: HubSpotCaller } {
  const { settings, redis, prefix, connectionId } = options;
  // No accessToken here: each call carries its own Authorization header (OAuth tokens rotate).
  const client = new Client({ basePath: settings.baseUrl, numberOfApiCallRetries: 0 });
  const auth = settings.auth;
  const token =
    auth.type === 'private-app'
      ? ({ kind: 'static', value: auth.token.reveal() } as const)
      : ({
          kind: 'oauth',
          session: new OAuthSession({ baseUrl: settings.baseUrl, connectionId, clientId: auth.clientId, clientSecret: auth.clientSecret, refreshToken: auth.refreshToken, store: new SharedTokenStore(redis, stateKey(prefix, 'token', connectionId)) }),
        } as const);
  const usage = new ApiUsageStore(redis, stateKey(prefix, 'usage', connectionId), connectionId, settings.limits.dailyShare);
  const caller = new HubSpotCaller({
    connectionId,
    client,
    token,
    apiLimiter: new RequestWindowLimiter(redis, stateKey(prefix, 'limit', connectionId, 'api'), { max: settings.limits.requestsPerTenSeconds, windowMs: 10_000 }),
    searchLimiter: new RequestWindowLimiter(redis, stateKey(prefix, 'limit', connectionId, 'search'), { max: settings.limits.searchRequestsPerSecond, windowMs: 1_000 }),
    usage,
    logger: options.logger,
  });
  return {
    kind: 'hubspot',
    connectionId,
    caller,
    describe: (object) => describeObject(caller, object),
    readChanges: (object, readOptions) => readChanges(caller, object, readOptions),
    readByIds: (object, ids, fields) => readByIds(caller, object, ids, fields),
    upsert: (object, externalIdField, records) => upsertRecords(caller, object, externalIdField, records),
    remove: (object, ids) => archiveRecords(caller, object, ids),
    readRemovals: (object, removalOptions) => readRemovals(caller, object, removalOptions),
    budget: () => usage.budget(),
    calls: () => caller.calls,
    associate: (fromType, toType, pairs) => associateDefault(caller, fromType, toType, pairs),
    associations: (fromType, toType, ids) => readAssociations(caller, fromType, toType, ids),
  };
}
