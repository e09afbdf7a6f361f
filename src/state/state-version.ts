import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import { stateKey } from '../redis/key-prefix.js';
import { LuaCommand } from '../redis/lua-command.js';
import { StateVersionError } from './state-version-error.js';

/**
 * The layout of the engine's state in Redis that this build reads and writes. A build reads every earlier
 * layout; an earlier build cannot read a later one.
 *   1  canonical values as stable JSON text (no marker was kept then: a workspace without one is at 1 or new)
 *   2  canonical strings kept as they are (after an apostrophe); writes cleared counted per connection and object
 */
export const STATE_VERSION = 2;

/**
 * KEYS[1] the workspace's version key   ARGV[1] this build's version
 * Raises a missing or older version to this build's, in one step whatever other processes do meanwhile.
 * Returns the version found (0 when there was none), or -1 when the key holds something else than a number.
 */
const CLAIM = `
local raw = redis.call('GET', KEYS[1])
if not raw then
  redis.call('SET', KEYS[1], ARGV[1])
  return 0
end
local found = tonumber(raw)
if not found or found ~= math.floor(found) or found < 1 then return -1 end
if found < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return found
`;
const CLAIM_COMMAND = new LuaCommand('cosellClaimStateVersion', 1, CLAIM);

/**
 * Every process that reads or writes a workspace's state claims its version first: a state at an earlier
 * version is marked as this build's (it reads it as it is), a state at a later one stops this process with
 * what to do, before it could misread or overwrite what the newer build wrote. Returns the version found.
 */
export async function claimStateVersion(redis: Redis, prefix: string, logger: Logger, version = STATE_VERSION): Promise<number> {
  const key = stateVersionKey(prefix);
  const found = Number(await CLAIM_COMMAND.run(redis, [key], [version]));
  if (found === -1) {
    throw new StateVersionError(`the workspace's state version in Redis (key ${key}) is not a version (a whole number from 1); this build writes version ${String(version)}. Check what wrote that key, then set it to the version of the newest build that ran on this workspace (${String(version)} if unsure, only if no newer build did) or delete it.`);
  }
  if (found > version) {
    throw new StateVersionError(`the workspace's state in Redis (key ${key}) is at version ${String(found)}, written by a newer cosell-sync; this build reads version ${String(version)} at most. Upgrade this process to the build the other workers run (every process of a workspace runs the same version; see docs/operations.md, "Upgrading").`);
  }
  if (found !== 0 && found < version) logger.info({ from: found, to: version }, 'workspace state marked as this build\'s version (earlier state is read as it is)');
  return found;
}

/**
 * claimStateVersion for a process about to work on the workspace over `redis`: when it may not, the connection
 * is closed before the error goes up, so the process can end instead of idling on an open socket.
 */
export async function claimStateVersionOrDisconnect(redis: Redis, prefix: string, logger: Logger): Promise<number> {
  try {
    return await claimStateVersion(redis, prefix, logger);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}

/** Where a workspace keeps its state's version. */
export function stateVersionKey(prefix: string): string {
  return stateKey(prefix, 'state-version');
}
