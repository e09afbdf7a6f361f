import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface LongRunningCosell {
  child: ChildProcessByStdio<null, Readable, Readable>;
  exited: Promise<number | null>;
  /** Resolves with the first JSON log line whose `msg` is `message`; rejects (with stderr) if the process ends first. */
  waitForLog(message: string): Promise<Record<string, unknown>>;
}

/** Starts a long-running `cosell` command (worker, serve) from source, reading its JSON log lines. */
export function spawnCosell(args: string[], env: Record<string, string>): LongRunningCosell {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: Record<string, unknown>[] = [];
  const waiters: { message: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      line = { msg: text };
    }
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.message === line.msg)) waiter.resolve(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    child,
    exited,
    waitForLog(message) {
      const seen = lines.find((line) => line.msg === message);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ message, resolve });
        void exited.then((code) => {
          reject(new Error(`cosell ${args.join(' ')} exited (${String(code)}) before logging "${message}":\n${stderr}\n${JSON.stringify(lines)}`));
        });
      });
    },
  };
}
