import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubSpotConnector } from '../../connectors/hubspot/hubspot-connector.js';
import type { ResolvedWorkspace } from '../../src/config/load-workspace.js';
import { Secret } from '../../src/config/secret.js';
import type { ConnectorFactory } from '../../src/engine/connector-factory.js';
import { engineProcessors } from '../../src/engine/engine-processors.js';
import { createEngineRuntime, type EngineRuntime } from '../../src/engine/engine-runtime.js';
import { loadMappings } from '../../src/mappings/load-mappings.js';
import { JobQueue } from '../../src/queues/job-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { workspaceKeyPrefix } from '../../src/redis/key-prefix.js';
import { redisOptions } from '../../src/redis/redis-connection-factory.js';
import { startWorkers, type RunningWorkers } from '../../src/runtime/worker-process.js';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { seedVendor } from '../helpers/hubspot-engine-harness.js';
import { silentLogger, waitFor } from '../helpers/test-redis.js';

// DESIGN §4, "Nothing is lost": a Redis restart in the middle of a sync. The engine runs against a Redis
// server of this test's own (AOF, fsync on every write, so what Redis acknowledged survives), which is shut
// down and started again on the same port and directory while records are being read and written. The
// partner must end as an undisturbed run leaves it: every vendor account once, with the same values.

const RECORDS = 3_000;
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

/** Everything this test starts, closed in afterEach whatever happened (each step bounded in time). */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await within(10_000, cleanup()).catch(() => undefined);
  }
});

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`not done within ${String(ms)} ms`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A redis-server child process with an append-only file fsynced on every write, in a directory of its own. */
class PrivateRedis {
  readonly url: string;
  #process: ChildProcess | undefined;

  constructor(readonly port: number, readonly dir: string) {
    this.url = `redis://127.0.0.1:${String(port)}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    this.#process = child;
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${String(child.exitCode)}`);
      const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        return true;
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    }, { what: 'redis-server to answer', timeoutMs: 10_000, intervalMs: 50 });
  }

  /** SHUTDOWN (the append-only file is flushed), then waits until the process is gone. */
  async shutdown(): Promise<void> {
    const child = this.#process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
    const admin = new Redis(this.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    admin.on('error', () => undefined);
    await admin.call('SHUTDOWN').catch(() => undefined); // the connection closes: no reply
    admin.disconnect();
    await within(10_000, exited);
  }

  async kill(): Promise<void> {
    const child = this.#process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
    child.kill('SIGKILL');
    await within(5_000, exited);
  }
}

interface Engine {
  runtime: EngineRuntime;
  workers: RunningWorkers;
  ingest: JobQueue<typeof ingestQueue.payload>;
  state: Redis;
}

const LIMITS = { dailyShare: 1, requestsPerTenSeconds: 10_000, searchRequestsPerSecond: 1_000 };
const connectionTo = (sb: HubSpotSandbox) => ({ kind: 'hubspot' as const, baseUrl: sb.url, limits: LIMITS, auth: { type: 'private-app' as const, token: new Secret(sb.accessToken, 'T') } });

/** The engine (ingest and write-back workers) between two sandbox portals, on the given Redis and workspace. */
async function startEngine(redisUrl: string, workspaceId: string, vendor: HubSpotSandbox, partner: HubSpotSandbox): Promise<Engine> {
  const workspace: Pick<ResolvedWorkspace, 'vendor' | 'partners'> = {
    vendor: { name: 'Acme Cloud', connection: connectionTo(vendor) },
    partners: [{ id: 'northwind', name: 'Northwind', persona: 'reseller', tier: 'gold', region: 'emea', connection: connectionTo(partner), sharing: { share: 'all', fields: ['name', 'website', 'industry'] } }],
  };
  const factory: ConnectorFactory = (settings, deps) => {
    if (settings.kind !== 'hubspot') throw new Error('this test uses HubSpot on both sides');
    return createHubSpotConnector({ connectionId: deps.connectionId, settings, redis: deps.redis, prefix: deps.prefix, logger: deps.logger });
  };
  const state = new Redis(redisUrl, redisOptions('worker'));
  state.on('error', () => undefined); // expected while the server restarts; commands wait and are resent
  const prefix = workspaceKeyPrefix(workspaceId);
  const mappings = await loadMappings('test/fixtures/mappings/engine');
  const runtime = createEngineRuntime({ workspace, mappings, connectorFactory: factory, redis: state, connection: { connection: state, prefix }, logger: silentLogger, settings: { coalesceMs: 50, lookbackMs: 0 } });
  const workers = await startWorkers({ workspace: { workspace: { id: workspaceId, name: 'restart' }, redis: { url: redisUrl } }, processors: engineProcessors(runtime), logger: silentLogger, shutdownDeadlineMs: 5_000 });
  const engine = { runtime, workers, ingest: new JobQueue(ingestQueue, { connection: state, prefix }), state };
  cleanups.push(async () => {
    await within(8_000, workers.stop()).catch(() => undefined);
    await within(2_000, engine.ingest.close()).catch(() => undefined);
    await within(2_000, runtime.close()).catch(() => undefined);
    await within(2_000, state.quit()).catch(() => undefined);
    state.disconnect();
  });
  return engine;
}

/** One ingest pass of the vendor's accounts, then until everything it queued is written and the queues are idle. */
async function syncAccounts(engine: Engine, timeoutMs: number): Promise<void> {
  const jobId = await engine.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
  await waitFor(async () => {
    const state = await engine.ingest.queue.getJobState(jobId);
    if (state === 'failed') throw new Error(`the ingest job failed: ${(await engine.ingest.queue.getJob(jobId))?.failedReason ?? ''}`);
    if (state !== 'completed') return false;
    const counts = await engine.runtime.writeBack.queue.getJobCounts('waiting', 'active', 'delayed');
    const pending = await engine.runtime.stores.pending.count('northwind', 'account');
    return (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + pending === 0;
  }, { what: 'the sync to finish', timeoutMs, intervalMs: 100 });
}

/** The partner's companies as comparable rows: what the engine wrote into each. */
function partnerState(partner: HubSpotSandbox): string[] {
  return [...partner.portal.stores.companies.all()]
    .map((company) => JSON.stringify(['cosell_id', 'name', 'website', 'industry'].map((p) => company.properties.get(p) ?? null)))
    .sort();
}

async function sandbox(): Promise<HubSpotSandbox> {
  const sb = await startHubSpotSandbox();
  cleanups.push(() => sb.close());
  return sb;
}

describe.skipIf(!hasRedisServer)('Redis restart', () => {
  it('given Redis shut down and started again twice in the middle of a sync (while reading, then while writing), then the partner ends exactly as after an undisturbed run: every account once, none lost', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cosell-redis-restart-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const redis = new PrivateRedis(await freePort(), dir);
    cleanups.push(() => redis.kill());
    await redis.start();

    const vendor = await sandbox();
    await seedVendor(vendor, RECORDS);

    // The undisturbed run: same vendor, a partner portal of its own, its own workspace on the same Redis.
    const undisturbedPartner = await sandbox();
    const undisturbed = await startEngine(redis.url, `t-${randomBytes(5).toString('hex')}`, vendor, undisturbedPartner);
    await syncAccounts(undisturbed, 60_000);
    const expected = partnerState(undisturbedPartner);
    expect(expected).toHaveLength(RECORDS);

    // The disturbed run: reads and writes slowed down so that both restarts land mid-run.
    const partner = await sandbox();
    vendor.configure({ faults: { latencyMs: 40, errorRate: 0, seed: 1 } });
    partner.configure({ faults: { latencyMs: 300, errorRate: 0, seed: 2 } });
    const engine = await startEngine(redis.url, `t-${randomBytes(5).toString('hex')}`, vendor, partner);
    const sync = syncAccounts(engine, 120_000);
    sync.catch(() => undefined); // awaited below; a restart must not leave it unhandled meanwhile

    // While reading: the first pages are in, most of the vendor is not.
    await waitFor(async () => (await engine.runtime.stores.pending.count('northwind', 'account').catch(() => 0)) >= 100 || partner.portal.stores.companies.size > 0, { what: 'the first pages read', timeoutMs: 30_000, intervalMs: 10 });
    await redis.shutdown();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis.start();

    // While writing: some records written, not all.
    await waitFor(() => Promise.resolve(partner.portal.stores.companies.size >= RECORDS / 3), { what: 'a third of the records written', timeoutMs: 60_000, intervalMs: 10 });
    expect(partner.portal.stores.companies.size).toBeLessThan(RECORDS);
    await redis.shutdown();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis.start();

    await sync;
    // A stopped pass may leave recorded changes for the next pass to route (nothing is lost, it is finished
    // later): the next scheduled pass. It reads nothing new; only what was left over is written.
    await syncAccounts(engine, 60_000);

    const actual = partnerState(partner);
    expect(actual).toHaveLength(RECORDS);
    expect(new Set(actual.map((row) => (JSON.parse(row) as unknown[])[0])).size).toBe(RECORDS);
    expect(actual).toEqual(expected);
    expect(await engine.runtime.deadLetters.count()).toBe(0);
    expect(await engine.runtime.stores.pending.count('northwind', 'account')).toBe(0);
  }, 240_000);
});
