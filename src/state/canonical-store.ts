import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';
import { stableJson } from './stable-json.js';

/**
 * KEYS[1]  hash of one canonical record: per source connection c and field f,
 *          v|c|f = value (stable JSON), t|c|f = when it changed, m|c = source modifiedAt, id|c = CRM id
 * ARGV[1]  connection   ARGV[2]  modifiedAt (ISO UTC ms)   ARGV[3]  CRM id   ARGV[4..] field, value pairs
 * Records what one CRM says about the record. A snapshot older than the stored one is ignored (events
 * arrive out of order); otherwise each field whose value differs gets the new value and change time (none
 * for a field first seen blank).
 * Returns  the names of the fields that changed (empty for a repeat or our own write read back), or
 *          { 'stale' } when the snapshot is older than the stored one.
 */
const RECORD_SOURCE = `
local c = ARGV[1]
local stored = redis.call('HGET', KEYS[1], 'm|' .. c)
if stored and stored > ARGV[2] then return { 'stale' } end
local changed = {}
for i = 4, #ARGV, 2 do
  local f = ARGV[i]
  local previous = redis.call('HGET', KEYS[1], 'v|' .. c .. '|' .. f)
  if previous ~= ARGV[i + 1] then
    -- A field first seen blank was never set: it has no change time, so it never outranks a real value.
    local at = ARGV[2]
    if not previous and ARGV[i + 1] == 'null' then at = '' end
    redis.call('HSET', KEYS[1], 'v|' .. c .. '|' .. f, ARGV[i + 1], 't|' .. c .. '|' .. f, at)
    changed[#changed + 1] = f
  end
end
redis.call('HSET', KEYS[1], 'm|' .. c, ARGV[2], 'id|' .. c, ARGV[3])
return changed
`;

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
    const pairs = Object.entries(snapshot.values).flatMap(([field, value]) => [field, stableJson(value)]);
    const result = await this.#redis.eval(RECORD_SOURCE, 1, this.#key(kind, canonicalId), connectionId, snapshot.modifiedAt, snapshot.crmId, ...pairs);
    const fields = Array.isArray(result) ? result.map(String) : [];
    if (fields[0] === 'stale') return { status: 'stale' };
    return fields.length === 0 ? { status: 'unchanged' } : { status: 'changed', fields };
  }

  /** recordSource for many records of one source in one round trip (a page of a sync pass). */
  async recordSources(
    kind: string,
    connectionId: string,
    items: readonly { canonicalId: string; crmId: string; modifiedAt: string; values: Readonly<Record<string, unknown>> }[],
  ): Promise<RecordOutcome[]> {
    if (items.length === 0) return [];
    const pipeline = this.#redis.pipeline();
    for (const item of items) {
      const pairs = Object.entries(item.values).flatMap(([field, value]) => [field, stableJson(value)]);
      pipeline.eval(RECORD_SOURCE, 1, this.#key(kind, item.canonicalId), connectionId, item.modifiedAt, item.crmId, ...pairs);
    }
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, result]) => {
      if (error) throw error;
      const fields = Array.isArray(result) ? result.map(String) : [];
      if (fields[0] === 'stale') return { status: 'stale' };
      return fields.length === 0 ? { status: 'unchanged' } : { status: 'changed', fields };
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
    const key = this.#key(kind, canonicalId);
    const fields = (await this.#redis.hkeys(key)).filter((f) => f.split('|')[1] === connectionId);
    if (fields.length > 0) await this.#redis.hdel(key, ...fields);
  }
}

function parseRecord(id: string, raw: Record<string, string>): CanonicalRecord | undefined {
  const sources = new Map<string, SourceSnapshot>();
  const source = (connection: string): SourceSnapshot => {
    let snapshot = sources.get(connection);
    if (!snapshot) {
      snapshot = { crmId: '', modifiedAt: '', values: {}, changedAt: {} };
      sources.set(connection, snapshot);
    }
    return snapshot;
  };
  for (const [key, value] of Object.entries(raw)) {
    const [tag, connection = '', field = ''] = key.split('|');
    if (tag === 'v') source(connection).values[field] = JSON.parse(value) as unknown;
    else if (tag === 't' && value !== '') source(connection).changedAt[field] = value;
    else if (tag === 'm') source(connection).modifiedAt = value;
    else if (tag === 'id') source(connection).crmId = value;
  }
  return sources.size === 0 ? undefined : { id, sources };
}
