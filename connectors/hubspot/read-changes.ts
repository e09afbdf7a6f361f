import type { ChangeCursor, ChangePage, CrmRecord, ReadChangesOptions } from '../shared/crm-connector.js';
import type { HubSpotCaller } from './hubspot-caller.js';
import { HubSpotListPage, HubSpotSearchPage, type HubSpotObject } from './raw-shapes.js';

/** HubSpot's search answers at most 10,000 results per query, however it is paged. */
const SEARCH_CAP = 10_000;
const SEARCH_PAGE = 200;
const LIST_PAGE = 100;

export function toRecord(object: HubSpotObject): CrmRecord {
  return { id: object.id, modifiedAt: new Date(object.properties.hs_lastmodifieddate ?? object.updatedAt).toISOString(), fields: object.properties };
}

const later = (a: ChangeCursor, b: ChangeCursor): ChangeCursor => (a.modifiedAt > b.modifiedAt || (a.modifiedAt === b.modifiedAt && Number(a.id) > Number(b.id)) ? a : b);

/**
 * Changes of one object type, oldest first, in pages.
 * - No cursor: a first load through the list API (GET /crm/v3/objects/{type}, 100 per page). Its order is
 *   creation, not modification, so pages checkpoint at the epoch and the last page at the load's start
 *   (minus the lookback): a load cut short starts again, never skips.
 * - A cursor: the search API on hs_lastmodifieddate ≥ cursor − lookback, sorted ascending, 200 per page.
 *   When a query nears the 10,000-result cap it restarts from the last timestamp seen; when more than
 *   10,000 records share one timestamp, that timestamp is drained by hs_object_id instead, so the cap
 *   never stalls or loops.
 */
export async function* readChanges(caller: HubSpotCaller, type: string, options: ReadChangesOptions): AsyncGenerator<ChangePage> {
  const properties = [...new Set([...options.fields, 'hs_lastmodifieddate', 'hs_object_id'])].join(',');
  if (!options.since) {
    yield* firstLoad(caller, type, properties, options);
    return;
  }
  const from = Date.parse(options.since.modifiedAt) - (options.lookbackMs ?? 0);
  yield* searchFrom(caller, type, properties, Math.max(0, from), options);
}

async function* firstLoad(caller: HubSpotCaller, type: string, properties: string, options: ReadChangesOptions): AsyncGenerator<ChangePage> {
  const startedAt = Date.now() - (options.lookbackMs ?? 0);
  let after: string | undefined;
  let last: ChangeCursor = { modifiedAt: new Date(0).toISOString(), id: '0' };
  do {
    options.signal?.throwIfAborted();
    // https://developers.hubspot.com/docs/api/crm/companies — GET /crm/v3/objects/{objectType}
    const { body } = await caller.json(`list ${type}`, { method: 'GET', path: `/crm/v3/objects/${type}`, qs: { limit: String(LIST_PAGE), properties, ...(after ? { after } : {}) } }, HubSpotListPage, { ...(options.signal ? { signal: options.signal } : {}) });
    after = body.paging?.next?.after;
    const records = body.results.map(toRecord);
    for (const record of records) last = later({ modifiedAt: record.modifiedAt, id: record.id }, last);
    const done = after === undefined;
    const finalCursor: ChangeCursor = { modifiedAt: new Date(Math.min(startedAt, Date.parse(last.modifiedAt))).toISOString(), id: '0' };
    yield { records, cursor: done ? finalCursor : { modifiedAt: new Date(0).toISOString(), id: '0' } };
  } while (after !== undefined);
}

async function* searchFrom(caller: HubSpotCaller, type: string, properties: string, from: number, options: ReadChangesOptions): AsyncGenerator<ChangePage> {
  let lower = from;
  let inclusive = true;
  for (;;) {
    let offset = 0;
    let lastSeen: ChangeCursor | undefined;
    let firstTime: number | undefined;
    let exhausted = false;
    while (offset + SEARCH_PAGE <= SEARCH_CAP) {
      options.signal?.throwIfAborted();
      const page = await search(caller, type, properties, [{ propertyName: 'hs_lastmodifieddate', operator: inclusive ? 'GTE' : 'GT', value: String(lower) }], 'hs_lastmodifieddate', offset, options.signal);
      const records = page.results.map(toRecord);
      const lastRecord = records[records.length - 1];
      if (lastRecord) {
        lastSeen = { modifiedAt: lastRecord.modifiedAt, id: lastRecord.id };
        firstTime ??= Date.parse(records[0]?.modifiedAt ?? '');
        yield { records, cursor: lastSeen };
      }
      const next = nextOffset(page.paging?.next?.after, offset, records.length);
      if (next === undefined) {
        exhausted = true;
        break;
      }
      offset = next;
    }
    if (exhausted || !lastSeen) return;
    const lastTime = Date.parse(lastSeen.modifiedAt);
    if (lastTime > (firstTime ?? lower)) {
      // Restart at the last timestamp seen: its records are read again (harmless), none skipped.
      lower = lastTime;
      inclusive = true;
      continue;
    }
    // The whole window was one timestamp with 10,000 records or more: page through it by id, then go on after it.
    lower = lastTime;
    yield* drainTimestamp(caller, type, properties, lower, options.signal);
    inclusive = false;
  }
}

async function* drainTimestamp(caller: HubSpotCaller, type: string, properties: string, at: number, signal: AbortSignal | undefined): AsyncGenerator<ChangePage> {
  let afterId = '0';
  for (;;) {
    let offset = 0;
    let lastId = afterId;
    while (offset + SEARCH_PAGE <= SEARCH_CAP) {
      signal?.throwIfAborted();
      const page = await search(caller, type, properties, [
        { propertyName: 'hs_lastmodifieddate', operator: 'EQ', value: String(at) },
        { propertyName: 'hs_object_id', operator: 'GT', value: afterId },
      ], 'hs_object_id', offset, signal);
      const records = page.results.map(toRecord);
      const last = records[records.length - 1];
      if (last) {
        lastId = last.id;
        yield { records, cursor: { modifiedAt: new Date(at).toISOString(), id: lastId } };
      }
      const next = nextOffset(page.paging?.next?.after, offset, records.length);
      if (next === undefined) return;
      offset = next;
    }
    // The cap again, inside one timestamp: go on after the last id seen.
    afterId = lastId;
  }
}

/**
 * Where the next search page starts: HubSpot's `paging.next.after` (an offset), or nothing when there is no
 * next page. A page can come back empty and still name a next one (records left the index between pages):
 * reading goes on from it; an `after` that does not move forward ends the query rather than loop.
 */
function nextOffset(after: string | undefined, offset: number, read: number): number | undefined {
  if (after === undefined) return undefined;
  const next = Number(after);
  if (!Number.isInteger(next)) return offset + read;
  return next > offset ? next : undefined;
}

function search(caller: HubSpotCaller, type: string, properties: string, filters: { propertyName: string; operator: string; value: string }[], sortBy: string, offset: number, signal: AbortSignal | undefined): Promise<{ results: HubSpotObject[]; paging?: { next?: { after: string } | undefined } | undefined }> {
  // https://developers.hubspot.com/docs/api/crm/search
  return caller
    .json(`search ${type}`, {
      method: 'POST',
      path: `/crm/v3/objects/${type}/search`,
      body: { filterGroups: [{ filters }], sorts: [{ propertyName: sortBy, direction: 'ASCENDING' }], properties: properties.split(','), limit: SEARCH_PAGE, after: String(offset) },
    }, HubSpotSearchPage, { search: true, ...(signal ? { signal } : {}) })
    .then((answer) => answer.body);
}
