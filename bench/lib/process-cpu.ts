// CPU time of local processes (user + system, from /proc), to tell where a benchmark's CPU went: the
// engine, Redis, the sandbox CRMs. Linux only; elsewhere every figure reads 0.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name, which ends with ') ': state is the 1st, utime the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${String(pid)}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds each named group of processes spent between `start` and the returned function's call. */
export function cpuMeter(groups: Record<string, readonly number[]>): () => string {
  const total = (pids: readonly number[]): number => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const before = Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, total(pids)]));
  const started = performance.now();
  return () => {
    const seconds = (performance.now() - started) / 1000;
    const spent = Object.entries(groups).map(([name, pids]) => `${name} ${(total(pids) - (before[name] ?? 0)).toFixed(1)}`);
    return `CPU s: ${spent.join(', ')} (of ${seconds.toFixed(1)} s × ${String(availableParallelism())} cores)`;
  };
}
