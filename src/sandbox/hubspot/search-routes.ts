import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { toApiObject } from './api-object.js';
import type { HubSpotPortal } from './hubspot-portal.js';
import { validationError } from './hubspot-errors.js';
import type { StoredObject } from './object-store.js';
import { parseBody, storeOf } from './object-routes.js';
import { compileFilter, keyFor, matchesGroups, MAX_FILTERS, MAX_FILTERS_PER_GROUP, MAX_GROUPS, SearchFilter, SearchSort } from './search-filters.js';

/** Search returns at most this many results per query, however it is paged. */
export const SEARCH_RESULT_CAP = 10_000;
export const MAX_SEARCH_LIMIT = 200;

const SearchRequest = z.object({
  filterGroups: z.array(z.object({ filters: z.array(SearchFilter) })).default([]),
  sorts: z.array(SearchSort).default([]),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().min(0).default(10),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
  query: z.string().optional(),
});

/**
 * POST /crm/v3/objects/{type}/search — https://developers.hubspot.com/docs/api/crm/search
 * Filter groups OR'ed, filters AND'ed; `after` is an offset; paging past 10,000 results is refused.
 */
export function registerSearchRoutes(app: FastifyInstance, portal: HubSpotPortal): void {
  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/search', (request) => {
    const store = storeOf(portal, request.params.type);
    const body = parseBody(SearchRequest, request.body);
    if (body.limit > MAX_SEARCH_LIMIT) throw validationError(`limit ${String(body.limit)} is above the maximum of ${String(MAX_SEARCH_LIMIT)}.`);
    const total = body.filterGroups.reduce((n, g) => n + g.filters.length, 0);
    if (body.filterGroups.length > MAX_GROUPS || body.filterGroups.some((g) => g.filters.length > MAX_FILTERS_PER_GROUP) || total > MAX_FILTERS) {
      throw validationError(`Too many filters: at most ${String(MAX_GROUPS)} filterGroups, ${String(MAX_FILTERS_PER_GROUP)} filters per group and ${String(MAX_FILTERS)} filters in all.`);
    }
    const offset = body.after === undefined ? 0 : Number(body.after);
    if (!Number.isInteger(offset) || offset < 0) throw validationError(`after "${body.after ?? ''}" is not a valid paging cursor.`);
    if (offset + body.limit > SEARCH_RESULT_CAP) {
      throw validationError(`Search results are limited to ${String(SEARCH_RESULT_CAP)}: after ${String(offset)} with limit ${String(body.limit)} pages past the limit. Narrow the filters to page further.`);
    }

    const groups = body.filterGroups.map((g) => g.filters.map((f) => ({ name: f.propertyName, test: compileFilter(f, store.definitions) })));
    const query = body.query?.toLowerCase();
    const { records: candidates, byModification } = candidatesFor(portal, store.type, body.filterGroups.map((g) => g.filters));
    const matches: StoredObject[] = [];
    for (const record of candidates) {
      if (record.archived || !portal.indexed(record) || !matchesGroups(record, groups)) continue;
      if (query && ![...record.properties.values()].some((v) => v.toLowerCase().includes(query))) continue;
      matches.push(record);
    }
    // Read from the modification index, records already come in (hs_lastmodifieddate, id) order.
    const alreadyOrdered = byModification && body.sorts.every((sort, index) => index === 0 && sort.propertyName === 'hs_lastmodifieddate' && sort.direction !== 'DESCENDING') && body.sorts.length === 1;
    if (!alreadyOrdered) sortRecords(matches, body.sorts, store.definitions);
    const page = matches.slice(offset, offset + body.limit);
    const nextOffset = offset + page.length;
    return {
      total: matches.length,
      results: page.map((record) => toApiObject(record, body.properties)),
      ...(nextOffset < matches.length ? { paging: { next: { after: String(nextOffset) } } } : {}),
    };
  });
}

/** When every group has a lower bound on hs_lastmodifieddate, start from it in the modification index. */
function candidatesFor(portal: HubSpotPortal, type: 'companies' | 'deals' | 'contacts', groups: readonly (readonly SearchFilter[])[]): { records: Iterable<StoredObject>; byModification: boolean } {
  const store = portal.stores[type];
  const bounds = groups.map((filters) => {
    const lower = filters.find((f) => f.propertyName === 'hs_lastmodifieddate' && (f.operator === 'GT' || f.operator === 'GTE' || f.operator === 'BETWEEN' || f.operator === 'EQ'));
    if (!lower?.value) return undefined;
    const at = /^\d+$/.test(lower.value) ? Number(lower.value) : Date.parse(lower.value);
    return Number.isFinite(at) ? at : undefined;
  });
  if (groups.length === 0 || bounds.some((b) => b === undefined)) return { records: store.all(), byModification: false };
  return { records: store.fromModification(Math.min(...bounds.filter((b): b is number => b !== undefined))), byModification: true };
}

function sortRecords(records: StoredObject[], sorts: readonly SearchSort[], definitions: ReadonlyMap<string, { type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' }>): void {
  // HubSpot sorts by creation (id) when no sort is given; ties fall back to id so paging is stable.
  const keys = sorts.map((sort) => ({ sort, key: keyFor(definitions.get(sort.propertyName)?.type ?? 'string') }));
  records.sort((a, b) => {
    for (const { sort, key } of keys) {
      const va = a.properties.get(sort.propertyName);
      const vb = b.properties.get(sort.propertyName);
      if (va === vb) continue;
      if (va === undefined) return 1;
      if (vb === undefined) return -1;
      const ka = key(va);
      const kb = key(vb);
      const order = ka < kb ? -1 : ka > kb ? 1 : 0;
      if (order !== 0) return sort.direction === 'DESCENDING' ? -order : order;
    }
    return a.id - b.id;
  });
}
