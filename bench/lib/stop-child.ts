// Stops a benchmark's child process: asks it to stop, waits for it to exit, and kills it if it has not
// within 5 s (the benchmark has its figures already).
import type { ChildProcess } from 'node:child_process';

export function stopChild(child: ChildProcess, ask: (child: ChildProcess) => void): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => {
      resolve();
    });
    ask(child);
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}
