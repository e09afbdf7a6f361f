import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueConnection } from '../../src/queues/job-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { registerProcessor } from '../../src/runtime/processor-registration.js';
import { startWorkers } from '../../src/runtime/worker-process.js';
import { REDIS_URL, silentLogger, testWorkspace, waitFor, type TestWorkspace } from '../helpers/test-redis.js';

let ws: TestWorkspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

/** The Lua commands defined on a connection (ioredis keeps them by name). */
function scriptNames(redis: Redis): string[] {
  return Object.keys((redis as unknown as { scriptsSet: Record<string, unknown> }).scriptsSet);
}

describe('worker process', () => {
  it('given hosted processors, then their state has a connection of its own, without the queues\' scripts, closed when the workers stop', async () => {
    ws = await testWorkspace();
    let given: { redis: Redis; connection: QueueConnection } | undefined;
    const running = await startWorkers({
      workspace: { workspace: { id: ws.id, name: 'state connection' }, redis: { url: REDIS_URL } },
      processors: (context) => {
        given = context;
        return Promise.resolve({ processors: [registerProcessor(ingestQueue, () => Promise.resolve({ done: true }))] });
      },
      logger: silentLogger,
      shutdownDeadlineMs: 1_000,
    });
    if (!given) throw new Error('the processors were not built');
    const { redis: state, connection } = given;
    expect(state).not.toBe(connection.connection);
    expect(await state.client('GETNAME')).toBe('cosell-engine');
    // BullMQ defined its scripts on the queues' connection; a pipeline made from the state's copies none of them.
    expect(scriptNames(connection.connection as Redis).length).toBeGreaterThan(20);
    expect(scriptNames(state)).toEqual([]);
    await running.stop();
    // QUIT is answered before the socket closes: the connection ends a moment after.
    await waitFor(() => Promise.resolve(state.status === 'end'), { timeoutMs: 2_000, what: 'the state connection to end' });
    expect(state.status).toBe('end');
  });
});
