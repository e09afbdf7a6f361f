import type { ObjectTable, StoredRecord } from '../store/object-table.js';

/**
 * The undo log of one request's writes. allOrNone requests (and requests that fail part-way) roll back by
 * putting back copies of the previous versions and forgetting created records, newest first.
 */
export class Transaction {
  private readonly undo: { table: ObjectTable; id: string; previous: StoredRecord | undefined }[] = [];

  /** Call before replacing or creating the record `id` in `table`. */
  remember(table: ObjectTable, id: string): void {
    this.undo.push({ table, id, previous: table.get(id) });
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i -= 1) {
      const entry = this.undo[i];
      if (!entry) continue;
      if (entry.previous) entry.table.put({ ...entry.previous, values: { ...entry.previous.values } });
      else entry.table.remove(entry.id);
    }
    this.undo.length = 0;
  }
}
