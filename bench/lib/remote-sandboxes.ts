// Starts the engine benchmarks' sandbox CRMs, one child process per CRM (sandbox-process.ts), and talks to them.
import { fork, type ChildProcess } from 'node:child_process';
import type { SalesforceSandboxCredentials } from '../../src/sandbox/salesforce/salesforce-sandbox.js';
import type { HubSpotEndpoint, SandboxReply, SandboxRequest, SandboxRole, SandboxSetup } from './sandbox-protocol.js';
import { stopChild } from './stop-child.js';

/** A request before its id is given (each kind of request keeps its own fields). */
type Request<R = SandboxRequest> = R extends SandboxRequest ? Omit<R, 'id'> : never;
type Ready<R extends SandboxRole> = Extract<SandboxReply, { type: 'ready'; role: R }>;

export interface RemoteSandboxes {
  /** The vendor Salesforce. */
  vendor: { url: string; credentials: SalesforceSandboxCredentials };
  /** The partner HubSpot the engine writes to. */
  partner: HubSpotEndpoint;
  /** An empty HubSpot for the bare clients' writes. */
  bare: HubSpotEndpoint;
  /** Another, for the bare clients making the engine's own calls (bare-bulk-sync.ts). */
  bareBulk: HubSpotEndpoint;
  /** The sandbox processes (the Salesforce one, the HubSpot one). */
  pids: number[];
  /** Seeds the vendor org with `accounts` synthetic accounts. */
  load(accounts: number): Promise<void>;
  /** Companies stored in the partner and in the bare HubSpots. */
  companies(): Promise<{ partner: number; bare: number; bareBulk: number }>;
  /** Renames `count` vendor accounts, every `every`th one. */
  rename(count: number, every: number): Promise<number>;
  close(): Promise<void>;
}

export async function startRemoteSandboxes(setup: SandboxSetup): Promise<RemoteSandboxes> {
  const [salesforce, hubspot] = await Promise.all([startSandbox(setup, 'salesforce'), startSandbox(setup, 'hubspot')]);
  return {
    vendor: salesforce.ready.vendor,
    partner: hubspot.ready.partner,
    bare: hubspot.ready.bare,
    bareBulk: hubspot.ready.bareBulk,
    pids: [salesforce.child.pid ?? 0, hubspot.child.pid ?? 0],
    load: async (accounts) => {
      await salesforce.ask({ type: 'load', accounts }, 'loaded');
    },
    companies: async () => {
      const { partner, bare, bareBulk } = await hubspot.ask({ type: 'companies' }, 'companies');
      return { partner, bare, bareBulk };
    },
    rename: async (count, every) => (await salesforce.ask({ type: 'rename', count, every }, 'renamed')).renamed,
    close: async () => {
      await Promise.all([salesforce, hubspot].map(({ child }) => stopChild(child, (running) => running.send({ type: 'close', id: -1 }))));
    },
  };
}

interface SandboxChild<R extends SandboxRole> {
  child: ChildProcess;
  ready: Ready<R>;
  ask<T extends SandboxReply['type']>(request: Request, expected: T): Promise<Extract<SandboxReply, { type: T }>>;
}

async function startSandbox<R extends SandboxRole>(setup: SandboxSetup, role: R): Promise<SandboxChild<R>> {
  const child = fork(new URL('./sandbox-process.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_SANDBOX_SETUP: JSON.stringify(setup), BENCH_SANDBOX_ROLE: role },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { settle: (reply: SandboxReply) => void; fail: (error: Error) => void }>();
  let nextId = 1;
  child.on('message', (reply: SandboxReply) => {
    waiting.get(reply.id)?.settle(reply);
    waiting.delete(reply.id);
  });
  // A sandbox that dies fails whatever was asked of it, instead of leaving the benchmark waiting.
  child.once('exit', (code) => {
    for (const { fail } of waiting.values()) fail(new Error(`the ${role} sandbox process exited (code ${String(code)})`));
    waiting.clear();
  });
  const ready = await new Promise<Ready<R>>((resolve, reject) => {
    waiting.set(0, {
      settle: (reply) => {
        if (reply.type === 'ready' && reply.role === role) resolve(reply as Ready<R>);
        else reject(new Error(`the ${role} sandbox process answered ${reply.type} when starting`));
      },
      fail: reject,
    });
  });
  const ask = <T extends SandboxReply['type']>(request: Request, expected: T): Promise<Extract<SandboxReply, { type: T }>> =>
    new Promise((resolve, reject) => {
      const id = nextId;
      nextId += 1;
      waiting.set(id, {
        settle: (reply) => {
          if (reply.type === expected) resolve(reply as Extract<SandboxReply, { type: T }>);
          else reject(new Error(`the ${role} sandbox process answered ${reply.type} to ${request.type}`));
        },
        fail: reject,
      });
      child.send({ ...request, id });
    });
  return { child, ready, ask };
}
