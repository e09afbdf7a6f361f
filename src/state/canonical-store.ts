import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';
import { LuaCommand } from '../redis/lua-command.js';
import { stableJson } from './stable-json.js';

/**
 * KEYS[1]  hash of one canonical record: one field per source connection c, `s|c` = JSON
 *          { m: modifiedAt, id: CRM id, v: { field: value as stable JSON text }, t: { field: when it changed } }
 * ARGV[1]  connection   ARGV[2]  modifiedAt (ISO UTC ms)   ARGV[3]  CRM id
 * ARGV[4]  JSON object { field: value as stable JSON text }
 * Records what one CRM says about the record. A snapshot older than the stored one is ignored (events
 * arrive out of order); otherwise each field whose value differs gets the new value and change time (none
 * for a field first seen blank). One document per source keeps a page of a pass to one short call per record.
 * Returns  the names of the fields that changed (empty for a repeat or our own write read back), or
 *          { 'stale' } when the snapshot is older than the stored one.
 */
const RECORD_SOURCE_BODY = `
local function recordSource(key, connection, modifiedAt, crmId, valuesJson)
  local field = 's|' .. connection
  local raw = redis.call('HGET', key, field)
  local stored = { m = '', id = '', v = {}, t = {} }
  if raw then stored = cjson.decode(raw) end
  if raw and stored.m > modifiedAt then return { 'stale' } end
  local incoming = cjson.decode(valuesJson)
  local changed = {}
  for f, value in pairs(incoming) do
    local previous = stored.v[f]
    if previous ~= value then
      -- A field first seen blank was never set: it has no change time, so it never outranks a real value.
      if previous == nil and value == 'null' then stored.t[f] = '' else stored.t[f] = modifiedAt end
      stored.v[f] = value
      changed[#changed + 1] = f
    end
  end
  stored.m = modifiedAt
  stored.id = crmId
  redis.call('HSET', key, field, cjson.encode(stored))
  return changed
end
`;
const RECORD_SOURCE = `${RECORD_SOURCE_BODY}
return recordSource(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
`;
/**
 * KEYS[1..n] the records' hashes   ARGV[1] connection   ARGV[2 + 3(i-1) ..] modifiedAt, CRM id, values of record i
 * The same for a whole page in one call: per-call overhead, not Redis, was what a page of a pass cost.
 * Returns  one result per record, as RECORD_SOURCE.
 */
const RECORD_SOURCES = `${RECORD_SOURCE_BODY}
local results = {}
for i = 1, #KEYS do
  local at = 2 + (i - 1) * 3
  results[i] = recordSource(KEYS[i], ARGV[1], ARGV[at], ARGV[at + 1], ARGV[at + 2])
end
return results
`;
/** Records per RECORD_SOURCES call: long enough to amortise the call, short enough not to hold Redis up. */
const RECORDS_PER_CALL = 250;
const RECORD_SOURCES_COMMAND = new LuaCommand('cosellRecordSources', undefined, RECORD_SOURCES);
const RECORD_SOURCE_COMMAND = new LuaCommand('cosellRecordSource', 1, RECORD_SOURCE);

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
  }

  #key(kind: string, id: string): string {
    return stateKey(this.#prefix, 'canon', kind, id);
  }

  async recordSource(
    kind: string,
    canonicalId: string,
    connectionId: string,
    snapshot: { crmId: string; modifiedAt: string; values: Readonly<Record<string, unknown>> },
  ): Promise<RecordOutcome> {
    const result = await RECORD_SOURCE_COMMAND.run(this.#redis, [this.#key(kind, canonicalId)], [connectionId, snapshot.modifiedAt, snapshot.crmId, encodeValues(snapshot.values)]);
    return toOutcome(result);
  }

  /** recordSource for many records of one source in one round trip (a page of a sync pass). */
  async recordSources(
    kind: string,
    connectionId: string,
    items: readonly { canonicalId: string; crmId: string; modifiedAt: string; values: Readonly<Record<string, unknown>> }[],
  ): Promise<RecordOutcome[]> {
    if (items.length === 0) return [];
    const pipeline = this.#redis.pipeline();
    for (let start = 0; start < items.length; start += RECORDS_PER_CALL) {
      const chunk = items.slice(start, start + RECORDS_PER_CALL);
      // A varying number of keys: the key count goes first, as EVALSHA's own numkeys.
      RECORD_SOURCES_COMMAND.queue(pipeline, [], [chunk.length, ...chunk.map((item) => this.#key(kind, item.canonicalId)), connectionId, ...chunk.flatMap((item) => [item.modifiedAt, item.crmId, encodeValues(item.values)])]);
    }
    const results = (await pipeline.exec()) ?? [];
    return results.flatMap(([error, result]) => {
      if (error) throw error;
      return (Array.isArray(result) ? result : []).map(toOutcome);
    });
  }

  async get(kind: string, canonicalId: string): Promise<CanonicalRecord | undefined> {
    const raw = await this.#redis.hgetall(this.#key(kind, canonicalId));
    return parseRecord(canonicalId, raw);
  }

  async getMany(kind: string, canonicalIds: readonly string[]): Promise<(CanonicalRecord | undefined)[]> {
    const pipeline = this.#redis.pipeline();
    for (const id of canonicalIds) pipeline.hgetall(this.#key(kind, id));
    const results = (await pipeline.exec()) ?? [];
    return canonicalIds.map((id, index) => {
      const value: unknown = results[index]?.[1];
      return typeof value === 'object' && value !== null ? parseRecord(id, Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]))) : undefined;
    });
  }

  /** Drops what one source said (its record was deleted there); the record goes when no source is left. */
  async forgetSource(kind: string, canonicalId: string, connectionId: string): Promise<void> {
    await this.#redis.hdel(this.#key(kind, canonicalId), `s|${connectionId}`);
  }
}

function toOutcome(result: unknown): RecordOutcome {
  const fields = Array.isArray(result) ? result.map(String) : [];
  if (fields[0] === 'stale') return { status: 'stale' };
  return fields.length === 0 ? { status: 'unchanged' } : { status: 'changed', fields };
}

/** Each value as stable JSON text, so equal values compare equal as strings in Lua whatever their key order. */
function encodeValues(values: Readonly<Record<string, unknown>>): string {
  const encoded: Record<string, string> = {};
  for (const [field, value] of Object.entries(values)) encoded[field] = stableJson(value ?? null);
  return JSON.stringify(encoded);
}

interface StoredSource {
  m: string;
  id: string;
  v: Record<string, string> | unknown[];
  t: Record<string, string> | unknown[];
}

/** Lua's cjson writes an empty table as `{}` or `[]`: both mean "no fields". */
const entries = (value: Record<string, string> | unknown[]): [string, string][] => (Array.isArray(value) ? [] : Object.entries(value));

function parseRecord(id: string, raw: Record<string, string>): CanonicalRecord | undefined {
  const sources = new Map<string, SourceSnapshot>();
  for (const [key, text] of Object.entries(raw)) {
    if (!key.startsWith('s|')) continue;
    const stored = JSON.parse(text) as StoredSource;
    const values: Record<string, unknown> = {};
    for (const [field, value] of entries(stored.v)) values[field] = JSON.parse(value) as unknown;
    const changedAt: Record<string, string> = {};
    for (const [field, at] of entries(stored.t)) if (at !== '') changedAt[field] = at;
    sources.set(key.slice(2), { crmId: stored.id, modifiedAt: stored.m, values, changedAt });
  }
  return sources.size === 0 ? undefined : { id, sources };
}
