import basicAuth from '@fastify/basic-auth';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { SecretScrubber } from '../logging/redaction.js';
import { credentialsMatch, type AdminCredentials } from './admin-auth.js';

export const DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues behind the admin login. Job data and results pass through the secret
 * scrubber before the page shows them (payloads carry ids, but a failure text might quote a secret).
 */
export async function registerQueueDashboard(
  app: FastifyInstance,
  queues: readonly Queue[],
  admin: AdminCredentials,
  scrubber: SecretScrubber,
): Promise<void> {
  const scrub = (value: unknown): unknown => JSON.parse(scrubber.scrub(JSON.stringify(value ?? null))) as unknown;
  const adapters = queues.map((queue) => {
    const adapter = new BullMQAdapter(queue, { allowRetries: true });
    adapter.setFormatter('data', scrub);
    adapter.setFormatter('returnValue', scrub);
    return adapter;
  });
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: adapters, serverAdapter, options: { uiConfig: { boardTitle: 'cosell-sync queues' } } });

  await app.register(async (scope) => {
    await scope.register(basicAuth, {
      validate: (username, password) =>
        credentialsMatch(admin, username, password)
          ? Promise.resolve()
          : Promise.reject(new Error('wrong admin username or password')),
      authenticate: { realm: 'cosell-sync admin' },
    });
    scope.addHook('onRequest', scope.basicAuth);
    await scope.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}
