import { z } from 'zod';
import type { PairFilter } from './overlap-query.js';

/**
 * Where the next page of pairs starts. Opaque to callers (base64url JSON); it names the report it was cut
 * from and the filters it was cut with, so a page never silently continues a different list.
 */
const PageCursor = z.strictObject({
  computedAt: z.string(),
  offset: z.number().int().min(0),
  population: z.string().optional(),
  partnerPopulation: z.string().optional(),
});
type PageCursor = z.infer<typeof PageCursor>;

export type CursorCheck =
  | { ok: true; offset: number }
  | { ok: false; status: 400 | 409; detail: string };

export function encodeCursor(computedAt: string, offset: number, filter: PairFilter): string {
  const cursor: PageCursor = { computedAt, offset };
  if (filter.population !== undefined) cursor.population = filter.population;
  if (filter.partnerPopulation !== undefined) cursor.partnerPopulation = filter.partnerPopulation;
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** The offset a cursor stands for, if it belongs to this report and these filters. */
export function decodeCursor(text: string | undefined, computedAt: string, filter: PairFilter): CursorCheck {
  if (text === undefined) return { ok: true, offset: 0 };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = PageCursor.safeParse(json);
  if (!parsed.success) return { ok: false, status: 400, detail: 'cursor: expected the nextCursor of a previous page, unchanged' };
  const cursor = parsed.data;
  if (cursor.population !== filter.population || cursor.partnerPopulation !== filter.partnerPopulation) {
    return { ok: false, status: 400, detail: 'cursor: it belongs to a query with other population filters; keep the filters while paging, or start again without cursor' };
  }
  if (cursor.computedAt !== computedAt) {
    return { ok: false, status: 409, detail: `the report was computed again (${computedAt}) since this cursor's page; start again without cursor` };
  }
  return { ok: true, offset: cursor.offset };
}
