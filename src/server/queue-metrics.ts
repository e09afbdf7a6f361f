import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed', 'waiting-children'] as const;

/**
 * Prometheus metrics of the process and of every queue: job counts by state, read from Redis when
 * scraped (so any number of server processes report the same numbers without coordinating).
 */
export function createMetricsRegistry(queues: readonly Queue[]): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cosell_' });
  new Gauge({
    name: 'cosell_queue_jobs',
    help: 'Jobs in each queue by state (the dead-letter queue counts its parked entries as waiting).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...STATES)));
      queues.forEach((queue, index) => {
        for (const state of STATES) this.set({ queue: queue.name, state }, counts[index]?.[state] ?? 0);
      });
    },
  });
  return registry;
}
