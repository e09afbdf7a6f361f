// Runs a bare sync (bare-sync.ts, bare-bulk-sync.ts) in a child process of its own and returns its figures.
import { fork } from 'node:child_process';
import type { BareSandboxes, BareSync } from './bare-sync.js';

export function bareInChild(kind: 'rest' | 'bulk', sandboxes: BareSandboxes, redisPids: readonly number[]): Promise<BareSync> {
  const { vendor, bare, bareBulk, pids } = sandboxes;
  const child = fork(new URL('./bare-process.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_BARE_SETUP: JSON.stringify({ kind, sandboxes: { vendor, bare, bareBulk, pids }, redisPids }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let result: BareSync | undefined;
    child.once('message', (message: BareSync) => {
      result = message;
    });
    child.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`the bare sync (${kind}) exited (code ${String(code)}) without its figures`));
    });
  });
}
