import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkspace, type ResolvedWorkspace } from '../../src/config/load-workspace.js';
import type { SharingPolicy } from '../../src/config/partner-schema.js';
import { startDemoSandboxes, type DemoSandboxes } from '../../src/demo/demo-sandboxes.js';
import { writeDemoWorkspace } from '../../src/demo/demo-workspace-file.js';
import { createEngineRuntime, type EngineRuntime } from '../../src/engine/engine-runtime.js';
import { syncNow } from '../../src/engine/passes-now.js';
import { productConnectorFactory } from '../../src/engine/product-connector-factory.js';
import { loadMappings } from '../../src/mappings/load-mappings.js';
import { silentLogger, testWorkspace, type TestWorkspace } from './test-redis.js';

/**
 * The demo's three sandbox CRMs (vendor Salesforce; northwind on HubSpot sharing `all`; globex on Salesforce
 * sharing `overlaps`) and an engine on them driven in this process, as `cosell sync` does. `restart` stands
 * for revenue ops editing the workspace file and the worker starting again on the same Redis state.
 */
export interface DemoEngine {
  ws: TestWorkspace;
  sandboxes: DemoSandboxes;
  readonly workspace: ResolvedWorkspace;
  readonly runtime: EngineRuntime;
  /** One pass of every account connection (vendor first), each followed by account mapping and the writes. */
  syncAccounts(): Promise<void>;
  restart(sharing: Record<string, SharingPolicy>): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoEngine(options: { companies: number; seed: number }): Promise<DemoEngine> {
  const ws = await testWorkspace();
  const dir = await mkdtemp(join(tmpdir(), 'cosell-demo-engine-'));
  const sandboxes = await startDemoSandboxes(options);
  const files = await writeDemoWorkspace(dir, sandboxes, { workspaceId: ws.id, redisUrl: 'redis://127.0.0.1:6379', port: 0, adminPassword: 'demo-admin', partnerApiKeys: { northwind: 'n'.repeat(24), globex: 'g'.repeat(24) } });
  for (const [name, value] of Object.entries(files.env)) process.env[name] = value;
  const mappings = await loadMappings('mappings');
  const start = (resolved: ResolvedWorkspace): EngineRuntime => createEngineRuntime({ workspace: resolved, mappings, connectorFactory: productConnectorFactory, redis: ws.redis, connection: ws.connection, logger: silentLogger });
  let workspace = await loadWorkspace(files.file);
  let runtime = start(workspace);
  return {
    ws,
    sandboxes,
    get workspace() {
      return workspace;
    },
    get runtime() {
      return runtime;
    },
    async syncAccounts() {
      for (const connectionId of ['vendor', ...workspace.partners.map((p) => p.id)]) await syncNow(runtime, connectionId, 'account', `test-${connectionId}`);
    },
    async restart(sharing) {
      await runtime.close();
      workspace = { ...workspace, partners: workspace.partners.map((p) => ({ ...p, sharing: sharing[p.id] ?? p.sharing })) };
      runtime = start(workspace);
    },
    async close() {
      await runtime.close();
      await sandboxes.close();
      await ws.cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
