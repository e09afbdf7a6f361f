import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveOverlapReport } from '../../../src/engine/overlaps/compute-overlaps.js';
import { workspaceKeyPrefix } from '../../../src/redis/key-prefix.js';
import { spawnCosell } from '../../helpers/spawn-cosell.js';
import { testWorkspace, type TestWorkspace } from '../../helpers/test-redis.js';

const API_KEY = `nw-${randomBytes(16).toString('hex')}`;

let ws: TestWorkspace | undefined;
let dir: string | undefined;
afterEach(async () => {
  await ws?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
  ws = undefined;
  dir = undefined;
});

describe('cosell serve and the overlap API', () => {
  it("given a partner with apiKey in the workspace, then cosell serve answers its key with its shaped report and never logs the key", async () => {
    ws = await testWorkspace();
    dir = await mkdtemp(join(tmpdir(), 'cosell-serve-api-'));
    const file = join(dir, 'cosell.yaml');
    await writeFile(
      file,
      [
        'version: 1',
        `workspace: { id: ${ws.id}, name: Serve API test }`,
        'vendor: { name: Solo, connection: { kind: hubspot, auth: { type: private-app, token: { env: SOLO_HUBSPOT_TOKEN } } } }',
        'partners:',
        '  - { id: northwind, name: Northwind, persona: si, tier: gold, region: emea, connection: { kind: hubspot, auth: { type: private-app, token: { env: NW_TOKEN } } }, sharing: { share: counts }, apiKey: { env: NW_API_KEY } }',
        'server: { port: 0, admin: { username: admin, password: { env: SERVE_API_ADMIN_PASSWORD } } }',
        'logging: { level: info }',
        '',
      ].join('\n'),
    );
    expect(workspaceKeyPrefix(ws.id)).toBe(ws.prefix);
    await saveOverlapReport(ws, { partnerId: 'northwind', computedAt: '2025-01-02T03:04:05.000Z', vendorAccounts: 10, partnerAccounts: 4, matrix: { all: { all: 0 } }, pairs: [] });

    const serve = spawnCosell(['serve', '--config', file], { SOLO_HUBSPOT_TOKEN: 'pat-test-value', NW_TOKEN: 'pat-nw-value', NW_API_KEY: API_KEY, SERVE_API_ADMIN_PASSWORD: 'admin-pw-123' });
    let output = '';
    serve.child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    serve.child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const listening = await serve.waitForLog('server listening');
      const url = `${String(listening.address)}/api/v1/overlaps/northwind`;
      const response = await fetch(url, { headers: { authorization: `Bearer ${API_KEY}` } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ view: 'partner', share: 'counts', partnerId: 'northwind', computedAt: '2025-01-02T03:04:05.000Z', overlappingAccounts: 0, matrix: { all: { all: 0 } } });
      const refused = await fetch(url, { headers: { authorization: `Bearer ${API_KEY}0` } });
      expect(refused.status).toBe(401);
    } finally {
      serve.child.kill('SIGTERM');
    }
    expect(await serve.exited).toBe(0);
    expect(output).toContain('server listening');
    expect(output).not.toContain(API_KEY);
  });
});
