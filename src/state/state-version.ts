import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import { stateKey } from '../redis/key-prefix.js';
import { LuaCommand } from '../redis/lua-command.js';
import { moveCanonicalDocuments } from './canonical-layout-move.js';
import { StateVersionError } from './state-version-error.js';

/**
 * The layout of the engine's state in Redis that this build reads and writes. A build reads every earlier
 * layout; an earlier build cannot read a later one.
 *   1  canonical values as stable JSON text (no marker was kept then: a workspace without one is at 1 or new)
 *   2  canonical strings kept as they are (after an apostrophe); writes cleared counted per connection and object
 *   3  canonical documents kept in one hash per kind and source, not one hash per record (moved on upgrade,
 *      see canonical-layout-move.ts)
 *   4  a record under the canonical id derived from its own CRM id has no crosswalk entry in that connection:
 *      its source document is its link (record-links.ts). Version 3's entries are read as they are (nothing
 *      moves); an earlier build would take those records for unlinked.
 *   5  a source's first canonical document carries no change times (every field changed at its time, but
 *      those first seen blank: canonical-store.ts). Documents with times are read as they are (nothing moves);
 *      an earlier build cannot read one without.
 */
export const STATE_VERSION = 5;

/** The first version whose canonical documents are kept per kind and source. */
const SOURCE_HASHES_SINCE = 3;

/**
 * KEYS[1] the workspace's version key   KEYS[2] the workspace's upgrade mark   ARGV[1] this build's version
 * ARGV[2] the version from which the documents' layout is the current one
 * Raises a missing or older version to this build's, in one step whatever other processes do meanwhile: an
 * earlier build refuses the state from then on. When the documents must move (state of an earlier layout, or
 * none: a workspace without a marker may hold version 1's), the upgrade mark is set until they have.
 * Returns { the version found (0 when there was none) or -1 when the key holds something else than a number,
 *           1 when the documents still have to move }.
 */
const CLAIM = `
local raw = redis.call('GET', KEYS[1])
local found = 0
if raw then
  found = tonumber(raw)
  if not found or found ~= math.floor(found) or found < 1 then return { -1, 0 } end
end
if found < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1])
  if found < tonumber(ARGV[2]) and tonumber(ARGV[1]) >= tonumber(ARGV[2]) then redis.call('SET', KEYS[2], ARGV[1]) end
end
return { found, redis.call('EXISTS', KEYS[2]) }
`;
const CLAIM_COMMAND = new LuaCommand('cosellClaimStateVersion', 2, CLAIM);

/**
 * Every process that reads or writes a workspace's state claims its version first: a state at an earlier
 * version is marked as this build's (it reads it as it is), a state at a later one stops this process with
 * what to do, before it could misread or overwrite what the newer build wrote. Canonical documents of an
 * earlier layout are moved first (a process that stops meanwhile leaves the upgrade mark, and the next one to
 * start moves the rest). Returns the version found.
 */
export async function claimStateVersion(redis: Redis, prefix: string, logger: Logger, version = STATE_VERSION): Promise<number> {
  const key = stateVersionKey(prefix);
  const [found, toMove] = (await CLAIM_COMMAND.run(redis, [key, upgradeMarkKey(prefix)], [version, SOURCE_HASHES_SINCE])) as [number, number];
  if (found === -1) {
    throw new StateVersionError(`the workspace's state version in Redis (key ${key}) is not a version (a whole number from 1); this build writes version ${String(version)}. Check what wrote that key, then set it to the version of the newest build that ran on this workspace (${String(version)} if unsure, only if no newer build did) or delete it.`);
  }
  if (found > version) {
    throw new StateVersionError(`the workspace's state in Redis (key ${key}) is at version ${String(found)}, written by a newer cosell-sync; this build reads version ${String(version)} at most. Upgrade this process to the build the other workers run (every process of a workspace runs the same version; see docs/operations.md, "Upgrading").`);
  }
  if (toMove === 1 && version >= SOURCE_HASHES_SINCE) {
    const moved = await moveCanonicalDocuments(redis, prefix);
    await redis.del(upgradeMarkKey(prefix));
    if (moved > 0) logger.info({ records: moved }, 'canonical documents moved to the layout of state version 3 (one hash per kind and source)');
  }
  if (found !== 0 && found < version) logger.info({ from: found, to: version }, 'workspace state raised to this build\'s version');
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

/** Set while an upgrade moves a workspace's state to this build's layout (see CLAIM). */
function upgradeMarkKey(prefix: string): string {
  return stateKey(prefix, 'state-upgrading');
}

/** Where a workspace keeps its state's version. */
export function stateVersionKey(prefix: string): string {
  return stateKey(prefix, 'state-version');
}
