import type { SandboxClock } from './sandbox-clock.js';
import type { IdGenerator } from './salesforce-ids.js';
import { KEY_PREFIXES } from './salesforce-ids.js';
import type { CompiledQuery } from './soql/soql-compiler.js';
import type { StoredRecord } from './store/object-table.js';

export interface QueryCursor {
  id: string;
  userId: string;
  query: CompiledQuery;
  /** The matched record versions, in result order, fixed when the query ran. */
  records: StoredRecord[];
  batchSize: number;
  lastUsedAt: number;
}

/** A cursor not read for 15 minutes is gone, as on the platform. */
const IDLE_LIMIT_MS = 15 * 60 * 1000;

/**
 * Server-side query locators (`/query/01g…-2000`). Each user holds at most `maxPerUser` open cursors; opening one
 * more releases the user's oldest, and a cursor is released once its last batch has been read.
 */
export class QueryCursors {
  private readonly cursors = new Map<string, QueryCursor>();
  private readonly clock: SandboxClock;
  private readonly ids: IdGenerator;
  private readonly maxPerUser: () => number;

  constructor(clock: SandboxClock, ids: IdGenerator, maxPerUser: () => number) {
    this.clock = clock;
    this.ids = ids;
    this.maxPerUser = maxPerUser;
  }

  open(userId: string, query: CompiledQuery, records: StoredRecord[], batchSize: number): QueryCursor {
    const mine = [...this.cursors.values()].filter((cursor) => cursor.userId === userId);
    const excess = mine.length + 1 - this.maxPerUser();
    for (const cursor of mine.sort((a, b) => a.lastUsedAt - b.lastUsedAt).slice(0, Math.max(0, excess))) {
      this.cursors.delete(cursor.id);
    }
    const cursor: QueryCursor = { id: this.ids.next(KEY_PREFIXES.QueryLocator), userId, query, records, batchSize, lastUsedAt: this.clock.now() };
    this.cursors.set(cursor.id, cursor);
    return cursor;
  }

  /** The cursor behind a locator, for the user who opened it; undefined when released or expired. */
  find(id: string, userId: string): QueryCursor | undefined {
    const cursor = this.cursors.get(id);
    if (!cursor || cursor.userId !== userId) return undefined;
    const now = this.clock.now();
    if (now - cursor.lastUsedAt > IDLE_LIMIT_MS) {
      this.cursors.delete(id);
      return undefined;
    }
    cursor.lastUsedAt = now;
    return cursor;
  }

  release(id: string): void {
    this.cursors.delete(id);
  }

  get openCount(): number {
    return this.cursors.size;
  }
}
