import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';
import { LuaCommand } from '../redis/lua-command.js';
import { joinLines, LUA_SPLIT_LINES } from '../redis/lua-lists.js';
import { canonicalSourceKey, canonicalSourcesKey } from './canonical-store.js';

/**
 * KEYS[1] the kind's set of sources   KEYS[2..S+1] the sources' hashes   KEYS[S+2..] records' hashes of the
 * earlier layout (one per record, a field `s|<source>` per source)
 * ARGV[1] the sources, ARGV[2] the records' canonical ids, each one list (see lua-lists.ts)
 * Moves each record's documents into its sources' hashes and deletes the record's key. A document already
 * in a source's hash stays (HSETNX): only a build of this layout wrote it, after the one moved here.
 * Returns how many records moved, or an error naming a source the caller did not declare (it reads again).
 */
const MOVE = `${LUA_SPLIT_LINES}
local sources, ids = splitLines(ARGV[1]), splitLines(ARGV[2])
local hashOf = {}
for s = 1, #sources do hashOf[sources[s]] = KEYS[s + 1] end
local records = {}
-- Checked first, written after: a call refused for an undeclared source changes nothing.
for i = 1, #ids do
  local flat = redis.call('HGETALL', KEYS[#sources + 1 + i])
  for j = 1, #flat, 2 do
    local field = flat[j]
    if string.sub(field, 1, 2) == 's|' and not hashOf[string.sub(field, 3)] then return redis.error_reply('UNDECLARED source ' .. string.sub(field, 3)) end
  end
  records[i] = flat
end
for i = 1, #ids do
  local flat = records[i]
  for j = 1, #flat, 2 do
    local field = flat[j]
    if string.sub(field, 1, 2) == 's|' then redis.call('HSETNX', hashOf[string.sub(field, 3)], ids[i], flat[j + 1]) end
  end
  redis.call('DEL', KEYS[#sources + 1 + i])
end
if #sources > 0 then redis.call('SADD', KEYS[1], unpack(sources)) end
return #ids
`;
const MOVE_COMMAND = new LuaCommand('cosellMoveCanonicalDocuments', undefined, MOVE);

/** Records moved per call. */
const RECORDS_PER_CALL = 200;

/**
 * Moves the canonical documents of the layout before state version 3 (one Redis hash per record) into
 * the current one (one hash per kind and source; see canonical-store.ts). Safe to run again, and by
 * several processes at once: each call moves whole records, and records moved are gone from the old layout.
 * Returns how many records it moved.
 */
export async function moveCanonicalDocuments(redis: Redis, prefix: string): Promise<number> {
  const recordPrefix = `${stateKey(prefix, 'canon')}:`;
  let moved = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(recordPrefix)}*`, 'COUNT', 1_000);
    cursor = next;
    const byKind = new Map<string, { key: string; id: string }[]>();
    for (const key of keys) {
      // <prefix>:canon:<kind>:<canonical id>
      const rest = key.slice(recordPrefix.length);
      const colon = rest.indexOf(':');
      if (colon <= 0) continue;
      const kind = rest.slice(0, colon);
      const records = byKind.get(kind) ?? [];
      records.push({ key, id: rest.slice(colon + 1) });
      byKind.set(kind, records);
    }
    for (const [kind, records] of byKind) {
      for (let start = 0; start < records.length; start += RECORDS_PER_CALL) moved += await moveRecords(redis, prefix, kind, records.slice(start, start + RECORDS_PER_CALL));
    }
  } while (cursor !== '0');
  return moved;
}

async function moveRecords(redis: Redis, prefix: string, kind: string, records: readonly { key: string; id: string }[]): Promise<number> {
  // Twice at most: a source appears between reading the fields and moving them only if another process writes
  // the earlier layout meanwhile, which an upgrade rules out (every earlier worker is stopped first).
  for (let attempt = 1; ; attempt += 1) {
    const pipeline = redis.pipeline();
    for (const record of records) pipeline.hkeys(record.key);
    const sources = new Set<string>();
    for (const [error, fields] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      for (const field of fields as string[]) if (field.startsWith('s|')) sources.add(field.slice(2));
    }
    const names = [...sources];
    const keys = [canonicalSourcesKey(prefix, kind), ...names.map((source) => canonicalSourceKey(prefix, kind, source)), ...records.map((record) => record.key)];
    try {
      return Number(await MOVE_COMMAND.run(redis, [], [keys.length, ...keys, joinLines(names), joinLines(records.map((record) => record.id))]));
    } catch (error) {
      if (attempt >= 2 || !String(error).includes('UNDECLARED')) throw error;
    }
  }
}

/** A literal for SCAN's MATCH pattern. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
