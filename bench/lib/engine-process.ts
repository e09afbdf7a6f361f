// One engine worker process of the benchmarks: the queues named in its setup, served by the engine's
// processors with the benchmarks' settings, between the sandboxes of remote-sandboxes.ts. Started by
// engine-bench-harness.ts; stops on SIGTERM.
import { pino } from 'pino';
import { engineProcessors } from '../../src/engine/engine-processors.js';
import { createEngineRuntime, type EngineRuntime } from '../../src/engine/engine-runtime.js';
import { productConnectorFactory } from '../../src/engine/product-connector-factory.js';
import { loadMappings } from '../../src/mappings/load-mappings.js';
import { onTerminationSignal } from '../../src/runtime/graceful-shutdown.js';
import { startWorkers } from '../../src/runtime/worker-process.js';
import { benchWorkspace } from './bench-workspace.js';
import type { EngineProcessSetup } from './engine-process-setup.js';

const setup = JSON.parse(process.env.BENCH_ENGINE_SETUP ?? '{}') as EngineProcessSetup;
const workspace = benchWorkspace(setup);
const logger = pino({ level: 'silent' });
const mappings = await loadMappings('mappings');
let runtime: EngineRuntime | undefined;
const workers = await startWorkers({
  workspace: { workspace: { id: setup.workspaceId, name: 'bench' }, redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } },
  logger,
  shutdownDeadlineMs: 5_000,
  processors: ({ redis, connection }) => {
    runtime = createEngineRuntime({ workspace, mappings, connectorFactory: productConnectorFactory, redis, connection, logger, settings: { coalesceMs: 200, lookbackMs: 0 } });
    const processors = engineProcessors(runtime).filter((p) => setup.queues.includes(p.queue));
    return Promise.resolve({ processors, close: () => runtime?.close() ?? Promise.resolve() });
  },
});
onTerminationSignal(() => workers.stop(), logger);
process.send?.('ready');
