// The engine as it is deployed, for the benchmarks: `cosell worker`-like child processes (engine-process.ts)
// between a sandbox Salesforce vendor and a sandbox HubSpot partner, each running in a process of its own
// (remote-sandboxes.ts), as remote CRMs would. This process only starts jobs and watches Redis.
import { fork, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStores, type EngineStores } from '../../src/engine/engine-context.js';
import { DeadLetterQueue } from '../../src/queues/dead-letter-queue.js';
import { JobQueue } from '../../src/queues/job-queue.js';
import { ingestQueue, writeBackQueue } from '../../src/queues/queue-catalog.js';
import { PRODUCT_QUEUES } from '../../src/runtime/product-processors.js';
import { benchRedis, type BenchRedis } from './bench-redis.js';
import type { EngineProcessSetup } from './engine-process-setup.js';
import { startRemoteSandboxes, type RemoteSandboxes } from './remote-sandboxes.js';
import { stopChild } from './stop-child.js';

export interface EngineBench {
  sandboxes: RemoteSandboxes;
  bench: BenchRedis;
  stores: EngineStores;
  deadLetters: DeadLetterQueue;
  ingest: JobQueue<typeof ingestQueue.payload>;
  writeBack: JobQueue<typeof writeBackQueue.payload>;
  /** The queues each engine process serves, as `a,b | c`. */
  layout: string;
  /** The engine processes, the sandbox processes and (when local) Redis, for cpuMeter. */
  pids: { engine: number[]; sandboxes: number[]; redis: number[] };
  close(): Promise<void>;
}

export interface EngineBenchOptions {
  /** HubSpot's per-10-second request limit, enforced by the sandbox and known to the connector. */
  hubspotPerTenSeconds?: number;
}

/**
 * BENCH_ENGINE_PROCESSES names the engine processes by the queues each serves, `|` between processes
 * (default `ingest,write-back,match`: one process serving every queue, as `cosell worker` does;
 * `ingest,match|write-back` reads and writes in two processes, as two `cosell worker --queues` would).
 */
export async function startEngineBench(options: EngineBenchOptions = {}): Promise<EngineBench> {
  const perTen = options.hubspotPerTenSeconds ?? 100_000;
  const layout = process.env.BENCH_ENGINE_PROCESSES ?? 'ingest,write-back,match';
  const processes = layout.split('|').map((queues) => queues.split(',').map((q) => q.trim()));
  const named = processes.flat();
  const unknown = named.filter((q) => !(PRODUCT_QUEUES as readonly string[]).includes(q));
  const unserved = PRODUCT_QUEUES.filter((q) => !named.includes(q));
  if (unknown.length > 0 || unserved.length > 0) {
    throw new Error(`BENCH_ENGINE_PROCESSES "${layout}": every one of ${PRODUCT_QUEUES.join(', ')} must be served and nothing else named (unknown: ${unknown.join(', ') || 'none'}; not served: ${unserved.join(', ') || 'none'}); e.g. "ingest,match|write-back"`);
  }
  const sandboxes = await startRemoteSandboxes({ hubspotPerTenSeconds: perTen });
  const bench = benchRedis();
  const engines = await Promise.all(processes.map((queues) => startEngineProcess({
    workspaceId: bench.prefix.slice(8, -1),
    queues,
    vendor: sandboxes.vendor,
    partner: sandboxes.partner,
    hubspotPerTenSeconds: perTen,
    bulkThreshold: Number(process.env.BENCH_BULK_THRESHOLD ?? '50000'),
  })));
  const connection = { connection: bench.redis, prefix: bench.prefix };
  const ingest = new JobQueue(ingestQueue, connection);
  const writeBack = new JobQueue(writeBackQueue, connection);
  const deadLetters = new DeadLetterQueue(connection);
  const redisPid = Number(/process_id:(\d+)/.exec(await bench.redis.info('server'))?.[1] ?? 0);
  return {
    sandboxes,
    bench,
    stores: openStores(bench.redis, bench.prefix),
    deadLetters,
    ingest,
    writeBack,
    layout: layout.split('|').join(' | '),
    pids: { engine: engines.map((child) => child.pid ?? 0), sandboxes: sandboxes.pids, redis: redisPid > 0 ? [redisPid] : [] },
    async close() {
      await Promise.all(engines.map((engine) => stopChild(engine, (child) => child.kill('SIGTERM'))));
      await ingest.close();
      await writeBack.close();
      await deadLetters.close();
      await sandboxes.close();
      await bench.cleanup();
    },
  };
}

function startEngineProcess(setup: EngineProcessSetup): Promise<ChildProcess> {
  const child = fork(new URL('./engine-process.ts', import.meta.url), [], {
    // BENCH_ENGINE_NODE_ARGS: Node options for the engine processes (a CPU profile, a GC trace; bench/README.md).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_ENGINE_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '')],
    env: { ...process.env, BENCH_ENGINE_SETUP: JSON.stringify(setup) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => {
      resolve(child);
    });
    child.once('exit', (code) => {
      reject(new Error(`an engine process (${setup.queues.join(',')}) exited (code ${String(code)}) before it was ready`));
    });
  });
}

/**
 * One ingest pass of the vendor's accounts through the queues, then until every record it queued is written:
 * nothing left pending (a record leaves only once its write is committed). Returns that moment
 * (`performance.now()`), then waits until the write-back queue is idle too, which can take a little longer:
 * flush jobs that found a pass running were deferred, and they still run, find nothing and finish. The next
 * sync starts from a quiet engine.
 */
export async function syncVendorAccounts(h: EngineBench): Promise<{ writtenAt: number; idleAt: number }> {
  const jobId = await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
  for (;;) {
    const state = await h.ingest.queue.getJobState(jobId);
    if (state === 'completed') break;
    if (state === 'failed') throw new Error(`ingest failed: ${(await h.ingest.queue.getJob(jobId))?.failedReason ?? ''}`);
    await sleep(20);
  }
  while ((await h.stores.pending.count('northwind', 'account')) > 0) await sleep(20);
  const writtenAt = performance.now();
  for (;;) {
    const counts = await h.writeBack.queue.getJobCounts('waiting', 'active', 'delayed');
    const pending = await h.stores.pending.count('northwind', 'account');
    if ((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + pending === 0) return { writtenAt, idleAt: performance.now() };
    await sleep(20);
  }
}
