import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';
import { LuaCommand } from '../redis/lua-command.js';
import { joinLines, LUA_SPLIT_LINES } from '../redis/lua-lists.js';

/**
 * KEYS[1]  hash crm id → canonical id     KEYS[2]  hash canonical id → crm id
 * ARGV[1]  canonical id   ARGV[2]  crm id
 * Links both ways in one step, dropping the stale reverse entries of an id that pointed elsewhere (a
 * re-link after a merge), so the two directions never disagree.
 * Returns  1 when something changed, 0 when the link already existed.
 */
const LINK_BODY = `
local function link(crmKey, canonicalKey, canonical, crm)
  local previousCanonical = redis.call('HGET', crmKey, crm)
  local previousCrm = redis.call('HGET', canonicalKey, canonical)
  if previousCanonical == canonical and previousCrm == crm then return 0 end
  if previousCanonical and previousCanonical ~= canonical then redis.call('HDEL', canonicalKey, previousCanonical) end
  if previousCrm and previousCrm ~= crm then redis.call('HDEL', crmKey, previousCrm) end
  redis.call('HSET', crmKey, crm, canonical)
  redis.call('HSET', canonicalKey, canonical, crm)
  return 1
end
`;
const LINK = `${LINK_BODY}
return link(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
`;
/**
 * KEYS as LINK; ARGV[1] canonical ids, ARGV[2] their crm ids, each one list (see lua-lists.ts). LINK for
 * many pairs in one call. Returns how many changed.
 * The common case, pairs of ids that are linked to nothing yet (a first load, records just created), is
 * read in one HMGET per direction and written in one HSET per direction; a pair that re-links, and every
 * pair of a call that names an id twice, goes through LINK one by one, in order.
 */
const LINK_MANY = `${LINK_BODY}${LUA_SPLIT_LINES}
local canonicals, crms = splitLines(ARGV[1]), splitLines(ARGV[2])
local seenCanonical, seenCrm, repeated = {}, {}, false
for j = 1, #canonicals do
  local canonical, crm = canonicals[j], crms[j]
  if seenCanonical[canonical] or seenCrm[crm] then repeated = true end
  seenCanonical[canonical] = true
  seenCrm[crm] = true
end
local changed = 0
if repeated then
  for j = 1, #canonicals do changed = changed + link(KEYS[1], KEYS[2], canonicals[j], crms[j]) end
  return changed
end
local STEP = 1000
local relink = {}
for from = 1, #canonicals, STEP do
  local to = math.min(#canonicals, from + STEP - 1)
  local previousCanonical = redis.call('HMGET', KEYS[1], unpack(crms, from, to))
  local previousCrm = redis.call('HMGET', KEYS[2], unpack(canonicals, from, to))
  local byCrm, byCanonical = {}, {}
  for j = from, to do
    local canonical, crm = canonicals[j], crms[j]
    local pc, pr = previousCanonical[j - from + 1], previousCrm[j - from + 1]
    if not pc and not pr then
      byCrm[#byCrm + 1] = crm
      byCrm[#byCrm + 1] = canonical
      byCanonical[#byCanonical + 1] = canonical
      byCanonical[#byCanonical + 1] = crm
      changed = changed + 1
    elseif not (pc == canonical and pr == crm) then
      relink[#relink + 1] = j
    end
  end
  if #byCrm > 0 then
    redis.call('HSET', KEYS[1], unpack(byCrm))
    redis.call('HSET', KEYS[2], unpack(byCanonical))
  end
end
for _, j in ipairs(relink) do changed = changed + link(KEYS[1], KEYS[2], canonicals[j], crms[j]) end
return changed
`;
const LINK_MANY_COMMAND = new LuaCommand('cosellLinkMany', 2, LINK_MANY);
const LINK_COMMAND = new LuaCommand('cosellLink', 2, LINK);

/** KEYS as LINK; ARGV[1] crm id. Removes the link of a deleted CRM record both ways. Returns 1 or 0. */
const UNLINK = `
local canonical = redis.call('HGET', KEYS[1], ARGV[1])
if not canonical then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HGET', KEYS[2], canonical) == ARGV[1] then redis.call('HDEL', KEYS[2], canonical) end
return 1
`;
const UNLINK_COMMAND = new LuaCommand('cosellUnlink', 2, UNLINK);

/** The crosswalk's two hashes of a connection's object: CRM id → canonical id, canonical id → CRM id. */
export function crosswalkKeys(prefix: string, connectionId: string, object: string): [string, string] {
  return [stateKey(prefix, 'xw', connectionId, object, 'crm'), stateKey(prefix, 'xw', connectionId, object, 'canonical')];
}

/**
 * The explicit links between canonical records and their copies in each CRM connection: (connection, object,
 * crm id) ⇄ canonical id. A record under the canonical id derived from its own CRM id has no entry here (its
 * link is implicit); read links through record-links.ts, which knows both.
 */
export class IdCrosswalk {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
    LINK_COMMAND.defineOn(redis);
    LINK_MANY_COMMAND.defineOn(redis);
  }

  #keys(connectionId: string, object: string): [string, string] {
    return crosswalkKeys(this.#prefix, connectionId, object);
  }

  async link(connectionId: string, object: string, canonicalId: string, crmId: string): Promise<boolean> {
    return (await LINK_COMMAND.run(this.#redis, this.#keys(connectionId, object), [canonicalId, crmId])) === 1;
  }

  /** Links many pairs of one connection's object in one round trip. */
  async linkMany(connectionId: string, object: string, pairs: readonly { canonicalId: string; crmId: string }[]): Promise<void> {
    if (pairs.length === 0) return;
    const keys = this.#keys(connectionId, object);
    for (let start = 0; start < pairs.length; start += 2_000) {
      const chunk = pairs.slice(start, start + 2_000);
      await LINK_MANY_COMMAND.run(this.#redis, keys, [joinLines(chunk.map((pair) => pair.canonicalId)), joinLines(chunk.map((pair) => pair.crmId))]);
    }
  }

  async unlink(connectionId: string, object: string, crmId: string): Promise<boolean> {
    return (await UNLINK_COMMAND.run(this.#redis, this.#keys(connectionId, object), [crmId])) === 1;
  }

  /** Canonical ids of CRM ids, in input order (undefined where not linked). */
  async canonicalIds(connectionId: string, object: string, crmIds: readonly string[]): Promise<(string | undefined)[]> {
    if (crmIds.length === 0) return [];
    const values = await this.#redis.hmget(this.#keys(connectionId, object)[0], ...crmIds);
    return values.map((value) => value ?? undefined);
  }

  /** CRM ids of canonical ids, in input order (undefined where that CRM has no copy). */
  async crmIds(connectionId: string, object: string, canonicalIds: readonly string[]): Promise<(string | undefined)[]> {
    if (canonicalIds.length === 0) return [];
    const values = await this.#redis.hmget(this.#keys(connectionId, object)[1], ...canonicalIds);
    return values.map((value) => value ?? undefined);
  }

  /** The canonical ids linked in a connection's object, a chunk at a time (links made or removed meanwhile may be left out). */
  async *scanCanonicalIds(connectionId: string, object: string, count = 1_000): AsyncGenerator<string[]> {
    const key = this.#keys(connectionId, object)[1];
    let cursor = '0';
    do {
      const [next, flat] = await this.#redis.hscan(key, cursor, 'COUNT', count);
      cursor = next;
      const ids = flat.filter((_, index) => index % 2 === 0);
      if (ids.length > 0) yield ids;
    } while (cursor !== '0');
  }

  /** Every link of a connection's object, CRM id → canonical id (small objects only: a partner directory). */
  async entries(connectionId: string, object: string): Promise<Map<string, string>> {
    return new Map(Object.entries(await this.#redis.hgetall(this.#keys(connectionId, object)[0])));
  }
}
