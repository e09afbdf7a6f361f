import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';
import { LuaCommand } from '../redis/lua-command.js';
import { LUA_SPLIT_LINES } from '../redis/lua-lists.js';
import { stableJson } from './stable-json.js';

/**
 * A canonical record is what each source connection c says of it: per kind and source one hash, canonical
 * id → JSON
 *   { m: modifiedAt, id: CRM id, v: { field: value as text (see encodeValue) }, t: { field: when it changed } }
 * where `t` is absent from a source's first document (every field changed at `m` then, but those first seen
 * blank, which have no time), and, in documents of layouts before 5, may hold such a default under '*' for the
 * fields of `v` it does not name. Leaving the times out of first documents (most of a first load) keeps a
 * tenth of the document's bytes off the wire, out of Redis's memory and out of every read's parse.
 * recordSource(hash, id, snapshot, fresh) records what one CRM says about the record; `snapshot` is
 * that JSON for the incoming snapshot, without times. A snapshot older than the stored one is ignored (events
 * arrive out of order); otherwise each field whose value differs gets the new value and change time (none for
 * a field first seen blank). One hash per kind and source, not one key per record: a page of a pass is
 * recorded naming a few keys and one list, and a write batch read with one HMGET per source, whatever their
 * number. A source seen for the first time (`fresh`, most of a first load) is stored as given in one HSETNX,
 * decoding and encoding nothing: every field changed, at the snapshot's time.
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
local function recordSource(hash, id, snapshot, fresh)
  if fresh == '1' and redis.call('HSETNX', hash, id, snapshot) == 1 then return 1 end
  local incoming = cjson.decode(snapshot)
  local modifiedAt, crmId = incoming.m, incoming.id
  local raw = redis.call('HGET', hash, id)
  local stored = { m = '', id = '', v = {}, t = {} }
  if raw then stored = cjson.decode(raw) end
  if raw and stored.m > modifiedAt then return { 'stale' } end
  if stored.t == nil then
    -- A source's first document, stored as sent: every field changed at its time, but those first seen blank.
    stored.t = {}
    for f, value in pairs(stored.v) do
      if value == 'null' then stored.t[f] = '' else stored.t[f] = stored.m end
    end
  end
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
  redis.call('HSET', hash, id, cjson.encode(stored))
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
/**
 * KEYS[1] the source's hash   KEYS[2] the kind's set of sources   ARGV[1] canonical id   ARGV[2] snapshot
 * ARGV[3] fresh ('1' or '0')   ARGV[4] the source's connection. One record; its caller routes it (no unrouted list).
 */
const RECORD_SOURCE = `${RECORD_SOURCE_BODY}
redis.call('SADD', KEYS[2], ARGV[4])
return recordSource(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
`;
/**
 * KEYS[1] the source's unrouted hash   KEYS[2] the source's hash   KEYS[3] the kind's set of sources
 * ARGV[1] connection   ARGV[2] one list (see lua-lists.ts): canonical id, fresh, snapshot of each record in turn
 * The same for a whole page in one call: per-call and per-argument overhead, not Redis, was what a page cost.
 * Returns  one result per record, as RECORD_SOURCE.
 */
const RECORD_SOURCES = `${RECORD_SOURCE_BODY}${NOTE_UNROUTED}${LUA_SPLIT_LINES}
local fields = splitLines(ARGV[2])
local results, unrouted = {}, {}
redis.call('SADD', KEYS[3], ARGV[1])
for at = 0, #fields - 3, 3 do
  local id = fields[at + 1]
  local result = stillUnrouted(recordSource(KEYS[2], id, fields[at + 3], fields[at + 2]), KEYS[1], id)
  results[#results + 1] = result
  if changedAny(result) then
    unrouted[#unrouted + 1] = id
    unrouted[#unrouted + 1] = '1'
  end
end
if #unrouted > 0 then redis.call('HSET', KEYS[1], unpack(unrouted)) end
return results
`;
/** Records per RECORD_SOURCES call: long enough to amortise the call, short enough not to hold Redis up. */
const RECORDS_PER_CALL = 250;
const RECORD_SOURCES_COMMAND = new LuaCommand('cosellRecordSources', 3, RECORD_SOURCES);
const RECORD_SOURCE_COMMAND = new LuaCommand('cosellRecordSource', 2, RECORD_SOURCE);
/**
 * KEYS[1] a source's hash   ARGV[1] scan cursor   ARGV[2] count
 * One HSCAN step returning the canonical ids only: the documents stay in Redis (a million of them would be
 * hundreds of megabytes on the wire, and Redis 7.0 has no NOVALUES). Returns { next cursor, ids }.
 */
const SCAN_IDS = `
local step = redis.call('HSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
local ids = {}
for at = 1, #step[2], 2 do ids[#ids + 1] = step[2][at] end
return { step[1], ids }
`;
const SCAN_IDS_COMMAND = new LuaCommand('cosellScanSourceIds', 1, SCAN_IDS);

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
 * Canonical records in Redis, each source's values with per-field change times — what two-way precedence
 * ("most recent wins") needs, and what makes echoes free: our own write, read back, matches what is stored
 * and changes nothing.
 */
export class CanonicalStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  /** The sources each kind was last seen to have (read again when Redis says one was added). */
  readonly #sources = new Map<string, readonly string[]>();

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
    RECORD_SOURCE_COMMAND.defineOn(redis);
    RECORD_SOURCES_COMMAND.defineOn(redis);
    SCAN_IDS_COMMAND.defineOn(redis);
  }

  #sourceKey(kind: string, connectionId: string): string {
    return canonicalSourceKey(this.#prefix, kind, connectionId);
  }

  #sourcesKey(kind: string): string {
    return canonicalSourcesKey(this.#prefix, kind);
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
    const encoded = encodeSnapshot(snapshot.values, snapshot.modifiedAt, snapshot.crmId);
    const result = await RECORD_SOURCE_COMMAND.run(this.#redis, [this.#sourceKey(kind, connectionId), this.#sourcesKey(kind)], [canonicalId, encoded, '1', connectionId]);
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
    const keys = [this.#unroutedKey(kind, connectionId), this.#sourceKey(kind, connectionId), this.#sourcesKey(kind)];
    const pipeline = this.#redis.pipeline();
    for (let start = 0; start < items.length; start += RECORDS_PER_CALL) {
      const end = Math.min(items.length, start + RECORDS_PER_CALL);
      const fields: string[] = [];
      for (let i = start; i < end; i += 1) {
        const item = items[i] as (typeof items)[number];
        if (item.canonicalId.includes('\n')) throw new TypeError(`canonical id ${JSON.stringify(item.canonicalId)} holds a line break`);
        // JSON text never holds a raw line break (JSON.stringify escapes them).
        fields.push(item.canonicalId, item.fresh === true ? '1' : '0', encodeSnapshot(item.values, item.modifiedAt, item.crmId));
      }
      RECORD_SOURCES_COMMAND.queue(pipeline, keys, [connectionId, fields.join('\n')]);
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
    return (await this.getMany(kind, [canonicalId]))[0];
  }

  /**
   * Many records in one call (a write batch), in input order; undefined where none is stored. With `only`,
   * just what those sources say (a record none of them has is undefined); otherwise every source's.
   */
  async getMany(kind: string, canonicalIds: readonly string[], only?: readonly string[]): Promise<(CanonicalRecord | undefined)[]> {
    if (canonicalIds.length === 0) return [];
    // One HMGET per source, not a Lua script joining the documents: joining them cost Redis five times the
    // reads themselves (the ids are sent as arguments, a microsecond each to the client, which is cheaper).
    // Sources the kind has never had are not read (a partner's own copies before account mapping found any):
    // the kind's sources are read in the same step, and a source added since this process looked is read too.
    const toRead = (present: readonly string[]): readonly string[] => (only ? only.filter((source) => present.includes(source)) : present);
    let known = this.#sources.get(kind) ?? (await this.#readSources(kind));
    for (;;) {
      if (known.length === 0) return canonicalIds.map(() => undefined);
      const sources = toRead(known);
      const read = await this.#read(kind, sources, canonicalIds);
      const now = read.sources.sort();
      this.#remember(kind, now);
      // Read again only when a source to read was added meanwhile (sources are only ever added).
      if (sameList(toRead(now), sources)) return parseRecords(canonicalIds, sources, read.documents);
      known = now;
    }
  }

  /** The kind's sources and each named source's documents of `ids` (null where it has none), in one transaction. */
  async #read(kind: string, sources: readonly string[], ids: readonly string[]): Promise<{ sources: string[]; documents: (string | null)[][] }> {
    const transaction = this.#redis.multi().smembers(this.#sourcesKey(kind));
    for (const source of sources) transaction.hmget(this.#sourceKey(kind, source), ...ids);
    const replies = ((await transaction.exec()) ?? []).map(([error, reply]) => {
      if (error) throw error;
      return reply as (string | null)[];
    });
    return { sources: replies[0] as string[], documents: replies.slice(1) };
  }

  async #readSources(kind: string): Promise<readonly string[]> {
    const sources = (await this.#redis.smembers(this.#sourcesKey(kind))).sort();
    this.#remember(kind, sources);
    return sources;
  }

  #remember(kind: string, sources: readonly string[]): void {
    // None is not remembered (a new kind, or Redis lost its data): the read's check only notices a source
    // added to a list it was given.
    if (sources.length > 0) this.#sources.set(kind, sources);
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

  /**
   * The CRM id each canonical record's document from one source names (undefined where that source has
   * none): the source's side of the record's link (see record-links.ts).
   */
  async sourceCrmIds(kind: string, connectionId: string, canonicalIds: readonly string[]): Promise<(string | undefined)[]> {
    if (canonicalIds.length === 0) return [];
    const documents = await this.#redis.hmget(this.#sourceKey(kind, connectionId), ...canonicalIds);
    return documents.map((document) => (document === null ? undefined : crmIdOf(document)));
  }

  /** Every document of one source as canonical id → the CRM id it names, in one read (small sources only). */
  async sourceCrmIdsAll(kind: string, connectionId: string): Promise<Map<string, string>> {
    const documents = await this.#redis.hgetall(this.#sourceKey(kind, connectionId));
    return new Map(Object.entries(documents).map(([canonicalId, document]) => [canonicalId, crmIdOf(document)]));
  }

  /** Every canonical id one source has documents of, in one reply (a whole connection read into memory anyway). */
  async sourceIds(kind: string, connectionId: string): Promise<string[]> {
    return this.#redis.hkeys(this.#sourceKey(kind, connectionId));
  }

  /** The canonical ids one source has documents of, a chunk at a time (ids added or dropped meanwhile may be left out). */
  async *scanSourceIds(kind: string, connectionId: string, count = 1_000): AsyncGenerator<string[]> {
    const key = this.#sourceKey(kind, connectionId);
    let cursor = '0';
    do {
      const [next, ids] = (await SCAN_IDS_COMMAND.run(this.#redis, [key], [cursor, count])) as [string, string[]];
      cursor = next;
      if (ids.length > 0) yield ids;
    } while (cursor !== '0');
  }

  /** Drops what one source said (its record was deleted there); the record is gone when no source has it. */
  async forgetSource(kind: string, canonicalId: string, connectionId: string): Promise<void> {
    await this.#redis.hdel(this.#sourceKey(kind, connectionId), canonicalId);
  }
}

/** Where one source's documents of one kind are kept (canonical id → document). */
export function canonicalSourceKey(prefix: string, kind: string, connectionId: string): string {
  return stateKey(prefix, 'canon-by-source', kind, connectionId);
}

/** The sources that ever kept documents of one kind (a set; only ever added to). */
export function canonicalSourcesKey(prefix: string, kind: string): string {
  return stateKey(prefix, 'canon-sources', kind);
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
 * values are equal (see encodeValue). No change times: stored as it is, it is a source's first document, whose
 * times follow from `m` (see RECORD_SOURCE_BODY); merged into a stored one, Lua sets them.
 */
function encodeSnapshot(values: Readonly<Record<string, unknown>>, modifiedAt: string, crmId: string): string {
  // Objects and JSON.stringify, not string concatenation: flat strings cost Redis's client far less to send.
  const v: Record<string, string> = {};
  for (const field of Object.keys(values)) v[field] = encodeValue(values[field]);
  return JSON.stringify({ m: modifiedAt, id: crmId, v });
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
  /** Absent in a source's first document: see parseSource. */
  t?: Record<string, string> | unknown[];
}

/** One stored value (see encodeValue); strings stored as JSON text by earlier versions too. */
function parseValue(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first === 39) return text.slice(1);
  if (first === 34 && !text.includes('\\')) return text.slice(1, -1);
  return text === 'null' ? null : (JSON.parse(text) as unknown);
}

/** Records from each source's documents of `ids` (null where it has none), in source order. */
function parseRecords(ids: readonly string[], sources: readonly string[], documents: readonly (readonly (string | null)[])[]): (CanonicalRecord | undefined)[] {
  return ids.map((id, index) => {
    let record: CanonicalRecord | undefined;
    for (const [at, source] of sources.entries()) {
      const document = documents[at]?.[index];
      if (document === null || document === undefined) continue;
      record ??= { id, sources: new Map() };
      record.sources.set(source, parseSource(document));
    }
    return record;
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** The CRM id a stored document names. */
function crmIdOf(document: string): string {
  return (JSON.parse(document) as Pick<StoredSource, 'id'>).id;
}

/** One source's stored document. */
function parseSource(document: string): SourceSnapshot {
  const stored = JSON.parse(document) as StoredSource;
  const values: Record<string, unknown> = {};
  // Lua's cjson writes an empty table as `{}` or `[]`: both mean "no fields".
  if (!Array.isArray(stored.v)) for (const field of Object.keys(stored.v)) values[field] = parseValue(stored.v[field] as string);
  const changedAt: Record<string, string> = {};
  if (stored.t === undefined) {
    // A source's first document, stored as sent: every field changed at its time, but those first seen blank.
    for (const field of Object.keys(values)) if (values[field] !== null) changedAt[field] = stored.m;
  } else if (!Array.isArray(stored.t)) {
    const times = stored.t;
    const byDefault = times['*'];
    if (byDefault !== undefined) for (const field of Object.keys(values)) if (!(field in times) && byDefault !== '') changedAt[field] = byDefault;
    for (const field of Object.keys(times)) {
      const at = times[field] as string;
      if (at !== '' && field !== '*') changedAt[field] = at;
    }
  }
  return { crmId: stored.id, modifiedAt: stored.m, values, changedAt };
}
