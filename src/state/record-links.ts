import type { Redis } from 'ioredis';
import { LuaCommand } from '../redis/lua-command.js';
import { joinLines, LUA_SPLIT_LINES } from '../redis/lua-lists.js';
import { canonicalIdFor } from './canonical-ids.js';
import { canonicalSourceKey, type CanonicalStore } from './canonical-store.js';
import { crosswalkKeys, type IdCrosswalk } from './id-crosswalk.js';

/**
 * KEYS[1] the crosswalk's hash CRM id → canonical id   KEYS[2] the source's documents (canonical id → JSON)
 * ARGV[1] CRM ids   ARGV[2] the canonical id derived from each (lists, see lua-lists.ts)
 * Each CRM id's canonical id: its entry, else the derived id when the document under it names this CRM id,
 * else ''. One round trip for a page: the reader's lookup waits behind the writer's commands in Redis, so a
 * second one would cost every page that wait again. Documents are decoded only for ids without an entry that
 * have one (none on a first load).
 */
const CANONICAL_IDS = `${LUA_SPLIT_LINES}
local crmIds, derived = splitLines(ARGV[1]), splitLines(ARGV[2])
local result = {}
local STEP = 1000
for from = 1, #crmIds, STEP do
  local to = math.min(#crmIds, from + STEP - 1)
  local linked = redis.call('HMGET', KEYS[1], unpack(crmIds, from, to))
  local missing, wanted = {}, {}
  for i = from, to do
    local canonical = linked[i - from + 1]
    if canonical then result[i] = canonical else
      result[i] = ''
      missing[#missing + 1] = i
      wanted[#wanted + 1] = derived[i]
    end
  end
  if #wanted > 0 then
    local documents = redis.call('HMGET', KEYS[2], unpack(wanted))
    for at, i in ipairs(missing) do
      local document = documents[at]
      if document and cjson.decode(document).id == crmIds[i] then result[i] = derived[i] end
    end
  end
end
return result
`;
const CANONICAL_IDS_COMMAND = new LuaCommand('cosellLinkedCanonicalIds', 2, CANONICAL_IDS);

/**
 * Which CRM record is which canonical record, in each connection. Most records are first seen in a CRM and
 * take the canonical id derived from where they came from (canonical-ids.ts); in that connection their link
 * is implicit: the id derives from the CRM id, and the source's document under it names the CRM id. Only the
 * other links are kept in the crosswalk: copies the engine wrote, records carrying our external id, links
 * made by hand or moved by a merge. A first load thus writes no link for the records it reads (it was a
 * crosswalk entry both ways for each), and every reader of links asks here, never the crosswalk alone.
 *
 * An implicit link lasts as long as the source's document: a record removed in its CRM loses both at once
 * (the removal forgets the source), and a record moved onto another canonical record (an opportunity link)
 * has its old document forgotten first. A crosswalk entry wins over an implicit link.
 */
export class RecordLinks {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #crosswalk: IdCrosswalk;
  readonly #canonical: CanonicalStore;

  constructor(redis: Redis, prefix: string, crosswalk: IdCrosswalk, canonical: CanonicalStore) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#crosswalk = crosswalk;
    this.#canonical = canonical;
    CANONICAL_IDS_COMMAND.defineOn(redis);
  }

  /** True when this link needs no crosswalk entry: the canonical id is the one derived from the CRM id. */
  isImplicit(kind: string, connectionId: string, object: string, canonicalId: string, crmId: string): boolean {
    return canonicalId === canonicalIdFor(kind, connectionId, object, crmId);
  }

  /**
   * The canonical ids of a connection's CRM records, in input order (undefined where not linked).
   * `derivedIds`, when the caller has them, are canonicalIdFor of each CRM id (saves hashing them again).
   */
  async canonicalIds(connectionId: string, object: string, kind: string, crmIds: readonly string[], derivedIds?: readonly string[]): Promise<(string | undefined)[]> {
    if (crmIds.length === 0) return [];
    const derived = derivedIds ?? crmIds.map((crmId) => canonicalIdFor(kind, connectionId, object, crmId));
    const keys = [crosswalkKeys(this.#prefix, connectionId, object)[0], canonicalSourceKey(this.#prefix, kind, connectionId)];
    const found = (await CANONICAL_IDS_COMMAND.run(this.#redis, keys, [joinLines(crmIds), joinLines(derived)])) as string[];
    return found.map((canonicalId) => (canonicalId === '' ? undefined : canonicalId));
  }

  /** The CRM ids of canonical records in a connection, in input order (undefined where it has no copy). */
  async crmIds(connectionId: string, object: string, kind: string, canonicalIds: readonly string[]): Promise<(string | undefined)[]> {
    const linked = await this.#crosswalk.crmIds(connectionId, object, canonicalIds);
    const missing = indexesOf(linked, undefined);
    if (missing.length === 0) return linked;
    const described = await this.#canonical.sourceCrmIds(kind, connectionId, missing.map((index) => canonicalIds[index] as string));
    missing.forEach((index, at) => {
      const crmId = described[at];
      if (crmId !== undefined && this.isImplicit(kind, connectionId, object, canonicalIds[index] as string, crmId)) linked[index] = crmId;
    });
    return linked;
  }

  /**
   * The canonical ids linked in a connection's object, a chunk at a time: the crosswalk's, then those the
   * source has documents of and the crosswalk does not name (the implicit links). Ids linked or dropped
   * meanwhile may be left out, or come twice.
   */
  async *scanCanonicalIds(connectionId: string, object: string, kind: string): AsyncGenerator<string[]> {
    yield* this.#crosswalk.scanCanonicalIds(connectionId, object);
    for await (const ids of this.#canonical.scanSourceIds(kind, connectionId)) {
      const explicit = await this.#crosswalk.crmIds(connectionId, object, ids);
      const implicit = ids.filter((_, index) => explicit[index] === undefined);
      if (implicit.length > 0) yield implicit;
    }
  }

  /** Whether each CRM record is linked to the canonical record paired with it, implicitly or in the crosswalk. */
  async holds(connectionId: string, object: string, kind: string, pairs: readonly { canonicalId: string; crmId: string }[]): Promise<boolean[]> {
    const held = pairs.map((pair) => this.isImplicit(kind, connectionId, object, pair.canonicalId, pair.crmId));
    const toAsk = indexesOf(held, false);
    if (toAsk.length === 0) return held;
    const linked = await this.#crosswalk.canonicalIds(connectionId, object, toAsk.map((index) => (pairs[index] as { crmId: string }).crmId));
    toAsk.forEach((index, at) => {
      held[index] = linked[at] === pairs[index]?.canonicalId;
    });
    return held;
  }

  /** Every link of a connection's object, CRM id → canonical id (small objects only: a partner directory). */
  async entries(connectionId: string, object: string, kind: string): Promise<Map<string, string>> {
    const links = new Map<string, string>();
    for (const [canonicalId, crmId] of await this.#canonical.sourceCrmIdsAll(kind, connectionId)) {
      if (this.isImplicit(kind, connectionId, object, canonicalId, crmId)) links.set(crmId, canonicalId);
    }
    // The crosswalk's links win over what a source's documents say.
    for (const [crmId, canonicalId] of await this.#crosswalk.entries(connectionId, object)) links.set(crmId, canonicalId);
    return links;
  }
}

function indexesOf<T>(values: readonly T[], wanted: T): number[] {
  const found: number[] = [];
  values.forEach((value, index) => {
    if (value === wanted) found.push(index);
  });
  return found;
}
