import { createHubSpotConnector } from '../../connectors/hubspot/hubspot-connector.js';
import { createSalesforceConnector } from '../../connectors/salesforce/salesforce-connector.js';
import type { ConnectorFactory } from './connector-factory.js';

/** The connectors this build has, by CRM kind. */
export const productConnectorFactory: ConnectorFactory = (settings, deps) => {
  const common = { connectionId: deps.connectionId, redis: deps.redis, prefix: deps.prefix, logger: deps.logger };
  return settings.kind === 'hubspot' ? createHubSpotConnector({ ...common, settings }) : createSalesforceConnector({ ...common, settings });
};
