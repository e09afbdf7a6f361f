import { createHubSpotConnector } from '../../connectors/hubspot/hubspot-connector.js';
import type { ConnectorFactory } from './connector-factory.js';

/** The connectors this build has, by CRM kind. */
export const productConnectorFactory: ConnectorFactory = (settings, deps) => {
  if (settings.kind === 'hubspot') {
    return createHubSpotConnector({ connectionId: deps.connectionId, settings, redis: deps.redis, prefix: deps.prefix, logger: deps.logger });
  }
  throw new Error(
    `connection "${deps.connectionId}" is a Salesforce connection, and this build has no Salesforce connector yet; ` +
      'its jobs fail until one is installed',
  );
};
