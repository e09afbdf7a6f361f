import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SalesforceApiError } from '../errors.js';
import type { SandboxOrg } from '../sandbox-org.js';
import { formatDateTime, parseDateTime, truncateToMinute } from '../salesforce-dates.js';
import { isDeleted } from '../store/object-table.js';
import { objectFromPath } from './describe-routes.js';

const DAY = 24 * 60 * 60 * 1000;
const UPDATED_WINDOW_DAYS = 30;
const DELETED_WINDOW_DAYS = 15;
const MAX_IDS = 600_000;

const Range = z.object({ start: z.string(), end: z.string() });

/**
 * The replication window of a getUpdated/getDeleted call. The API ignores seconds (12:30:15 means 12:30:00),
 * needs end at least a whole minute after start, and covers no further than now.
 */
function replicationRange(query: unknown, now: number, windowDays: number): { start: number; end: number; covered: number } {
  const parsed = Range.safeParse(query);
  const start = parsed.success ? parseDateTime(parsed.data.start) : undefined;
  const end = parsed.success ? parseDateTime(parsed.data.end) : undefined;
  if (start === undefined || end === undefined) {
    throw new SalesforceApiError(400, 'INVALID_REPLICATION_DATE', 'start and end must be date-times such as 2024-01-31T10:00:00+00:00');
  }
  const from = truncateToMinute(start);
  const to = truncateToMinute(end);
  if (to <= from) {
    throw new SalesforceApiError(400, 'INVALID_REPLICATION_DATE', 'startDate must chronologically precede endDate by more than one minute');
  }
  if (from < truncateToMinute(now - windowDays * DAY)) {
    throw new SalesforceApiError(400, 'INVALID_REPLICATION_DATE', `startDate cannot be more than ${windowDays} days ago`);
  }
  if (from > now) throw new SalesforceApiError(400, 'INVALID_REPLICATION_DATE', 'startDate cannot be in the future');
  return { start: from, end: to, covered: Math.min(to, truncateToMinute(now)) };
}

/**
 * getUpdated and getDeleted for replication
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getupdated.htm,
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm): ids whose
 * SystemModstamp (deletion time) falls in [start, end), by the minute.
 */
export function registerReplicationRoutes(api: FastifyInstance, org: SandboxOrg): void {
  api.get('/sobjects/:type/updated', (request) => {
    const object = objectFromPath(org, request.params);
    const range = replicationRange(request.query, org.clock.now(), UPDATED_WINDOW_DAYS);
    const from = formatDateTime(range.start);
    const to = formatDateTime(range.covered);
    const ids: string[] = [];
    for (const record of org.store.table(object).byModstamp()) {
      const stamp = String(record.values.SystemModstamp);
      if (stamp < from) continue;
      if (stamp >= to) break;
      if (!isDeleted(record)) ids.push(record.id);
    }
    if (ids.length > MAX_IDS) throw new SalesforceApiError(400, 'EXCEEDED_ID_LIMIT', 'too many ids: choose a start and end closer together');
    return { ids, latestDateCovered: formatDateTime(range.covered) };
  });

  api.get('/sobjects/:type/deleted', (request) => {
    const object = objectFromPath(org, request.params);
    const now = org.clock.now();
    const range = replicationRange(request.query, now, DELETED_WINDOW_DAYS);
    const from = formatDateTime(range.start);
    const to = formatDateTime(range.covered);
    const deletedRecords: { id: string; deletedDate: string }[] = [];
    for (const record of org.store.table(object).byModstamp()) {
      const stamp = String(record.values.SystemModstamp);
      if (stamp < from) continue;
      if (stamp >= to) break;
      if (isDeleted(record)) deletedRecords.push({ id: record.id, deletedDate: stamp });
    }
    if (deletedRecords.length > MAX_IDS) throw new SalesforceApiError(400, 'EXCEEDED_ID_LIMIT', 'too many ids: choose a start and end closer together');
    const earliest = truncateToMinute(now - DELETED_WINDOW_DAYS * DAY);
    return {
      deletedRecords,
      earliestDateAvailable: formatDateTime(earliest),
      latestDateCovered: formatDateTime(range.covered),
    };
  });
}
