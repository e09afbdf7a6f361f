// Starts the engine benchmarks' sandbox CRMs in a child process (sandbox-process.ts) and talks to it.
import { fork } from 'node:child_process';
import type { SalesforceSandboxCredentials } from '../../src/sandbox/salesforce/salesforce-sandbox.js';
import type { HubSpotEndpoint, SandboxReply, SandboxRequest, SandboxSetup } from './sandbox-protocol.js';
import { stopChild } from './stop-child.js';

/** A request before its id is given (each kind of request keeps its own fields). */
type Request<R = SandboxRequest> = R extends SandboxRequest ? Omit<R, 'id'> : never;

export interface RemoteSandboxes {
  /** The vendor Salesforce. */
  vendor: { url: string; credentials: SalesforceSandboxCredentials };
  /** The partner HubSpot the engine writes to. */
  partner: HubSpotEndpoint;
  /** An empty HubSpot for the bare clients' writes. */
  bare: HubSpotEndpoint;
  /** The sandbox process. */
  pid: number;
  /** Seeds the vendor org with `accounts` synthetic accounts. */
  load(accounts: number): Promise<void>;
  /** Companies stored in the partner and in the bare HubSpot. */
  companies(): Promise<{ partner: number; bare: number }>;
  /** Renames `count` vendor accounts, every `every`th one. */
  rename(count: number, every: number): Promise<number>;
  close(): Promise<void>;
}

export async function startRemoteSandboxes(setup: SandboxSetup): Promise<RemoteSandboxes> {
  const child = fork(new URL('./sandbox-process.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_SANDBOX_SETUP: JSON.stringify(setup) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (reply: SandboxReply) => void>();
  let nextId = 1;
  const ready = new Promise<Extract<SandboxReply, { type: 'ready' }>>((resolve, reject) => {
    waiting.set(0, (reply) => {
      if (reply.type === 'ready') resolve(reply);
    });
    child.once('exit', (code) => {
      reject(new Error(`the sandbox process exited (code ${String(code)}) before it was ready`));
    });
  });
  child.on('message', (reply: SandboxReply) => {
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  const ask = <T extends SandboxReply['type']>(request: Request, expected: T): Promise<Extract<SandboxReply, { type: T }>> =>
    new Promise((resolve, reject) => {
      const id = nextId;
      nextId += 1;
      waiting.set(id, (reply) => {
        if (reply.type === expected) resolve(reply as Extract<SandboxReply, { type: T }>);
        else reject(new Error(`the sandbox process answered ${reply.type} to ${request.type}`));
      });
      child.send({ ...request, id });
    });
  const { vendor, partner, bare } = await ready;
  return {
    vendor,
    partner,
    bare,
    pid: child.pid ?? 0,
    load: async (accounts) => {
      await ask({ type: 'load', accounts }, 'loaded');
    },
    companies: async () => {
      const { partner: p, bare: b } = await ask({ type: 'companies' }, 'companies');
      return { partner: p, bare: b };
    },
    rename: async (count, every) => (await ask({ type: 'rename', count, every }, 'renamed')).renamed,
    close: () => stopChild(child, (running) => running.send({ type: 'close', id: -1 })),
  };
}
