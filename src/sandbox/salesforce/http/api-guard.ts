import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Session } from '../auth/session-store.js';
import { invalidSession, notFound, requestLimitExceeded, serverUnavailable } from '../errors.js';
import type { SandboxOrg } from '../sandbox-org.js';
import { parseApiVersion } from './api-versions.js';

/** What every API route knows about its request once the guard let it through. */
export interface ApiContext {
  session: Session;
  /** `62.0`, from the `/services/data/v62.0/…` path. */
  version: string;
  versionNumber: number;
}

const VersionParam = z.object({ version: z.string() });

const contexts = new WeakMap<FastifyRequest, ApiContext>();

export function apiContext(request: FastifyRequest): ApiContext {
  const context = contexts.get(request);
  if (!context) throw new Error(`no API context for ${request.method} ${request.url}: the route is outside the API guard`);
  return context;
}

/** The access token of an `Authorization: Bearer …` (or the older `OAuth …`) header. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/**
 * Runs before every `/services/data/vXX.X/…` route: checks the version, adds the configured latency, fails the
 * configured share of requests with 503, authenticates (401 INVALID_SESSION_ID), enforces the daily limit (403
 * REQUEST_LIMIT_EXCEEDED) and counts the request; every response carries `Sforce-Limit-Info`.
 */
export function installApiGuard(api: FastifyInstance, org: SandboxOrg): void {
  api.addHook('onRequest', async (request) => {
    const params = VersionParam.safeParse(request.params);
    const version = params.success ? parseApiVersion(params.data.version) : undefined;
    if (version === undefined) throw notFound();
    const fault = org.faults.decide(org.settings.faults);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.fail) throw serverUnavailable();
    const accessToken = bearerToken(request);
    const session = accessToken === undefined ? undefined : org.sessions.authenticate(accessToken);
    if (!session) throw invalidSession();
    if (org.usage.used() >= org.settings.dailyApiLimit) throw requestLimitExceeded();
    org.usage.record();
    contexts.set(request, { session, version, versionNumber: Number(version) });
  });
  api.addHook('onResponse', async (request, reply) => {
    org.logRequest({ method: request.method, url: request.url, status: reply.statusCode });
  });
  api.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Sforce-Limit-Info', `api-usage=${org.usage.used()}/${org.settings.dailyApiLimit}`);
    return payload;
  });
}
