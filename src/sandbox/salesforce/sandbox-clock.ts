/**
 * The sandbox's notion of now. Real time by default; a test or the demo can freeze it (so several records share
 * one SystemModstamp), set it, or move it forward (to expire sessions and query cursors without waiting).
 */
export class SandboxClock {
  private frozenAt: number | undefined;
  private offsetMs = 0;

  /** Milliseconds since the epoch, as the sandbox sees them. */
  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }

  /** Stops time at `at` (default: now) until `resume` is called. */
  freeze(at: Date | number = this.now()): void {
    this.frozenAt = toMillis(at);
  }

  /** Lets time run again from where it stands. */
  resume(): void {
    if (this.frozenAt === undefined) return;
    this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = undefined;
  }

  /** Jumps to `at`; a frozen clock stays frozen there, a running one runs on from there. */
  set(at: Date | number): void {
    const target = toMillis(at);
    if (this.frozenAt !== undefined) this.frozenAt = target;
    else this.offsetMs = target - Date.now();
  }

  /** Moves time forward (or back, with a negative amount). */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error(`advance takes a finite number of milliseconds, got ${ms}`);
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
  }
}

function toMillis(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new Error('the clock takes a valid Date or epoch milliseconds');
  return ms;
}
