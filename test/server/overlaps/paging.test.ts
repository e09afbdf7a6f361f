import { describe, expect, it } from 'vitest';
import { overlapQuerySchema } from '../../../src/server/overlaps/overlap-query.js';
import { decodeCursor, encodeCursor } from '../../../src/server/overlaps/page-cursor.js';
import { selectPairs } from '../../../src/server/overlaps/select-pairs.js';

const pair = (n: number, vendor: string[] | undefined, partner: string[]) => ({ n, vendor: vendor === undefined ? {} : { populations: vendor }, partner: { populations: partner } });

describe('selectPairs', () => {
  const pairs = [pair(0, ['customers'], ['prospects']), pair(1, ['prospects'], ['prospects']), pair(2, ['customers'], ['customers']), pair(3, undefined, ['customers'])];

  it.each<[string | undefined, string | undefined, number[]]>([
    [undefined, undefined, [0, 1, 2, 3]],
    ['all', 'all', [0, 1, 2, 3]],
    ['customers', undefined, [0, 2]],
    [undefined, 'customers', [2, 3]],
    ['customers', 'customers', [2]],
    ['former-customers', undefined, []],
  ])('given population %s and partnerPopulation %s, then pairs %j', (population, partnerPopulation, expected) => {
    expect(selectPairs(pairs, { population, partnerPopulation }, 0, 10).pairs.map((p) => p.n)).toEqual(expected);
  });

  it('given a page boundary, then each page starts where the last ended and the last page has no next offset', () => {
    const many = Array.from({ length: 5 }, (_, i) => pair(i, [], []));
    expect(selectPairs(many, {}, 0, 2)).toMatchObject({ matching: 5, nextOffset: 2 });
    expect(selectPairs(many, {}, 2, 2).pairs.map((p) => p.n)).toEqual([2, 3]);
    expect(selectPairs(many, {}, 4, 2)).toMatchObject({ pairs: [{ n: 4 }], nextOffset: undefined });
    expect(selectPairs(many, {}, 0, 5).nextOffset).toBeUndefined();
  });
});

describe('page cursors', () => {
  const at = '2025-01-02T03:04:05.000Z';

  it('given a cursor of this report and filters, then it decodes to its offset', () => {
    const filter = { population: 'customers' };
    expect(decodeCursor(encodeCursor(at, 300, filter), at, filter)).toEqual({ ok: true, offset: 300 });
    expect(decodeCursor(undefined, at, filter)).toEqual({ ok: true, offset: 0 });
  });

  it('given a cursor cut with other filters, then 400; from an older report, then 409; garbage, then 400', () => {
    const cursor = encodeCursor(at, 100, { population: 'customers' });
    expect(decodeCursor(cursor, at, {})).toMatchObject({ ok: false, status: 400 });
    expect(decodeCursor(cursor, '2025-02-01T00:00:00.000Z', { population: 'customers' })).toMatchObject({ ok: false, status: 409 });
    expect(decodeCursor('not-a-cursor', at, {})).toMatchObject({ ok: false, status: 400 });
    expect(decodeCursor(Buffer.from('{"computedAt":"x","offset":-1}').toString('base64url'), 'x', {})).toMatchObject({ ok: false, status: 400 });
  });
});

describe('overlapQuerySchema', () => {
  const Query = overlapQuerySchema(['customers', 'prospects']);

  it('given no parameters, then the defaults', () => {
    expect(Query.parse({})).toEqual({ limit: 100 });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ population: 'partners' }, "one of the workspace's populations: all, customers, prospects"],
    [{ partnerPopulation: 'x' }, "one of the workspace's populations"],
    [{ population: ['customers', 'prospects'] }, 'one population name'],
    [{ limit: '0' }, 'a whole number from 1 to 1000'],
    [{ limit: '1001' }, 'at most 1000'],
    [{ limit: '2.5' }, 'a whole number'],
    [{ limit: 'ten' }, 'a whole number'],
    [{ populaton: 'customers' }, 'populaton'],
  ])('given %j, then refused: %s', (query, message) => {
    const result = Query.safeParse(query);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });
});
