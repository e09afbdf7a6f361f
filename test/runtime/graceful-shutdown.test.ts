import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/queues/job-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { REDIS_URL, testWorkspace, waitFor, type TestWorkspace } from '../helpers/test-redis.js';

interface WorkerChild {
  child: ChildProcess;
  events: string[];
  exited: Promise<number | null>;
}

/** Starts the fixture worker process and resolves once it says it is ready. */
async function startWorkerProcess(workspaceId: string, env: Record<string, string>): Promise<WorkerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/slow-worker-process.ts'], {
    env: { ...process.env, WORKSPACE_ID: workspaceId, REDIS_URL, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events: string[] = [];
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    try {
      const parsed = JSON.parse(line) as { event?: string; msg?: string };
      events.push(parsed.event ?? parsed.msg ?? line);
    } catch {
      events.push(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { resolve(code); }));
  await waitFor(() => Promise.resolve(events.includes('ready')), { timeoutMs: 20_000, what: 'worker ready' });
  return { child, events, exited };
}

let ws: TestWorkspace;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await ws.cleanup();
});

async function enqueueAndWaitActive(
  worker: WorkerChild,
): Promise<{ id: string; raw: Queue; close: () => Promise<void> }> {
  const ingest = new JobQueue(ingestQueue, ws.connection);
  const raw = new Queue(ingestQueue.name, ws.connection);
  const id = await ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
  await waitFor(() => Promise.resolve(worker.events.includes('job-started')), { what: 'job started' });
  expect(await raw.getActiveCount()).toBe(1);
  return { id, raw, close: async () => { await ingest.close(); await raw.close(); } };
}

describe('graceful shutdown of a worker process', () => {
  it('given a job that finishes within the deadline, when SIGTERM arrives mid-job, then the job completes and the process exits 0', async () => {
    ws = await testWorkspace();
    const worker = await startWorkerProcess(ws.id, { JOB_MS: '1500', DEADLINE_MS: '15000' });
    children.push(worker.child);
    const { id, raw, close } = await enqueueAndWaitActive(worker);
    try {
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      const job = await raw.getJob(id);
      expect(await job?.getState()).toBe('completed');
      expect(job?.returnvalue).toEqual({ finished: 'vendor' });
      expect(await raw.getActiveCount()).toBe(0);
    } finally {
      await close();
    }
  });

  it('given a job longer than the deadline, when SIGTERM arrives, then the job returns to waiting unspent, the process exits 0, and a restarted worker completes it', async () => {
    ws = await testWorkspace();
    const worker = await startWorkerProcess(ws.id, { JOB_MS: '120000', DEADLINE_MS: '500' });
    children.push(worker.child);
    const { id, raw, close } = await enqueueAndWaitActive(worker);
    try {
      const signalledAt = Date.now();
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      const job = await raw.getJob(id);
      expect(await job?.getState()).toBe('waiting');
      expect(job?.attemptsMade).toBe(0);
      expect(await raw.getActiveCount()).toBe(0);

      const restarted = await startWorkerProcess(ws.id, { JOB_MS: '50', DEADLINE_MS: '5000' });
      children.push(restarted.child);
      await waitFor(async () => (await (await raw.getJob(id))?.getState()) === 'completed', { what: 'job completed' });
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    } finally {
      await close();
    }
  });

  it('given an idle worker, when SIGINT arrives, then it exits 0 promptly', async () => {
    ws = await testWorkspace();
    const worker = await startWorkerProcess(ws.id, { JOB_MS: '10', DEADLINE_MS: '5000' });
    children.push(worker.child);
    worker.child.kill('SIGINT');
    expect(await worker.exited).toBe(0);
    expect(worker.events).toContain('shutdown complete');
  });
});
