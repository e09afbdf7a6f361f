// Stops a benchmark's child process: asks it to stop, waits for it to exit, and kills it if it has not
// within 30 s (the benchmark has its figures already). Not sooner: a process asked to stop writes its CPU
// profile as it exits (BENCH_ENGINE_NODE_ARGS), after finishing the job in hand, which on a slow machine
// (account mapping after a sync) took longer than 5 s, and a killed process writes none.
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
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}
