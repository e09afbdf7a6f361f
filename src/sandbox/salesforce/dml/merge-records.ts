import { SalesforceApiError } from '../errors.js';
import type { ObjectDefinition } from '../schema/object-schema.js';
import type { StoredRecord } from '../store/object-table.js';
import type { RecordStore } from '../store/record-store.js';
import type { RecordWriter, WriteContext } from './record-writer.js';

/**
 * Merges up to two records into a master, as the merge() call and the UI do
 * (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_merge.htm): every record that
 * pointed at a loser (opportunities, contacts, child accounts) is re-parented to the master, then each loser is
 * deleted with MasterRecordId set to the master, so queryAll shows the merge.
 */
export function mergeRecords(
  store: RecordStore,
  writer: RecordWriter,
  object: ObjectDefinition,
  masterId: string,
  loserIds: readonly string[],
  ctx: WriteContext,
): void {
  if (!object.mergeable) throw new SalesforceApiError(400, 'INVALID_TYPE_FOR_OPERATION', `${object.name} records cannot be merged`);
  if (loserIds.length < 1 || loserIds.length > 2) {
    throw new SalesforceApiError(400, 'INVALID_OPERATION', 'A merge takes a master record and one or two records to merge into it');
  }
  const master = live(writer, object, masterId);
  const losers = loserIds.map((id) => live(writer, object, id));
  if (new Set([master.id, ...losers.map((loser) => loser.id)]).size !== losers.length + 1) {
    throw new SalesforceApiError(400, 'INVALID_OPERATION', 'A record cannot be merged with itself');
  }
  for (const loser of losers) {
    for (const child of store.schema.list()) {
      for (const field of child.fields) {
        if (field.type !== 'reference' || !field.updateable || field.referenceTo[0] !== object.name) continue;
        for (const dependent of store.table(child).findBy(field, loser.id)) {
          const outcome = writer.applyUpdate(dependent, new Map([[field.name, master.id]]), ctx);
          if (!outcome.success) throw SalesforceApiError.fromRecordErrors(400, outcome.errors);
        }
      }
    }
    writer.markDeleted(loser, ctx, master.id);
  }
  const current = store.get(master.id) ?? master;
  writer.applyUpdate(current, new Map(), ctx);
}

function live(writer: RecordWriter, object: ObjectDefinition, id: string): StoredRecord {
  const found = writer.locate(object, id);
  if ('errors' in found) throw SalesforceApiError.fromRecordErrors(found.errors[0]?.statusCode === 'NOT_FOUND' ? 404 : 400, found.errors);
  return found.record;
}
