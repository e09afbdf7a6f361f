import type { Redis } from 'ioredis';
import type { ChangeCursor } from '../../connectors/shared/crm-connector.js';
import { stateKey } from '../redis/key-prefix.js';
import { LuaCommand } from '../redis/lua-command.js';

/**
 * KEYS[1]  hash of cursors, field per (connection, object, stream)
 * ARGV[1]  field   ARGV[2]  modifiedAt (ISO, fixed width so strings compare as times)   ARGV[3]  id
 * Moves the cursor only forward: a slow worker finishing an older page never moves it back.
 * Returns  1 when moved, 0 when the stored cursor was already at or past the new one.
 */
const ADVANCE = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
local proposed = ARGV[2] .. '|' .. ARGV[3]
if current and current >= proposed then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], proposed)
return 1
`;
const ADVANCE_COMMAND = new LuaCommand('cosellCursorAdvance', 1, ADVANCE);

export type CursorStream = 'changes' | 'removals';

/** Where each incremental read stands; advanced only after the records it covers are committed. */
export class CursorStore {
  readonly #redis: Redis;
  readonly #key: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#key = stateKey(prefix, 'cursors');
  }

  async get(connectionId: string, object: string, stream: CursorStream = 'changes'): Promise<ChangeCursor | undefined> {
    const value = await this.#redis.hget(this.#key, field(connectionId, object, stream));
    if (value === null) return undefined;
    const at = value.indexOf('|');
    return { modifiedAt: value.slice(0, at), id: value.slice(at + 1) };
  }

  /** Advances the cursor if `cursor` is past the stored one; returns whether it moved. */
  async advance(connectionId: string, object: string, cursor: ChangeCursor, stream: CursorStream = 'changes'): Promise<boolean> {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(cursor.modifiedAt)) {
      throw new TypeError(`cursor modifiedAt "${cursor.modifiedAt}": expected ISO 8601 UTC with milliseconds`);
    }
    const moved = await ADVANCE_COMMAND.run(this.#redis, [this.#key], [field(connectionId, object, stream), cursor.modifiedAt, cursor.id]);
    return moved === 1;
  }

  /** Forgets a cursor, so the next pass reads everything again (a full resync). */
  async reset(connectionId: string, object: string, stream: CursorStream = 'changes'): Promise<void> {
    await this.#redis.hdel(this.#key, field(connectionId, object, stream));
  }
}

function field(connectionId: string, object: string, stream: CursorStream): string {
  return `${connectionId}/${object}/${stream}`;
}
