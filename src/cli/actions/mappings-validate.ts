import { loadWorkspace } from '../../config/load-workspace.js';
import { ConnectorPool } from '../../engine/connector-factory.js';
import { productConnectorFactory } from '../../engine/product-connector-factory.js';
import { loadMappings } from '../../mappings/load-mappings.js';
import { checkConnectionLive, type LiveProblem } from '../../mappings/live-checks.js';
import type { MappingSet } from '../../mappings/mapping-set.js';
import { workspaceKeyPrefix } from '../../redis/key-prefix.js';
import { createRedisConnection } from '../../redis/redis-connection-factory.js';
import { createProcessLogger } from '../../runtime/process-logger.js';
import { EXIT } from '../exit-codes.js';
import { workspaceFile } from '../workspace-option.js';

export interface MappingsValidateOptions {
  live?: boolean;
  config?: string;
}

/** HubSpot owners are a fixed API shape with no properties to describe. */
const UNDESCRIBED = new Set(['hubspot/owners']);

/** `cosell mappings validate`: the offline check, then (with --live) each connection's metadata; errors exit 1. */
export async function validateMappings(dir: string, options: MappingsValidateOptions): Promise<void> {
  const set = await loadMappings(dir);
  printOffline(dir, set);
  if (!options.live) return;
  const problems = await checkLive(set, workspaceFile(options.config));
  const errors = problems.filter((p) => p.severity === 'error');
  for (const p of problems) console.log(`  ${p.severity === 'error' ? 'ERROR' : 'warning'} ${p.connectionId} ${p.where} [${p.source}]: expected ${p.expected}; found ${p.found}`);
  console.log(errors.length === 0 ? `live check: every mapping fits its connection (${String(problems.length)} warnings).` : `live check: ${String(errors.length)} errors, ${String(problems.length - errors.length)} warnings.`);
  if (errors.length > 0) process.exitCode = EXIT.failure;
}

function printOffline(dir: string, set: MappingSet): void {
  const base = set.base();
  console.log(`${dir}: ${String(base.length)} mappings valid.`);
  for (const mapping of base) {
    const writes = mapping.fields.filter((f) => f.direction === 'to-crm' || f.direction === 'both').length;
    console.log(`  ${mapping.crm}/${mapping.object} ⇄ ${mapping.canonical}: ${String(mapping.fields.length)} fields (${String(writes)} written)` + (mapping.externalId ? `, upserts by ${mapping.externalId}` : ', read only'));
  }
  for (const { partnerId, mapping } of set.overridden()) console.log(`  partner ${partnerId}: ${mapping.crm}/${mapping.object} overridden (${mapping.sources.at(-1) ?? ''})`);
}

async function checkLive(set: MappingSet, file: string): Promise<LiveProblem[]> {
  const workspace = await loadWorkspace(file);
  const { logger } = createProcessLogger({ ...workspace, logging: { level: 'warn' } });
  const redis = createRedisConnection({ url: workspace.redis.url, password: workspace.redis.password }, 'state', logger);
  try {
    const pool = new ConnectorPool(workspace, productConnectorFactory, { redis, prefix: workspaceKeyPrefix(workspace.workspace.id), logger });
    const connections = [{ id: 'vendor', kind: workspace.vendor.connection.kind, partnerId: undefined }, ...workspace.partners.map((p) => ({ id: p.id, kind: p.connection.kind, partnerId: p.id }))];
    const problems: LiveProblem[] = [];
    for (const connection of connections) {
      const mappings = set.base()
        .filter((m) => m.crm === connection.kind && !UNDESCRIBED.has(`${m.crm}/${m.object}`))
        .map((m) => set.get(m.crm, m.object, connection.partnerId) ?? m);
      console.log(`checking ${connection.id} (${connection.kind}): ${mappings.map((m) => m.object).join(', ')}`);
      problems.push(...(await checkConnectionLive(connection.id, pool.get(connection.id), mappings)));
    }
    return problems;
  } finally {
    await redis.quit();
  }
}
