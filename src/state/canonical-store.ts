import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';
import { LuaCommand } from '../redis/lua-command.js';
import { LUA_SPLIT_LINES } from '../redis/lua-lists.js';
import { stableJson } from './stable-json.js';

/**
 * A canonical record: one hash per record, one field per source connection c, `s|c` = JSON
 *   { m: modifiedAt, id: CRM id, v: { field: value as text (see encodeValue) }, t: { field: when it changed } }
 * where `t` may hold a default under '*' for the fields of `v` it does not name (a source's first
 * snapshot: every field changed then, but those first seen blank, which have no time: '').
 * recordSource(key, connection, snapshot, fresh) records what one CRM says about the record; `snapshot` is
 * that JSON for the incoming snapshot (its `t` only needed when fresh). A snapshot older than the stored one
 * is ignored (events arrive out of order); otherwise each field whose value differs gets the new value and
 * change time (none for a field first seen blank). One document per source keeps a page of a pass to one
 * short call per record. A source seen for the first time (`fresh`, most of a first load) is stored as
 * given in one HSETNX, decoding and encoding nothing: every field changed, with the times it carries, which
 * the caller set by the same rule.
 * Returns  the names of the fields that changed (empty for a repeat or our own write read back), 1 when
 *          the source was new (every field of the snapshot changed), or { 'stale' } when the snapshot is
 *          older than the stored one.
 */
const RECORD_SOURCE_BODY = `
-- Values are compared as text. A string stored by an earlier version as JSON ('"text"') equals the same
-- string as now sent ("'text"): an upgrade alone changes no field and moves no change time.
local function sameValue(previous, value)
  if previous == value then return true end
  if previous == nil or string.byte(previous, 1) ~= 34 or string.byte(value, 1) ~= 39 then return false end
  local ok, decoded = pcall(cjson.decode, previous)
  return ok and decoded == string.sub(value, 2)
end
local function recordSource(key, connection, snapshot, fresh)
  local field = 's|' .. connection
  if fresh == '1' and redis.call('HSETNX', key, field, snapshot) == 1 then return 1 end
  local incoming = cjson.decode(snapshot)
  local modifiedAt, crmId = incoming.m, incoming.id
  local raw = redis.call('HGET', key, field)
  local stored = { m = '', id = '', v = {}, t = {} }
  if raw then stored = cjson.decode(raw) end
  if raw and stored.m > modifiedAt then return { 'stale' } end
  local default = stored.t['*']
  if default then
    for f in pairs(stored.v) do
      if stored.t[f] == nil then stored.t[f] = default end
    end
    stored.t['*'] = nil
  end
  local changed = {}
  for f, value in pairs(incoming.v) do
    local previous = stored.v[f]
    if not sameValue(previous, value) then
      -- A field first seen blank was never set: it has no change time, so it never outranks a real value.
      if previous == nil and value == 'null' then stored.t[f] = '' else stored.t[f] = modifiedAt end
      stored.v[f] = value
      changed[#changed + 1] = f
    end
  end
  -- A repeat (same snapshot read again) changes nothing: no need to write the document back.
  if #changed == 0 and raw and stored.m == modifiedAt and stored.id == crmId then return changed end
  stored.m = modifiedAt
  stored.id = crmId
  redis.call('HSET', key, field, cjson.encode(stored))
  return changed
end
`;
/**
 * A change is not done until it has been routed (marked waiting for its targets): the ids of records that
 * changed go into the source's `unrouted` hash in the same call, and leave it only once routed, so a
 * crash or a lost connection between the two is routed by the next pass instead of being lost. A record
 * read again while still unrouted (the same page repeated, a command resent after a reconnect) counts as
 * changed again: 1, every field.
 */
const NOTE_UNROUTED = `
local function changedAny(result)
  return result == 1 or (type(result) == 'table' and #result > 0 and result[1] ~= 'stale')
end
local function stillUnrouted(result, unroutedKey, id)
  if type(result) == 'table' and #result == 0 and redis.call('HEXISTS', unroutedKey, id) == 1 then return 1 end
  return result
end
`;
/** KEYS[1] record   ARGV[1] connection   ARGV[2] snapshot   ARGV[3] fresh ('1' or '0'). One record; its caller routes it (no unrouted list). */
const RECORD_SOURCE = `${RECORD_SOURCE_BODY}
return recordSource(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
`;
/**
 * KEYS[1] the source's unrouted hash   KEYS[2..n+1] the records' hashes   ARGV[1] connection
 * ARGV[2] one list (see lua-lists.ts): canonical id, fresh, snapshot of each record in turn
 * The same for a whole page in one call: per-call and per-argument overhead, not Redis, was what a page cost.
 * Returns  one result per record, as RECORD_SOURCE.
 */
const RECORD_SOURCES = `${RECORD_SOURCE_BODY}${NOTE_UNROUTED}${LUA_SPLIT_LINES}
local fields = splitLines(ARGV[2])
local results, unrouted = {}, {}
for i = 2, #KEYS do
  local at = (i - 2) * 3
  local result = stillUnrouted(recordSource(KEYS[i], ARGV[1], fields[at + 3], fields[at + 2]), KEYS[1], fields[at + 1])
  results[i - 1] = result
  if changedAny(result) then
    unrouted[#unrouted + 1] = fields[at + 1]
    unrouted[#unrouted + 1] = '1'
  end
end
if #unrouted > 0 then redis.call('HSET', KEYS[1], unpack(unrouted)) end
return results
`;
/** Records per RECORD_SOURCES call: long enough to amortise the call, short enough not to hold Redis up. */
const RECORDS_PER_CALL = 250;
const RECORD_SOURCES_COMMAND = new LuaCommand('cosellRecordSources', undefined, RECORD_SOURCES);
const RECORD_SOURCE_COMMAND = new LuaCommand('cosellRecordSource', 1, RECORD_SOURCE);

/**
 * KEYS[1..n] records' hashes. Returns every field and value of each (HGETALL), in order, as one list (see
 * lua-lists.ts): for each record its number of items, then its fields and values. A batch in one call and
 * one reply string, not a reply of nested arrays. Stored documents are JSON: they never hold a line break.
 */
const GET_MANY = `
local out = {}
for i = 1, #KEYS do
  local flat = redis.call('HGETALL', KEYS[i])
  out[#out + 1] = #flat
  for j = 1, #flat do
    if string.find(flat[j], '\\n', 1, true) then return redis.error_reply('canonical record ' .. KEYS[i] .. ' holds a line break') end
    out[#out + 1] = flat[j]
  end
end
return table.concat(out, '\\n')
`;
const GET_MANY_COMMAND = new LuaCommand('cosellCanonicalGetMany', undefined, GET_MANY);

export interface SourceSnapshot {
  crmId: string;
  modifiedAt: string;
  values: Record<string, unknown>;
  /** When each field last changed on this source. */
  changedAt: Record<string, string>;
}

/** A canonical record as every connected CRM last described it. */
export interface CanonicalRecord {
  id: string;
  sources: Map<string, SourceSnapshot>;
}

export type RecordOutcome = { status: 'changed'; fields: string[] } | { status: 'unchanged' } | { status: 'stale' };

/**
 * Canonical records in Redis, one hash per record, holding each source's values with per-field change
 * times — what two-way precedence ("most recent wins") needs, and what makes echoes free: our own write,
 * read back, matches what is stored and changes nothing.
 */
export class CanonicalStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
    RECORD_SOURCE_COMMAND.defineOn(redis);
    RECORD_SOURCES_COMMAND.defineOn(redis);
    GET_MANY_COMMAND.defineOn(redis);
  }

  #key(kind: string, id: string): string {
    return stateKey(this.#prefix, 'canon', kind, id);
  }

  #unroutedKey(kind: string, connectionId: string): string {
    return stateKey(this.#prefix, 'unrouted', connectionId, kind);
  }

  /** What one CRM says about one record (its caller routes the change; see recordSources for a pass's pages). */
  async recordSource(
    kind: string,
    canonicalId: string,
    connectionId: string,
    snapshot: { crmId: string; modifiedAt: string; values: Readonly<Record<string, unknown>> },
  ): Promise<RecordOutcome> {
    const encoded = encodeSnapshot(snapshot.values, snapshot.modifiedAt, snapshot.crmId, true);
    const result = await RECORD_SOURCE_COMMAND.run(this.#redis, [this.#key(kind, canonicalId)], [connectionId, encoded, '1']);
    return toOutcome(result, snapshot.values);
  }

  /**
   * recordSource for many records of one source in one round trip (a page of a sync pass). `fresh` says a
   * record is probably not stored for this source yet (no link in the crosswalk): it is first tried as a
   * one-step insert, which a first load is made of. The hint only saves work; a wrong one changes nothing.
   * Changed records are also listed as unrouted until `routed` (see NOTE_UNROUTED).
   */
  async recordSources(
    kind: string,
    connectionId: string,
    items: readonly { canonicalId: string; crmId: string; modifiedAt: string; values: Readonly<Record<string, unknown>>; fresh?: boolean }[],
  ): Promise<RecordOutcome[]> {
    if (items.length === 0) return [];
    const pipeline = this.#redis.pipeline();
    for (let start = 0; start < items.length; start += RECORDS_PER_CALL) {
      const end = Math.min(items.length, start + RECORDS_PER_CALL);
      // A varying number of keys: the key count goes first, as EVALSHA's own numkeys.
      const args: (string | number)[] = [end - start + 1, this.#unroutedKey(kind, connectionId)];
      const fields: string[] = [];
      for (let i = start; i < end; i += 1) {
        const item = items[i] as (typeof items)[number];
        args.push(this.#key(kind, item.canonicalId));
        if (item.canonicalId.includes('\n')) throw new TypeError(`canonical id ${JSON.stringify(item.canonicalId)} holds a line break`);
        // JSON text never holds a raw line break (JSON.stringify escapes them).
        fields.push(item.canonicalId, item.fresh === true ? '1' : '0', encodeSnapshot(item.values, item.modifiedAt, item.crmId, item.fresh === true));
      }
      args.push(connectionId, fields.join('\n'));
      RECORD_SOURCES_COMMAND.queue(pipeline, [], args);
    }
    const results = (await pipeline.exec()) ?? [];
    const outcomes: RecordOutcome[] = [];
    for (const [error, result] of results) {
      if (error) throw error;
      if (!Array.isArray(result)) continue;
      for (const one of result) outcomes.push(toOutcome(one, items[outcomes.length]?.values ?? {}));
    }
    return outcomes;
  }

  async get(kind: string, canonicalId: string): Promise<CanonicalRecord | undefined> {
    const raw = await this.#redis.hgetall(this.#key(kind, canonicalId));
    const flat: string[] = [];
    for (const [field, value] of Object.entries(raw)) flat.push(field, value);
    return parseRecord(canonicalId, flat, 0, flat.length);
  }

  /** Many records in one call (a write batch), in input order; undefined where none is stored. */
  async getMany(kind: string, canonicalIds: readonly string[]): Promise<(CanonicalRecord | undefined)[]> {
    if (canonicalIds.length === 0) return [];
    const args: (string | number)[] = [canonicalIds.length];
    for (const id of canonicalIds) args.push(this.#key(kind, id));
    const reply = await GET_MANY_COMMAND.run(this.#redis, [], args);
    const items = String(reply).split('\n');
    const records: (CanonicalRecord | undefined)[] = [];
    let at = 0;
    for (const id of canonicalIds) {
      const count = Number(items[at]);
      records.push(parseRecord(id, items, at + 1, count));
      at += 1 + count;
    }
    return records;
  }

  /**
   * Records of one source whose changes were recorded but not yet routed (a pass stopped in between), at
   * most `limit`; `routed` takes them off once their targets have them waiting.
   */
  async unrouted(kind: string, connectionId: string, limit: number): Promise<string[]> {
    const ids = await this.#redis.hrandfield(this.#unroutedKey(kind, connectionId), limit);
    return Array.isArray(ids) ? ids.map(String) : [];
  }

  async routed(kind: string, connectionId: string, canonicalIds: readonly string[]): Promise<void> {
    if (canonicalIds.length > 0) await this.#redis.hdel(this.#unroutedKey(kind, connectionId), ...canonicalIds);
  }

  /** Drops what one source said (its record was deleted there); the record goes when no source is left. */
  async forgetSource(kind: string, canonicalId: string, connectionId: string): Promise<void> {
    await this.#redis.hdel(this.#key(kind, canonicalId), `s|${connectionId}`);
  }
}

function toOutcome(result: unknown, values: Readonly<Record<string, unknown>>): RecordOutcome {
  // 1: the source was new, so every field it sent changed.
  if (result === 1) {
    const fields = Object.keys(values);
    return fields.length === 0 ? { status: 'unchanged' } : { status: 'changed', fields };
  }
  const fields = Array.isArray(result) ? result.map(String) : [];
  if (fields[0] === 'stale') return { status: 'stale' };
  return fields.length === 0 ? { status: 'unchanged' } : { status: 'changed', fields };
}

/**
 * A snapshot as the JSON the store keeps: each value as text that compares equal in Lua exactly when the
 * values are equal (see encodeValue); with `withTimes` (a source seen for the first time), the change
 * times too: the snapshot's time for every field ('*'), none ('') for a field first seen blank.
 */
function encodeSnapshot(values: Readonly<Record<string, unknown>>, modifiedAt: string, crmId: string, withTimes: boolean): string {
  // Objects and JSON.stringify, not string concatenation: flat strings cost Redis's client far less to send.
  const v: Record<string, string> = {};
  const t: Record<string, string> = { '*': modifiedAt };
  for (const field of Object.keys(values)) {
    const text = encodeValue(values[field]);
    v[field] = text;
    if (text === 'null') t[field] = '';
  }
  return JSON.stringify(withTimes ? { m: modifiedAt, id: crmId, v, t } : { m: modifiedAt, id: crmId, v });
}

/**
 * One value as stored text: a string as itself after an apostrophe (no JSON text starts with one), anything
 * else as stable JSON (equal objects give equal text whatever their key order). Strings, most values, so
 * cost no JSON encoding of their own and no second escaping inside the document. Earlier versions stored
 * strings as JSON text ('"text"'); parseValue reads both, and the Lua compare treats them as equal.
 */
function encodeValue(value: unknown): string {
  return typeof value === 'string' ? `'${value}` : stableJson(value);
}

interface StoredSource {
  m: string;
  id: string;
  v: Record<string, string> | unknown[];
  t: Record<string, string> | unknown[];
}

/** One stored value (see encodeValue); strings stored as JSON text by earlier versions too. */
function parseValue(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first === 39) return text.slice(1);
  if (first === 34 && !text.includes('\\')) return text.slice(1, -1);
  return text === 'null' ? null : (JSON.parse(text) as unknown);
}

/** A record from its hash as HGETALL lists it (field, value, field, value, …): `count` items from `start`. */
function parseRecord(id: string, flat: readonly string[], start: number, count: number): CanonicalRecord | undefined {
  const sources = new Map<string, SourceSnapshot>();
  for (let i = start; i + 1 < start + count; i += 2) {
    const key = String(flat[i]);
    if (!key.startsWith('s|')) continue;
    const stored = JSON.parse(String(flat[i + 1])) as StoredSource;
    const values: Record<string, unknown> = {};
    // Lua's cjson writes an empty table as `{}` or `[]`: both mean "no fields".
    if (!Array.isArray(stored.v)) for (const field of Object.keys(stored.v)) values[field] = parseValue(stored.v[field] as string);
    const changedAt: Record<string, string> = {};
    if (!Array.isArray(stored.t)) {
      const times = stored.t;
      const byDefault = times['*'];
      if (byDefault !== undefined) for (const field of Object.keys(values)) if (!(field in times) && byDefault !== '') changedAt[field] = byDefault;
      for (const field of Object.keys(times)) {
        const at = times[field] as string;
        if (at !== '' && field !== '*') changedAt[field] = at;
      }
    }
    sources.set(key.slice(2), { crmId: stored.id, modifiedAt: stored.m, values, changedAt });
  }
  return sources.size === 0 ? undefined : { id, sources };
}
