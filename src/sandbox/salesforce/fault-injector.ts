import type { FaultSettings } from '../fault-settings.js';

/** mulberry32: a small seeded PRNG, so the same seed fails the same requests. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides, per API request, the latency to add and whether to fail it with a 503. */
export class FaultInjector {
  private random: () => number;
  private seed: number;

  constructor(seed: number) {
    this.seed = seed;
    this.random = prng(seed);
  }

  decide(settings: FaultSettings): { latencyMs: number; fail: boolean } {
    if (settings.seed !== this.seed) {
      this.seed = settings.seed;
      this.random = prng(settings.seed);
    }
    const fail = settings.errorRate > 0 && this.random() < settings.errorRate;
    return { latencyMs: settings.latencyMs, fail };
  }
}
