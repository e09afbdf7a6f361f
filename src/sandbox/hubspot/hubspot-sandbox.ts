import Fastify, { type FastifyInstance } from 'fastify';
import { HubSpotAuth } from './auth.js';
import { registerRecordViewRoutes } from './record-view-routes.js';
import { registerAssociationBatchRoutes } from './association-batch-routes.js';
import { registerAssociationRoutes } from './association-routes.js';
import { registerBatchRoutes } from './batch-routes.js';
import { registerCatalogRoutes } from './catalog-routes.js';
import { HubSpotPortal, type PortalSettings } from './hubspot-portal.js';
import { registerOAuthRoutes } from './oauth-routes.js';
import { registerObjectRoutes } from './object-routes.js';
import { HubSpotRateLimiter } from './rate-limiter.js';
import { registerRequestGuards } from './request-guards.js';
import { registerSearchRoutes } from './search-routes.js';

export interface HubSpotSandboxOptions {
  host?: string;
  port?: number;
  portalId?: number;
  settings?: Partial<PortalSettings>;
}

/** A running sandbox HubSpot account: its URL, credentials, data and knobs. */
export interface HubSpotSandbox {
  url: string;
  portal: HubSpotPortal;
  auth: HubSpotAuth;
  /** A private-app token that never expires. */
  accessToken: string;
  /** Changes limits, faults, token lifetime or index delay while running. */
  configure(settings: Partial<PortalSettings>): void;
  close(): Promise<void>;
}

/**
 * Starts an embedded emulator of the HubSpot CRM v3 API on loopback, for @hubspot/api-client to talk to
 * unchanged (`new Client({ accessToken, basePath: sandbox.url })`). See BEHAVIOR.md for what differs.
 */
export async function startHubSpotSandbox(options: HubSpotSandboxOptions = {}): Promise<HubSpotSandbox> {
  const portal = new HubSpotPortal(options.portalId ?? 62515, options.settings);
  const auth = new HubSpotAuth(portal);
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 32 * 1024 * 1024, forceCloseConnections: true, routerOptions: { ignoreTrailingSlash: true } });
  registerRequestGuards(app, portal, auth, new HubSpotRateLimiter(portal));
  registerOAuthRoutes(app, auth);
  registerObjectRoutes(app, portal);
  registerBatchRoutes(app, portal);
  registerSearchRoutes(app, portal);
  registerCatalogRoutes(app, portal);
  registerAssociationRoutes(app, portal);
  registerAssociationBatchRoutes(app, portal);
  registerRecordViewRoutes(app, portal);
  const url = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return {
    url,
    portal,
    auth,
    accessToken: auth.privateAppToken,
    configure(settings) {
      portal.settings = { ...portal.settings, ...settings };
      if ('webhooks' in settings) portal.webhooks.configure(settings.webhooks);
    },
    close: async () => {
      portal.webhooks.configure(undefined);
      await app.close();
    },
  };
}
