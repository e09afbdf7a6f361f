import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDemo, type RunningDemo } from '../../src/demo/run-demo.js';
import { demoSeedSpecs } from '../../src/demo/seed-demo-orgs.js';
import { workspaceKeyPrefix } from '../../src/redis/key-prefix.js';
import { generateSeedOrg } from '../../src/sandbox/seed/generate-seed-org.js';
import type { OverlapReport } from '../../src/engine/overlaps/compute-overlaps.js';
import { runCosell } from '../helpers/run-cosell.js';
import { deleteKeys, testWorkspace } from '../helpers/test-redis.js';

let running: RunningDemo | undefined;
let dir: string | undefined;
afterEach(async () => {
  await running?.stop();
  const ws = await testWorkspace();
  if (running) await deleteKeys(ws.redis, `${workspaceKeyPrefix(running.workspace.workspace.id)}*`);
  await ws.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
  running = undefined;
});

describe('account overlaps on the demo orgs', () => {
  it('given partner orgs drawn from the vendor\'s universe, then the overlaps found are the shared companies (precision and recall against the generator\'s truth), with populations and reasons', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cosell-overlaps-'));
    const options = { companies: 500, seed: 11 };
    running = await runDemo({ once: true, ...options, port: 0, redisUrl: 'redis://127.0.0.1:6379', workspaceId: `overlaps-${String(process.pid)}`, mappingsDir: 'mappings', dir, cycleTimeoutMs: 60_000, print: () => undefined });
    const { vendor, northwind } = running.sandboxes;
    const specs = demoSeedSpecs(options);
    const vendorEntity = new Map([...generateSeedOrg(specs.vendor).companies()].map((c) => [c.key, c.entity]));
    const partnerEntity = new Map([...generateSeedOrg(specs.northwind).companies()].map((c) => [c.key, c.entity]));
    const vendorEntities = new Set(vendorEntity.values());
    const truth = [...partnerEntity.values()].filter((entity) => vendorEntities.has(entity)).length;

    const ws = await testWorkspace();
    const raw = await ws.redis.get(`${workspaceKeyPrefix(running.workspace.workspace.id)}:overlaps:northwind`);
    await ws.cleanup();
    const report = JSON.parse(raw ?? '{}') as OverlapReport;
    const seedKeyOfVendor = new Map(vendor.store.query('SELECT Id, Seed_Key__c FROM Account').map((r) => [String(r.Id), String(r.Seed_Key__c)]));
    const seedKeyOfPartner = (crmId: string): string => northwind.portal.stores.companies.get(Number(crmId))?.properties.get('seed_key') ?? '';
    const correct = report.pairs.filter((pair) => vendorEntity.get(seedKeyOfVendor.get(pair.vendor.crmId) ?? '') === partnerEntity.get(seedKeyOfPartner(pair.partner.crmId))).length;
    const precision = correct / report.pairs.length;
    const recall = correct / truth;
    expect(truth).toBeGreaterThan(50);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(report.matrix.all?.all).toBe(report.pairs.length);
    expect(report.pairs.every((pair) => pair.reason.length > 0 && pair.score >= 0.5)).toBe(true);
    expect(Object.keys(report.matrix)).toEqual(expect.arrayContaining(['customers', 'prospects']));
    // The vendor accounts the engine wrote into Northwind's CRM are the vendor's own, never counted as the partner's.
    expect(report.partnerAccounts).toBeLessThanOrEqual(specs.northwind.companies + 1);
  });

  it('given a synced workspace, then cosell overlaps prints the population matrix and, with --accounts, each pair with its reason; an unknown partner is bad input', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cosell-overlaps-cli-'));
    running = await runDemo({ once: true, companies: 120, seed: 2, port: 0, redisUrl: 'redis://127.0.0.1:6379', workspaceId: `overlaps-cli-${String(process.pid)}`, mappingsDir: 'mappings', dir, cycleTimeoutMs: 60_000, print: () => undefined });
    const file = join(dir, 'cosell.yaml');
    const result = await runCosell(['overlaps', '--partner', 'globex', '--accounts', '-c', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^globex: \d+ overlapping accounts \(vendor 120, partner \d+ accounts synced\)/);
    expect(result.stdout).toMatch(/vendor \\ partner +all/);
    expect(result.stdout).toMatch(/⇄ .+ {2}1\.000 {2}same domain /);
    const bad = await runCosell(['overlaps', '--partner', 'initech', '-c', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--partner "initech": expected one of northwind, globex');
  });
});
