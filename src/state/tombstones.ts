import type { Redis } from 'ioredis';
import { stateKey } from '../redis/key-prefix.js';

export interface Tombstone {
  canonicalId: string;
  connectionId: string;
  object: string;
  crmId: string;
  removedAt: string;
  /** The canonical id of the record it was merged into, when the CRM merged it. */
  mergedInto?: string | undefined;
}

/** The records the engine created in one connection's object, by canonical id (written by create-intents.ts). */
export function createdKey(prefix: string, connectionId: string, object: string): string {
  return stateKey(prefix, 'created', connectionId, object);
}

/**
 * What disappeared from a CRM (deleted or merged away), by canonical id, and the merges as aliases
 * (loser → survivor), so links made to a merged record (a registration, a linked opportunity) follow it.
 * Also the records the engine itself created in each CRM (recorded by create-intents.ts): only those may be
 * deleted when their origin goes.
 */
export class Tombstones {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async record(kind: string, tombstone: Tombstone): Promise<void> {
    const pipeline = this.#redis.pipeline();
    pipeline.hset(stateKey(this.#prefix, 'tomb', kind), `${tombstone.connectionId}|${tombstone.canonicalId}`, JSON.stringify(tombstone));
    if (tombstone.mergedInto !== undefined) pipeline.hset(stateKey(this.#prefix, 'merged', kind), tombstone.canonicalId, tombstone.mergedInto);
    await pipeline.exec();
  }

  async get(kind: string, connectionId: string, canonicalId: string): Promise<Tombstone | undefined> {
    const raw = await this.#redis.hget(stateKey(this.#prefix, 'tomb', kind), `${connectionId}|${canonicalId}`);
    return raw === null ? undefined : (JSON.parse(raw) as Tombstone);
  }

  /** The record a canonical id now lives on: itself, or the end of its merge chain. */
  async survivorOf(kind: string, canonicalId: string): Promise<string> {
    let current = canonicalId;
    for (let hops = 0; hops < 16; hops += 1) {
      const next = await this.#redis.hget(stateKey(this.#prefix, 'merged', kind), current);
      if (next === null || next === current) return current;
      current = next;
    }
    return current;
  }

  async wasCreated(connectionId: string, object: string, canonicalIds: readonly string[]): Promise<boolean[]> {
    if (canonicalIds.length === 0) return [];
    const flags = await this.#redis.smismember(createdKey(this.#prefix, connectionId, object), ...canonicalIds);
    return flags.map((flag) => flag === 1);
  }

  /** Every record the engine created in one connection's object, a chunk at a time (members removed meanwhile may be left out). */
  async *scanCreated(connectionId: string, object: string, count = 500): AsyncGenerator<string[]> {
    const key = stateKey(this.#prefix, 'created', connectionId, object);
    let cursor = '0';
    do {
      const [next, ids] = await this.#redis.sscan(key, cursor, 'COUNT', count);
      cursor = next;
      if (ids.length > 0) yield ids;
    } while (cursor !== '0');
  }

  async forgetCreated(connectionId: string, object: string, canonicalIds: readonly string[]): Promise<void> {
    if (canonicalIds.length > 0) await this.#redis.srem(createdKey(this.#prefix, connectionId, object), ...canonicalIds);
  }
}
