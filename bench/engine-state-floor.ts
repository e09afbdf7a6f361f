// The floor under the engine's initial-sync figure: the same sync (BENCH_SYNC_RECORDS accounts, default
// 100,000, sandbox Salesforce vendor → sandbox HubSpot partner, read and written in two processes as
// BENCH_ENGINE_PROCESSES='ingest,match|write-back' does) keeping only the least state a sync could keep in
// Redis (lib/state-floor-process.ts says what, and what it leaves out), next to the bare clients (REST reads, and
// the engine's own Bulk API 2.0 calls; each in a fresh process).
// engine-initial-sync.ts's ratio over this one's is the share of the floor the engine reaches: what its
// state-keeping costs beyond one Redis call per page read and one round trip each side of a write.
import { fork, type ChildProcess } from 'node:child_process';
import { bareInChild } from './lib/bare-in-child.js';
import { bareLines } from './lib/bare-sync.js';
import { benchRedis, perSecond } from './lib/bench-redis.js';
import { cpuMeter } from './lib/process-cpu.js';
import { startRemoteSandboxes } from './lib/remote-sandboxes.js';
import type { StateFloorSetup } from './lib/state-floor-process.js';
import { stopChild } from './lib/stop-child.js';

const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? '100000');
const sandboxes = await startRemoteSandboxes({ hubspotPerTenSeconds: 100_000 });
const bench = benchRedis();
const children: ChildProcess[] = [];
try {
  const redisPid = Number(/process_id:(\d+)/.exec(await bench.redis.info('server'))?.[1] ?? 0);
  const redisPids = redisPid > 0 ? [redisPid] : [];
  await sandboxes.load(RECORDS);
  const bare = await bareInChild('rest', sandboxes, redisPids);
  const bareBulk = await bareInChild('bulk', sandboxes, redisPids);

  const start = (role: StateFloorSetup['role']): { child: ChildProcess; ready: Promise<unknown>; done: Promise<string> } => {
    const setup: StateFloorSetup = { role, prefix: bench.prefix, vendor: sandboxes.vendor, partner: sandboxes.partner, hubspotPerTenSeconds: 100_000, bulkThreshold: Number(process.env.BENCH_BULK_THRESHOLD ?? '50000') };
    const child = fork(new URL('./lib/state-floor-process.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx', ...(process.env.BENCH_ENGINE_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '')],
      env: { ...process.env, BENCH_FLOOR_SETUP: JSON.stringify(setup) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    // The process says 'ready', then what it did once done.
    const messages: string[] = [];
    const waiting = new Map<number, (message: string) => void>();
    child.on('message', (message: string) => {
      messages.push(message);
      waiting.get(messages.length)?.(message);
    });
    const failed = new Promise<never>((_, reject) => child.once('exit', (code) => {
      reject(new Error(`the state-floor ${role} process exited (code ${String(code)}) before it was done`));
    }));
    const arrived = (count: number): Promise<string> => Promise.race([failed, new Promise<string>((resolve) => waiting.set(count, resolve))]);
    return { child, ready: arrived(1), done: arrived(2) };
  };
  const reader = start('read');
  const writer = start('write');
  await Promise.all([reader.ready, writer.ready]);
  const cpu = cpuMeter({ floor: children.map((child) => child.pid ?? 0), redis: redisPids, sandboxes: sandboxes.pids });
  const started = performance.now();
  reader.child.send('go');
  writer.child.send('go');
  await reader.done;
  const readMs = performance.now() - started;
  const result = await writer.done;
  const floorMs = performance.now() - started;
  const spent = cpu();
  const { partner: written, bare: bareWritten, bareBulk: bareBulkWritten } = await sandboxes.companies();
  if (bareWritten !== RECORDS || bareBulkWritten !== RECORDS || written !== RECORDS) throw new Error(`wrote ${String(written)} (floor), ${String(bareWritten)} and ${String(bareBulkWritten)} (bare) of ${String(RECORDS)} accounts`);
  for (const line of bareLines(RECORDS, bare, bareBulk)) console.log(line);
  console.log(`initial sync, state floor:  ${written} accounts written in ${(floorMs / 1000).toFixed(1)} s = ${perSecond(RECORDS, floorMs)} records/s; ratio to bare ${(bare.ms / floorMs).toFixed(2)} (to bare with the engine's calls ${(bareBulk.ms / floorMs).toFixed(2)}); reading done at ${(readMs / 1000).toFixed(1)} s, ${result}; ${spent}`);
} finally {
  await Promise.all(children.map((child) => stopChild(child, (running) => running.send('stop'))));
  await sandboxes.close();
  await bench.cleanup();
}
