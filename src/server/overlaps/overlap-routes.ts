import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { SharingPolicy } from '../../config/partner-schema.js';
import type { Populations } from '../../config/population-schema.js';
import type { AdminCredentials } from '../admin-auth.js';
import { identifyCaller, PartnerKeys, type PartnerKeyEntry } from '../api-caller.js';
import { sendProblem } from '../problem-details.js';
import { requestHeader } from '../request-header.js';
import { ALL_POPULATION, overlapQuerySchema, type PairFilter } from './overlap-query.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { readOverlapReport } from './read-overlap-report.js';
import { selectPairs, type PairPopulations } from './select-pairs.js';
import { shapeForPartner, sharedVendorPopulations } from './shape-for-partner.js';

export const OVERLAPS_PATH = '/api/v1/overlaps';

/** A partner as the overlap API needs it: its id, what it may see, and its key. */
export interface OverlapApiPartner extends PartnerKeyEntry {
  sharing: SharingPolicy;
}

export interface OverlapApiDependencies {
  redis: Redis;
  /** The workspace's key prefix, where the reports are stored. */
  prefix: string;
  partners: readonly OverlapApiPartner[];
  populations: Populations;
  admin: AdminCredentials;
}

const CHALLENGE = 'Bearer realm="cosell-sync api", Basic realm="cosell-sync admin"';

/**
 * GET /api/v1/overlaps/:partnerId — a partner's latest overlap report. The admin (Basic, the dashboard's
 * login) reads all of it; a partner's API key (Bearer) reads only its own partner's, shaped by that
 * partner's sharing policy. Pairs are filtered by population and paged. See docs/api.md.
 */
export function registerOverlapRoutes(app: FastifyInstance, deps: OverlapApiDependencies): void {
  const keys = new PartnerKeys(deps.partners);
  const partners = new Map(deps.partners.map((p) => [p.id, p]));
  const Query = overlapQuerySchema(Object.keys(deps.populations));

  app.get<{ Params: { partnerId: string } }>(`${OVERLAPS_PATH}/:partnerId`, async (request, reply) => {
    const problem = (status: number, title: string, detail: string): FastifyReply =>
      sendProblem(reply, { status, title, detail, instance: request.url });

    const caller = identifyCaller(requestHeader(request, 'authorization'), deps.admin, keys);
    if (caller.kind === 'anonymous' || caller.kind === 'refused') {
      void reply.header('www-authenticate', CHALLENGE);
      const detail = caller.kind === 'refused' ? caller.reason : 'send "Authorization: Bearer <partner API key>", or the admin login as Basic credentials';
      return problem(401, 'Login required', detail);
    }
    const { partnerId } = request.params;
    // A partner's key reads its own partner's path only; other paths, known or not, get the same answer.
    if (caller.kind === 'partner' && caller.partnerId !== partnerId) {
      return problem(403, 'Not your partner id', `this API key reads only its own partner's overlaps, at ${OVERLAPS_PATH}/${caller.partnerId}`);
    }
    const partner = partners.get(partnerId);
    if (!partner) {
      const known = [...partners.keys()].join(', ') || 'none';
      return problem(404, 'Unknown partner', `no partner "${partnerId}" in the workspace; partners: ${known}`);
    }
    const asPartner = caller.kind === 'partner';
    if (asPartner && partner.sharing.share === 'nothing') {
      return problem(403, 'Nothing shared', 'the vendor shares nothing with this partner (its sharing policy is "nothing")');
    }

    const parsed = Query.safeParse(request.query ?? {}, { reportInput: true });
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(query)'}: ${describeIssue(i)}`).join('; ');
      return problem(400, 'Bad query', detail);
    }
    const query = parsed.data;
    const filter: PairFilter = { population: query.population, partnerPopulation: query.partnerPopulation };
    if (asPartner && query.population !== undefined && query.population !== ALL_POPULATION && partner.sharing.share !== 'counts') {
      const shared = sharedVendorPopulations(partner.sharing.fields ?? [], deps.populations);
      if (!shared.has(query.population)) {
        return problem(403, 'Population not shared', `the vendor does not share which of its accounts are in "${query.population}" with this partner; filter by partnerPopulation instead`);
      }
    }

    const report = await readOverlapReport(deps.redis, deps.prefix, partnerId);
    if (!report) {
      return problem(404, 'No overlap report yet', `no overlap report for partner "${partnerId}" yet; run cosell overlaps --partner ${partnerId} or wait for the account-mapping job`);
    }
    const cursor = decodeCursor(query.cursor, report.computedAt, filter);
    if (!cursor.ok) return problem(cursor.status, cursor.status === 409 ? 'Report changed' : 'Bad cursor', cursor.detail);
    const page = <P extends PairPopulations>(pairs: readonly P[]) => {
      const selected = selectPairs(pairs, filter, cursor.offset, query.limit);
      const nextCursor = selected.nextOffset === undefined ? null : encodeCursor(report.computedAt, selected.nextOffset, filter);
      return { pairs: selected.pairs, page: { limit: query.limit, matching: selected.matching, nextCursor } };
    };
    void reply.header('cache-control', 'no-store');

    if (!asPartner) {
      const { pairs, ...totals } = report;
      return { view: 'admin', ...totals, overlappingAccounts: pairs.length, ...page(pairs) };
    }
    const view = shapeForPartner(report, partner.sharing, deps.populations);
    if (view.share === 'nothing') return problem(403, 'Nothing shared', 'the vendor shares nothing with this partner');
    if (view.share === 'counts') return { view: 'partner', ...view };
    return { view: 'partner', ...view, ...page(view.pairs) };
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `no such parameter: ${issue.keys.map((k) => `"${k}"`).join(', ')} (parameters: population, partnerPopulation, limit, cursor)`;
  }
  const found = issue.input === undefined ? '' : `; found ${JSON.stringify(issue.input)}`;
  return `expected ${issue.message}${found}`;
}
