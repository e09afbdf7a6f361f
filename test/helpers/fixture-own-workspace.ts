import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parseDocument } from 'yaml';
import { workspaceKeyPrefix } from '../../src/redis/key-prefix.js';
import { deleteKeys, REDIS_URL } from './test-redis.js';

/** A fixture workspace file copied under a workspace id of its own, so its keys in Redis are this test's alone. */
export interface OwnFixtureWorkspace {
  file: string;
  id: string;
  /** Deletes the workspace's keys (a worker or server left its queues and state version there) and the copy. */
  cleanup(): Promise<void>;
}

export async function fixtureWithOwnWorkspace(fixture: string): Promise<OwnFixtureWorkspace> {
  const document = parseDocument(await readFile(fixture, 'utf8'));
  const id = `${String(document.getIn(['workspace', 'id']))}-${randomBytes(4).toString('hex')}`;
  document.setIn(['workspace', 'id'], id);
  const directory = await mkdtemp(join(tmpdir(), 'cosell-fixture-'));
  const file = join(directory, 'cosell.yaml');
  await writeFile(file, document.toString());
  const prefix = workspaceKeyPrefix(id);
  return {
    file,
    id,
    async cleanup() {
      const redis = new Redis(REDIS_URL);
      try {
        await deleteKeys(redis, `${prefix}*`);
      } finally {
        await redis.quit();
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
