import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { SharingPolicy } from '../../../src/config/partner-schema.js';
import { DEFAULT_POPULATIONS } from '../../../src/config/population-schema.js';
import { Secret } from '../../../src/config/secret.js';
import { saveOverlapReport, type OverlapPair, type OverlapReport } from '../../../src/engine/overlaps/compute-overlaps.js';
import { SecretScrubber } from '../../../src/logging/redaction.js';
import { stateKey } from '../../../src/redis/key-prefix.js';
import { buildServer } from '../../../src/server/build-server.js';
import type { OverlapApiPartner } from '../../../src/server/overlaps/overlap-routes.js';
import { silentLogger, testWorkspace, type TestWorkspace } from '../../helpers/test-redis.js';

const ADMIN = { username: 'admin', password: new Secret('correct horse battery staple', 'ADMIN_PASSWORD') };
const ADMIN_AUTH = `Basic ${Buffer.from('admin:correct horse battery staple').toString('base64')}`;
const POPULATIONS = { ...DEFAULT_POPULATIONS, 'emea-customers': { relationship: ['customer'], country: ['DE'] } };

const keyOf = (id: string): string => `key-of-${id}-0123456789abcdef`;
const bearer = (id: string): { authorization: string } => ({ authorization: `Bearer ${keyOf(id)}` });

/** Every value of the report is marked with its partner's id in upper case, to find it in any body. */
function reportFor(partnerId: string, count: number, computedAt = '2025-01-02T03:04:05.000Z'): OverlapReport {
  const mark = partnerId.toUpperCase();
  const pairs: OverlapPair[] = Array.from({ length: count }, (_, i) => ({
    vendor: {
      canonicalId: `vcanon-${mark}-${String(i)}`,
      crmId: `VCRM-${mark}-${String(i)}`,
      name: `VendorCo ${mark} ${String(i)}`,
      owner: `Owner ${mark} <owner-${mark}-${String(i)}@acme.example>`,
      ownerName: `Owner ${mark}`,
      ownerEmail: `owner-${mark}-${String(i)}@acme.example`,
      populations: i % 2 === 0 ? ['customers', 'emea-customers'] : ['prospects'],
    },
    partner: {
      canonicalId: `pcanon-${mark}-${String(i)}`,
      crmId: `PCRM-${mark}-${String(i)}`,
      name: `Own ${mark} ${String(i)}`,
      owner: `Partner rep ${mark}`,
      ownerName: `Partner rep ${mark}`,
      ownerEmail: null,
      populations: i % 3 === 0 ? ['customers'] : [],
    },
    score: 0.9,
    reason: `name 'vendorco ${mark.toLowerCase()} ${String(i)}' = 'own ${mark.toLowerCase()} ${String(i)}' (1.00), same country DE`,
    territory: `TERRITORY-${mark}`,
  }));
  const matrix: Record<string, Record<string, number>> = {};
  for (const pair of pairs) {
    for (const v of ['all', ...pair.vendor.populations]) {
      const row = (matrix[v] ??= {});
      for (const p of ['all', ...pair.partner.populations]) row[p] = (row[p] ?? 0) + 1;
    }
  }
  return { partnerId, computedAt, vendorAccounts: 7777, partnerAccounts: count + 5, matrix, pairs };
}

const partner = (id: string, sharing: SharingPolicy, withKey = true): OverlapApiPartner => ({ id, sharing, ...(withKey ? { apiKey: new Secret(keyOf(id), `${id.toUpperCase()}_API_KEY`) } : {}) });

const PARTNERS: OverlapApiPartner[] = [
  partner('northwind', { share: 'overlaps', fields: ['name', 'relationship'] }),
  partner('globex', { share: 'counts' }),
  partner('initech', { share: 'nothing' }),
  partner('umbrella', { share: 'all', fields: ['ownerEmail', 'website'] }),
  partner('hooli', { share: 'overlaps', fields: ['name'] }),
  partner('soylent', { share: 'counts' }, false),
];

let ws: TestWorkspace | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  await ws?.cleanup();
  app = undefined;
  ws = undefined;
});

async function start(partners: OverlapApiPartner[] = PARTNERS, reports: OverlapReport[] = ['northwind', 'globex', 'initech', 'umbrella', 'soylent'].map((id) => reportFor(id, 3))): Promise<{ app: FastifyInstance; ws: TestWorkspace }> {
  ws = await testWorkspace();
  for (const report of reports) await saveOverlapReport(ws, report);
  app = await buildServer({ queues: [], redis: ws.redis, admin: ADMIN, scrubber: new SecretScrubber(), logger: silentLogger, api: { prefix: ws.prefix, partners, populations: POPULATIONS } });
  return { app, ws };
}

const get = (server: FastifyInstance, url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> => server.inject({ method: 'GET', url, headers });

function expectProblem(response: LightMyRequestResponse, status: number, detail?: RegExp | string): Record<string, unknown> {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const body = response.json<Record<string, unknown>>();
  expect(body).toMatchObject({ type: 'about:blank', status });
  if (detail !== undefined) expect(body.detail).toMatch(detail);
  return body;
}

describe('GET /api/v1/overlaps/:partnerId as the admin', () => {
  it('given the admin login, then the whole report: totals, matrix and every pair with both sides in full', async () => {
    const { app } = await start();
    const response = await get(app, '/api/v1/overlaps/northwind', { authorization: ADMIN_AUTH });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const stored = reportFor('northwind', 3);
    expect(response.json()).toEqual({
      view: 'admin',
      partnerId: 'northwind',
      computedAt: stored.computedAt,
      vendorAccounts: 7777,
      partnerAccounts: 8,
      overlappingAccounts: 3,
      matrix: stored.matrix,
      pairs: stored.pairs,
      page: { limit: 100, matching: 3, nextCursor: null },
    });
  });

  it('given a partner whose policy shares nothing, then the admin still sees its report', async () => {
    const { app } = await start();
    const response = await get(app, '/api/v1/overlaps/initech', { authorization: ADMIN_AUTH });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('VCRM-INITECH-0');
  });

  it('given an unknown partner, then 404 naming the known ones', async () => {
    const { app } = await start();
    expectProblem(await get(app, '/api/v1/overlaps/acme-corp', { authorization: ADMIN_AUTH }), 404, 'no partner "acme-corp" in the workspace; partners: northwind, globex, initech, umbrella, hooli, soylent');
  });

  it('given a known partner without a report yet, then 404 saying how to get one', async () => {
    const { app } = await start();
    expectProblem(await get(app, '/api/v1/overlaps/hooli', { authorization: ADMIN_AUTH }), 404, /no overlap report for partner "hooli" yet; run cosell overlaps --partner hooli or wait for the account-mapping job/);
  });

  it('given a damaged stored report, then 500 without its content, and nothing half-read is served', async () => {
    const { app, ws } = await start();
    await ws.redis.set(stateKey(ws.prefix, 'overlaps', 'northwind'), '{"partnerId":"northwind","pairs":"VCRM-LEAK"}');
    const response = await get(app, '/api/v1/overlaps/northwind', { authorization: ADMIN_AUTH });
    expectProblem(response, 500, 'the server failed; see its log for this request');
    expect(response.body).not.toContain('VCRM-LEAK');
  });
});

describe('GET /api/v1/overlaps/:partnerId with a partner API key', () => {
  it('given share overlaps with fields [name, relationship], then pairs with its own accounts and the vendor name and shared populations only', async () => {
    const { app } = await start();
    const response = await get(app, '/api/v1/overlaps/northwind', bearer('northwind'));
    expect(response.statusCode).toBe(200);
    const stored = reportFor('northwind', 3);
    expect(response.json()).toEqual({
      view: 'partner',
      share: 'overlaps',
      partnerId: 'northwind',
      computedAt: stored.computedAt,
      overlappingAccounts: 3,
      matrix: stored.matrix,
      vendorFields: ['name', 'populations'],
      reasons: false,
      pairs: [
        { partner: { crmId: 'PCRM-NORTHWIND-0', name: 'Own NORTHWIND 0', populations: ['customers'] }, vendor: { name: 'VendorCo NORTHWIND 0', populations: ['customers'] }, score: 0.9 },
        { partner: { crmId: 'PCRM-NORTHWIND-1', name: 'Own NORTHWIND 1', populations: [] }, vendor: { name: 'VendorCo NORTHWIND 1', populations: ['prospects'] }, score: 0.9 },
        { partner: { crmId: 'PCRM-NORTHWIND-2', name: 'Own NORTHWIND 2', populations: [] }, vendor: { name: 'VendorCo NORTHWIND 2', populations: ['customers'] }, score: 0.9 },
      ],
      page: { limit: 100, matching: 3, nextCursor: null },
    });
    for (const hidden of ['VCRM-', 'vcanon-', 'pcanon-', 'owner-', 'TERRITORY-', '7777', 'emea-customers"]']) expect(response.body).not.toContain(hidden);
  });

  it('given share counts, then the matrix and the number of overlapping accounts, no pair', async () => {
    const { app } = await start();
    const response = await get(app, '/api/v1/overlaps/globex?limit=1', bearer('globex'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ view: 'partner', share: 'counts', partnerId: 'globex', computedAt: '2025-01-02T03:04:05.000Z', overlappingAccounts: 3, matrix: reportFor('globex', 3).matrix });
  });

  it('given share all with fields [ownerEmail, website], then pairs with the vendor owner e-mail only and no vendor name', async () => {
    const { app } = await start();
    const body = (await get(app, '/api/v1/overlaps/umbrella', bearer('umbrella'))).json<{ share: string; vendorFields: string[]; pairs: { vendor: unknown }[] }>();
    expect(body.share).toBe('all');
    expect(body.vendorFields).toEqual(['owner']);
    expect(body.pairs.map((p) => p.vendor)).toEqual([0, 1, 2].map((i) => ({ owner: `owner-UMBRELLA-${String(i)}@acme.example` })));
    expect(JSON.stringify(body)).not.toContain('VendorCo');
    expect(JSON.stringify(body)).not.toContain('Owner UMBRELLA');
  });

  it('given share nothing, then 403 saying the vendor shares nothing with this partner', async () => {
    const { app } = await start();
    const response = await get(app, '/api/v1/overlaps/initech', bearer('initech'));
    expectProblem(response, 403, 'the vendor shares nothing with this partner');
    expect(response.body).not.toContain('INITECH');
  });

  it('given its own partner without a report yet, then 404', async () => {
    const { app } = await start();
    expectProblem(await get(app, '/api/v1/overlaps/hooli', bearer('hooli')), 404, /no overlap report for partner "hooli" yet/);
  });

  it("given partner A's key on partner B's path, then 403 and nothing of B's; an unknown id gets the same answer", async () => {
    const { app } = await start();
    const onB = await get(app, '/api/v1/overlaps/globex', bearer('northwind'));
    const body = expectProblem(onB, 403, "this API key reads only its own partner's overlaps, at /api/v1/overlaps/northwind");
    expect(onB.body).not.toMatch(/GLOBEX|Own |VendorCo|matrix|"all"/);
    const unknown = expectProblem(await get(app, '/api/v1/overlaps/acme-corp', bearer('northwind')), 403);
    expect({ ...unknown, instance: undefined }).toEqual({ ...body, instance: undefined });
    expect(JSON.stringify(unknown)).not.toContain('globex');
  });

  it('given no Authorization header, then 401 with both challenges and no data', async () => {
    const { app } = await start();
    const response = await get(app, '/api/v1/overlaps/northwind');
    expectProblem(response, 401, /Bearer <partner API key>/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="cosell-sync api", Basic realm="cosell-sync admin"');
    expect(response.body).not.toContain('NORTHWIND');
  });

  it.each<[string, string]>([
    ['a wrong key', `Bearer ${keyOf('northwind')}-wrong`],
    ['a key of no partner', 'Bearer key-of-nobody-0123456789abcdef'],
    ['the key of a partner without apiKey', `Bearer ${keyOf('soylent')}`],
    ['a wrong admin password', `Basic ${Buffer.from('admin:guess').toString('base64')}`],
    ['the key without a scheme', keyOf('northwind')],
  ])('given %s, then 401 and no data', async (_label, authorization) => {
    const { app } = await start();
    const response = await get(app, '/api/v1/overlaps/northwind', { authorization });
    expectProblem(response, 401);
    expect(response.body).not.toContain('NORTHWIND');
    expect(response.body).not.toContain('0123456789abcdef');
  });
});

describe('GET /api/v1/overlaps/:partnerId query options', () => {
  it.each<[string, RegExp]>([
    ['population=partners', /population: expected one of the workspace's populations: all, customers, prospects, former-customers, emea-customers; found "partners"/],
    ['partnerPopulation=vip', /partnerPopulation: expected one of the workspace's populations: all, customers/],
    ['limit=0', /limit: expected a whole number from 1 to 1000/],
    ['limit=1001', /limit: expected at most 1000 pairs a page/],
    ['limit=lots', /limit: expected a whole number from 1 to 1000/],
    ['population=customers&population=prospects', /population: expected one population name/],
    ['populaton=customers', /no such parameter: "populaton"/],
    ['cursor=garbage', /cursor: expected the nextCursor of a previous page/],
  ])('given ?%s, then 400 saying what was expected', async (query, detail) => {
    const { app } = await start();
    expectProblem(await get(app, `/api/v1/overlaps/northwind?${query}`, { authorization: ADMIN_AUTH }), 400, detail);
  });

  it('given population and partnerPopulation, then only pairs in both', async () => {
    const { app } = await start(PARTNERS, [reportFor('northwind', 12)]);
    const body = (await get(app, '/api/v1/overlaps/northwind?population=customers&partnerPopulation=customers', { authorization: ADMIN_AUTH })).json<{ pairs: OverlapPair[]; page: { matching: number } }>();
    expect(body.pairs.map((p) => p.partner.crmId)).toEqual(['PCRM-NORTHWIND-0', 'PCRM-NORTHWIND-6']);
    expect(body.page.matching).toBe(2);
    const all = (await get(app, '/api/v1/overlaps/northwind?population=all', bearer('northwind'))).json<{ page: { matching: number } }>();
    expect(all.page.matching).toBe(12);
  });

  it('given a partner filtering by a vendor population its policy does not share, then 403; by its own populations, then fine', async () => {
    const { app } = await start(PARTNERS, [reportFor('northwind', 6), reportFor('hooli', 6)]);
    expectProblem(await get(app, '/api/v1/overlaps/hooli?population=customers', bearer('hooli')), 403, /does not share which of its accounts are in "customers"/);
    expectProblem(await get(app, '/api/v1/overlaps/northwind?population=emea-customers', bearer('northwind')), 403, /"emea-customers"/);
    const own = (await get(app, '/api/v1/overlaps/hooli?partnerPopulation=customers', bearer('hooli'))).json<{ pairs: { partner: { crmId: string } }[] }>();
    expect(own.pairs.map((p) => p.partner.crmId)).toEqual(['PCRM-HOOLI-0', 'PCRM-HOOLI-3']);
    const shared = (await get(app, '/api/v1/overlaps/northwind?population=prospects', bearer('northwind'))).json<{ page: { matching: number } }>();
    expect(shared.page.matching).toBe(3);
  });

  it('given 250 pairs and the default page size, then three pages by cursor that together are every pair once, in order', async () => {
    const { app } = await start(PARTNERS, [reportFor('northwind', 250)]);
    const seen: string[] = [];
    const sizes: number[] = [];
    let url = '/api/v1/overlaps/northwind';
    for (let guard = 0; guard < 5; guard += 1) {
      const body = (await get(app, url, bearer('northwind'))).json<{ pairs: { partner: { crmId: string } }[]; page: { limit: number; matching: number; nextCursor: string | null } }>();
      expect(body.page).toMatchObject({ limit: 100, matching: 250 });
      sizes.push(body.pairs.length);
      seen.push(...body.pairs.map((p) => p.partner.crmId));
      if (body.page.nextCursor === null) break;
      url = `/api/v1/overlaps/northwind?cursor=${encodeURIComponent(body.page.nextCursor)}`;
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => `PCRM-NORTHWIND-${String(i)}`));
  });

  it('given limit and a filter, then pages keep the filter; a cursor under other filters is 400, after a recompute 409', async () => {
    const { app, ws } = await start(PARTNERS, [reportFor('northwind', 10)]);
    const first = (await get(app, '/api/v1/overlaps/northwind?population=customers&limit=2', { authorization: ADMIN_AUTH })).json<{ pairs: OverlapPair[]; page: { nextCursor: string } }>();
    expect(first.pairs.map((p) => p.partner.crmId)).toEqual(['PCRM-NORTHWIND-0', 'PCRM-NORTHWIND-2']);
    const cursor = encodeURIComponent(first.page.nextCursor);
    const second = (await get(app, `/api/v1/overlaps/northwind?population=customers&limit=2&cursor=${cursor}`, { authorization: ADMIN_AUTH })).json<{ pairs: OverlapPair[] }>();
    expect(second.pairs.map((p) => p.partner.crmId)).toEqual(['PCRM-NORTHWIND-4', 'PCRM-NORTHWIND-6']);
    expectProblem(await get(app, `/api/v1/overlaps/northwind?limit=2&cursor=${cursor}`, { authorization: ADMIN_AUTH }), 400, /other population filters/);
    await saveOverlapReport(ws, reportFor('northwind', 10, '2025-02-01T00:00:00.000Z'));
    expectProblem(await get(app, `/api/v1/overlaps/northwind?population=customers&limit=2&cursor=${cursor}`, { authorization: ADMIN_AUTH }), 409, /computed again .*start again without cursor/);
  });
});

describe('partner isolation, for every sharing policy', () => {
  const POLICIES: SharingPolicy[] = [
    { share: 'nothing' },
    { share: 'counts' },
    { share: 'overlaps', fields: ['website'] },
    { share: 'overlaps', fields: ['name'] },
    { share: 'overlaps', fields: ['name', 'domain', 'country', 'state', 'city', 'relationship', 'ownerName'] },
    { share: 'all', fields: ['ownerEmail'] },
    { share: 'all', fields: ['name', 'relationship'] },
  ];
  // The other partner shares everything: its data must still never reach partner A.
  const OTHER: SharingPolicy = { share: 'all', fields: ['name', 'domain', 'website', 'country', 'state', 'city', 'relationship', 'ownerName', 'ownerEmail'] };

  it.each(POLICIES)('given partner A with %j, then its key never reads B, nor vendor ids, nor vendor values its fields leave out', async (policy) => {
    const { app } = await start([partner('alpha', policy), partner('bravo', OTHER)], [reportFor('alpha', 4), reportFor('bravo', 4)]);
    const fields = policy.fields ?? [];
    const forbidden = ['BRAVO', 'VCRM-', 'vcanon-', 'pcanon-', 'TERRITORY-', '7777'];
    if (!fields.includes('name')) forbidden.push('VendorCo', 'vendorco');
    if (!fields.includes('ownerName')) forbidden.push('Owner ALPHA');
    if (!fields.includes('ownerEmail')) forbidden.push('owner-ALPHA');
    if (!fields.includes('relationship')) forbidden.push('"populations":["customers","emea-customers"]', '"populations":["prospects"]');

    const urls = ['/api/v1/overlaps/alpha', '/api/v1/overlaps/alpha?limit=1', '/api/v1/overlaps/alpha?partnerPopulation=customers', '/api/v1/overlaps/alpha?population=customers', '/api/v1/overlaps/bravo', '/api/v1/overlaps/bravo?population=customers'];
    for (const url of urls) {
      const response = await get(app, url, bearer('alpha'));
      for (const value of forbidden) expect(response.body, `${url} ${JSON.stringify(policy)}`).not.toContain(value);
      if (url.startsWith('/api/v1/overlaps/bravo')) expectProblem(response, 403);
      if (policy.share === 'nothing') expectProblem(response, 403);
    }
    // B's key, likewise, reads nothing of A's.
    const fromB = await get(app, '/api/v1/overlaps/alpha', bearer('bravo'));
    expectProblem(fromB, 403);
    expect(fromB.body).not.toMatch(/ALPHA|VendorCo|Own /);
  });
});
