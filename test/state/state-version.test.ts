import { afterEach, describe, expect, it } from 'vitest';
import { startWorkers } from '../../src/runtime/worker-process.js';
import { StateVersionError } from '../../src/state/state-version-error.js';
import { claimStateVersion, STATE_VERSION } from '../../src/state/state-version.js';
import { REDIS_URL, silentLogger, testWorkspace, type TestWorkspace } from '../helpers/test-redis.js';

let current: TestWorkspace | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

const versionKey = (ws: TestWorkspace): string => `${ws.prefix}:state-version`;

describe('workspace state version', () => {
  it('given a new workspace, then it is marked with this build\'s version; given state of an earlier version, then it is raised to it', async () => {
    const ws = (current = await testWorkspace());
    expect(await claimStateVersion(ws.redis, ws.prefix, silentLogger)).toBe(0);
    expect(await ws.redis.get(versionKey(ws))).toBe(String(STATE_VERSION));
    expect(await claimStateVersion(ws.redis, ws.prefix, silentLogger)).toBe(STATE_VERSION);

    await ws.redis.set(versionKey(ws), '1');
    expect(await claimStateVersion(ws.redis, ws.prefix, silentLogger)).toBe(1);
    expect(await ws.redis.get(versionKey(ws))).toBe(String(STATE_VERSION));
  });

  it('given state a newer build wrote, or an unreadable marker, then it refuses with what to do and leaves the marker as it was', async () => {
    const ws = (current = await testWorkspace());
    await ws.redis.set(versionKey(ws), String(STATE_VERSION + 1));
    const newer = await claimStateVersion(ws.redis, ws.prefix, silentLogger).catch((e: unknown) => e);
    expect(newer).toBeInstanceOf(StateVersionError);
    expect((newer as Error).message).toContain(`is at version ${String(STATE_VERSION + 1)}, written by a newer cosell-sync`);
    expect((newer as Error).message).toContain('Upgrade this process');
    expect(await ws.redis.get(versionKey(ws))).toBe(String(STATE_VERSION + 1));

    for (const garbled of ['two', '1.5', '0', '-3']) {
      await ws.redis.set(versionKey(ws), garbled);
      const error = await claimStateVersion(ws.redis, ws.prefix, silentLogger).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateVersionError);
      expect((error as Error).message).toContain('is not a version (a whole number from 1)');
      expect(await ws.redis.get(versionKey(ws))).toBe(garbled);
    }
  });

  it('given a workspace a newer build runs, then a worker process does not start on it', async () => {
    const ws = (current = await testWorkspace());
    await ws.redis.set(versionKey(ws), String(STATE_VERSION + 1));
    const started = startWorkers({ workspace: { workspace: { id: ws.id, name: 'newer' }, redis: { url: REDIS_URL } }, processors: [], logger: silentLogger, shutdownDeadlineMs: 1_000 });
    await expect(started).rejects.toBeInstanceOf(StateVersionError);
  });
});
