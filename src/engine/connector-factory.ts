import type { Redis } from 'ioredis';
import type { CrmConnector } from '../../connectors/shared/crm-connector.js';
import type { ResolvedWorkspace } from '../config/load-workspace.js';
import type { Logger } from '../logging/logger.js';

type ResolvedConnection = ResolvedWorkspace['vendor']['connection'];

export interface ConnectorDependencies {
  connectionId: string;
  redis: Redis;
  prefix: string;
  logger: Logger;
}

/** Builds the connector of one workspace connection (Salesforce or HubSpot). */
export type ConnectorFactory = (settings: ResolvedConnection, dependencies: ConnectorDependencies) => CrmConnector;

/** One connector per connection for the life of the process (they hold sessions and limiters). */
export class ConnectorPool {
  readonly #factory: ConnectorFactory;
  readonly #workspace: Pick<ResolvedWorkspace, 'vendor' | 'partners'>;
  readonly #dependencies: Omit<ConnectorDependencies, 'connectionId'>;
  readonly #connectors = new Map<string, CrmConnector>();

  constructor(workspace: Pick<ResolvedWorkspace, 'vendor' | 'partners'>, factory: ConnectorFactory, dependencies: Omit<ConnectorDependencies, 'connectionId'>) {
    this.#workspace = workspace;
    this.#factory = factory;
    this.#dependencies = dependencies;
  }

  /** The connection's settings, or undefined for an id the workspace does not have. */
  settings(connectionId: string): ResolvedConnection | undefined {
    if (connectionId === 'vendor') return this.#workspace.vendor.connection;
    return this.#workspace.partners.find((partner) => partner.id === connectionId)?.connection;
  }

  get(connectionId: string): CrmConnector {
    const existing = this.#connectors.get(connectionId);
    if (existing) return existing;
    const settings = this.settings(connectionId);
    if (!settings) throw new Error(`no connection "${connectionId}" in the workspace; expected "vendor" or a partner id`);
    const connector = this.#factory(settings, { ...this.#dependencies, connectionId, logger: this.#dependencies.logger.child({ connection: connectionId }) });
    this.#connectors.set(connectionId, connector);
    return connector;
  }
}
