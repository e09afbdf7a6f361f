import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { loadWorkspace, type ResolvedWorkspace } from '../config/load-workspace.js';
import { engineProcessors } from '../engine/engine-processors.js';
import { createEngineRuntime, type EngineRuntime } from '../engine/engine-runtime.js';
import { formatMatrix } from '../engine/overlaps/format-matrix.js';
import { readPartnerDirectory } from '../engine/partner-directory.js';
import { productConnectorFactory } from '../engine/product-connector-factory.js';
import { reconcileSchedules } from '../engine/schedule-reconciler.js';
import { loadMappings } from '../mappings/load-mappings.js';
import { JobQueue } from '../queues/job-queue.js';
import { ingestQueue } from '../queues/queue-catalog.js';
import { openWorkspaceQueues } from '../queues/workspace-queues.js';
import { workspaceKeyPrefix } from '../redis/key-prefix.js';
import { createRedisConnection } from '../redis/redis-connection-factory.js';
import { createProcessLogger } from '../runtime/process-logger.js';
import { stateVersionKey } from '../state/state-version.js';
import type { SyncRun } from '../state/sync-run-log.js';
import { startWorkers, type RunningWorkers } from '../runtime/worker-process.js';
import { readOverlapReport } from '../server/overlaps/read-overlap-report.js';
import { buildServer } from '../server/build-server.js';
import { DASHBOARD_PATH } from '../server/queue-dashboard.js';
import { WebhookDeduplicator } from '../webhooks/webhook-deduplicator.js';
import { webhookSecrets } from '../webhooks/webhook-secrets.js';
import { startDemoSandboxes, type DemoSandboxes } from './demo-sandboxes.js';
import { summarizeRuns } from './demo-summary.js';
import { writeDemoWorkspace } from './demo-workspace-file.js';
import { examplePair } from './example-pair.js';
import { runDemoCycle } from './run-demo-cycle.js';

export interface DemoOptions {
  companies: number;
  seed: number;
  port: number;
  redisUrl: string;
  /** Names the demo's keys in Redis (cleared at start): several demos can share one Redis. */
  workspaceId: string;
  mappingsDir: string;
  /** Where the workspace file and its secrets are written. */
  dir: string;
  /** One cycle, then stop; otherwise the schedules keep syncing until stopped. */
  once: boolean;
  cycleTimeoutMs: number;
  print: (line: string) => void;
}

export interface RunningDemo {
  sandboxes: DemoSandboxes;
  workspace: ResolvedWorkspace;
  dashboardUrl: string;
  /** Runs one more sync cycle through the queues (what the schedules do every minute). */
  cycle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `cosell demo`: three sandbox CRMs with seeded data, the worker and the server in this process, on a
 * workspace file written like a user's; one sync cycle through the queues, then a summary.
 */
export async function runDemo(options: DemoOptions): Promise<RunningDemo> {
  const { print } = options;
  const started = Date.now();
  print(`Starting three sandbox CRMs and seeding ${options.companies.toLocaleString('en-US')} vendor companies …`);
  const sandboxes = await startDemoSandboxes({ companies: options.companies, seed: options.seed });
  const closers: (() => Promise<void>)[] = [() => sandboxes.close()];
  const stop = async (): Promise<void> => {
    for (const close of closers.reverse().splice(0)) await close().catch(() => undefined);
  };
  try {
    const adminPassword = randomBytes(9).toString('base64url');
    const partnerApiKeys = { northwind: randomBytes(18).toString('base64url'), globex: randomBytes(18).toString('base64url') };
    const files = await writeDemoWorkspace(options.dir, sandboxes, { workspaceId: options.workspaceId, redisUrl: options.redisUrl, port: options.port, adminPassword, partnerApiKeys });
    for (const [name, value] of Object.entries(files.env)) process.env[name] = value;
    const workspace = await loadWorkspace(files.file);
    const { logger, scrubber } = createProcessLogger(workspace);
    const redis = createRedisConnection({ url: workspace.redis.url, password: workspace.redis.password }, 'state', logger);
    closers.push(async () => {
      await redis.quit();
    });
    await redis.ping().catch((error: unknown) => {
      throw new Error(`Redis at ${options.redisUrl} does not answer (${error instanceof Error ? error.message : String(error)}); start it (see README) or pass --redis <url>`, { cause: error });
    });
    await clearDemoState(redis, options.workspaceId);

    const mappings = await loadMappings(options.mappingsDir);
    let runtime: EngineRuntime | undefined;
    const workers: RunningWorkers = await startWorkers({
      workspace,
      logger,
      shutdownDeadlineMs: 10_000,
      processors: ({ redis: workerRedis, connection }) => {
        const engine = createEngineRuntime({ workspace, mappings, connectorFactory: productConnectorFactory, redis: workerRedis, connection, logger });
        runtime = engine;
        return Promise.resolve({ processors: engineProcessors(engine), close: () => engine.close() });
      },
    });
    closers.push(() => workers.stop());
    if (!runtime) throw new Error('the engine did not start');
    const engine = runtime;

    const connection = { connection: redis, prefix: workspaceKeyPrefix(workspace.workspace.id) };
    const queues = openWorkspaceQueues(connection);
    const ingest = new JobQueue(ingestQueue, connection);
    closers.push(async () => {
      await ingest.close();
      await Promise.all(queues.map((queue) => queue.close()));
    });
    const admin = workspace.server?.admin;
    if (!admin) throw new Error('the demo workspace has no server section');
    const app = await buildServer({ queues, redis, admin, scrubber, logger, webhooks: { secrets: webhookSecrets(workspace), ingest, deduplicator: new WebhookDeduplicator(redis, connection.prefix), publicUrl: undefined }, api: { prefix: connection.prefix, partners: workspace.partners, populations: workspace.populations } });
    const address = await app.listen({ host: '127.0.0.1', port: options.port }).catch((error: unknown) => {
      throw new Error(`the dashboard cannot listen on port ${String(options.port)} (${error instanceof Error ? error.message : String(error)}); pass --port <free port>`, { cause: error });
    });
    closers.push(() => app.close());

    printSandboxes(sandboxes, print);
    print(`Workspace file: ${files.file} (its secrets: ${files.envFile})`);
    // Claimed by the worker as it started: a build older than this state's layout would have refused to start.
    print(`State in Redis under ${connection.prefix}, layout version ${(await redis.get(stateVersionKey(connection.prefix))) ?? 'none'} (a process of an older build refuses it)`);
    print('');
    const cycle = { ingest, writeBack: engine.writeBack, match: engine.accountMapping.queue, stores: engine.stores, connectionIds: ['vendor', ...workspace.partners.map((p) => p.id)] };
    const firstStart = Date.now();
    await runDemoCycle(cycle, options.cycleTimeoutMs);
    const first = await runsSince(engine, firstStart);
    print(`First sync cycle, ${((Date.now() - firstStart) / 1000).toFixed(1)} s (every pass went through the queues):`);
    for (const line of summarizeRuns(first)) print(`  ${line}`);
    const secondStart = Date.now();
    await runDemoCycle(cycle, options.cycleTimeoutMs);
    const second = await runsSince(engine, secondStart);
    const rewritten = second.filter((run) => run.trigger === 'write-back').reduce((n, run) => n + run.counts.written, 0);
    print(`Second cycle, ${((Date.now() - secondStart) / 1000).toFixed(1)} s: read again from the cursors, ${String(rewritten)} records written (nothing changed; our own writes read back cause no writes).`);
    print('');
    print('What each partner received, by its sharing policy:');
    for (const partner of workspace.partners) {
      const received = first.filter((run) => run.connectionId === partner.id && run.trigger === 'write-back').reduce((n, run) => n + run.counts.written, 0);
      const policy = partner.sharing.fields ? `share: ${partner.sharing.share}, fields ${partner.sharing.fields.join(', ')}` : `share: ${partner.sharing.share}`;
      print(`  ${partner.id.padEnd(10)} (${policy}): ${received.toLocaleString('en-US')} accounts written into its CRM`);
    }
    print('');
    print('Account mapping (matched by domain and name, kept current by the worker): vendor accounts each partner also has, by population (vendor × partner):');
    for (const partner of workspace.partners) {
      const report = await readOverlapReport(redis, connection.prefix, partner.id);
      if (!report) {
        print(`  ${partner.id.padEnd(10)} not in account mapping (share: ${partner.sharing.share})`);
        continue;
      }
      print(`  ${partner.id.padEnd(10)} ${String(report.pairs.length)} of its ${String(report.partnerAccounts)} accounts are vendor accounts; ${formatMatrix(report.matrix)}`);
      const example = examplePair(report.pairs);
      if (example) {
        print(`             e.g. vendor "${example.vendor.name}" = partner "${example.partner.name}" (${example.score.toFixed(2)}: ${example.reason})`);
        print(`             whom to call: ${example.vendor.owner ?? 'nobody known'} (vendor) ⇄ ${example.partner.owner ?? 'nobody known'} (${partner.id})${example.territory ? `, territory ${example.territory}` : ''}`);
      }
    }
    const overlapWrites = first.concat(second).filter((run) => run.trigger === 'write-back' && run.object === 'account');
    const writtenTo = (connectionId: string): number => overlapWrites.filter((run) => run.connectionId === connectionId).reduce((n, run) => n + run.counts.written, 0);
    print(`  written back: ${writtenTo('vendor').toLocaleString('en-US')} vendor accounts got their partners (Cosell_Overlap__c, Cosell_Partners__c, Cosell_Partner_Owner__c); ${workspace.partners.filter((p) => p.sharing.share === 'overlaps').map((p) => `${p.id} ${writtenTo(p.id).toLocaleString('en-US')} of its own accounts the vendor's status and contact (its allowlist: ${(p.sharing.fields ?? []).join(', ')})`).join('; ')}`);
    print('');
    print("Program standing, from the vendor's partner directory, written onto the vendor's account in each partner's CRM:");
    for (const entry of await readPartnerDirectory(workspace, engine.stores)) {
      const standing = entry.standing;
      print(`  ${entry.partnerId.padEnd(10)} ${standing ? `${standing.persona} · ${standing.tier} · ${standing.status} · certified: ${standing.certifications.join(', ') || 'none'}` : 'no directory record'}${entry.drift.length > 0 ? `  (${entry.drift.join('; ')})` : ''}`);
    }
    const deadLetters = await engine.deadLetters.count();
    print(`  dead letters: ${String(deadLetters)}${deadLetters > 0 ? ' (see them: cosell dlq list --config ' + files.file + ')' : ''}`);
    print('');
    const dashboardUrl = `${address}${DASHBOARD_PATH}`;
    print(`Dashboard: ${dashboardUrl} (user admin, password ${adminPassword})`);
    print(`Partner API, as globex sees its overlaps (its key is in ${files.envFile}): curl -H "Authorization: Bearer $COSELL_DEMO_GLOBEX_API_KEY" ${address}/api/v1/overlaps/globex`);
    print(`Whole demo: ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (!options.once) {
      await reconcileSchedules({ queue: ingest, schedules: workspace.schedules, redis, prefix: connection.prefix, logger });
      // Northwind's HubSpot app now delivers its changes to our webhook endpoint, as a real app subscription would.
      const webhookUrl = `${address}/webhooks/hubspot/northwind`;
      sandboxes.northwind.configure({ webhooks: { targetUrl: webhookUrl, clientSecret: sandboxes.northwind.auth.app.clientSecret, appId: 4_411_001 } });
      print(`Northwind's HubSpot delivers its changes as signed webhooks to ${webhookUrl}; the schedules poll every minute.`);
      print('Change records in the sandboxes and watch them move. Ctrl-C stops.');
    }
    return { sandboxes, workspace, dashboardUrl, cycle: () => runDemoCycle(cycle, options.cycleTimeoutMs), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Each demo run starts from nothing: its sandboxes are new, so yesterday's cursors and crosswalks are wrong. */
async function runsSince(engine: EngineRuntime, since: number): Promise<SyncRun[]> {
  return (await engine.stores.runs.latest(1_000)).filter((run) => Date.parse(run.startedAt) >= since);
}

async function clearDemoState(redis: Redis, workspaceId: string): Promise<void> {
  // The prefix's braces are glob specials for SCAN MATCH: escape them.
  const pattern = `${workspaceKeyPrefix(workspaceId).replace(/[{}]/g, (c) => `\\${c}`)}*`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

function printSandboxes(sandboxes: DemoSandboxes, print: (line: string) => void): void {
  const { vendor, northwind, globex, seeded } = sandboxes;
  print(`  vendor     Salesforce  ${vendor.url}  records: ${vendor.url}/sandbox   (${seeded.vendor})`);
  print(`  northwind  HubSpot     ${northwind.url}  records: ${northwind.url}/sandbox   (${seeded.northwind})`);
  print(`  globex     Salesforce  ${globex.url}  records: ${globex.url}/sandbox   (${seeded.globex})`);
}

