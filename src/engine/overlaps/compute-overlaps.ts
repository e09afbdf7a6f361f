import type { Redis } from 'ioredis';
import type { ResolvedWorkspace } from '../../config/load-workspace.js';
import { matchAccounts } from '../../matching/match-accounts.js';
import type { AccountRecord } from '../../matching/account-record.js';
import { stateKey } from '../../redis/key-prefix.js';
import { crmObjectFor } from '../crm-objects.js';
import type { EngineStores } from '../engine-context.js';
import { populationsOf } from './account-populations.js';
import { readSourceAccounts, type SourceAccount } from './read-accounts.js';

export interface OverlapPair {
  vendor: { canonicalId: string; crmId: string; name: string; owner: string | null; populations: string[] };
  partner: { canonicalId: string; crmId: string; name: string; owner: string | null; populations: string[] };
  score: number;
  reason: string;
}

export interface OverlapReport {
  partnerId: string;
  computedAt: string;
  vendorAccounts: number;
  partnerAccounts: number;
  /** vendor population → partner population → overlapping accounts (`all` for every account). */
  matrix: Record<string, Record<string, number>>;
  pairs: OverlapPair[];
}

type Workspace = Pick<ResolvedWorkspace, 'vendor' | 'partners' | 'populations'>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function toRecord(account: SourceAccount): AccountRecord {
  const v = account.values;
  return { id: account.canonicalId, name: text(v.name) ?? '', website: text(v.website), domain: text(v.domain), country: text(v.country), state: text(v.state), city: text(v.city) };
}

/**
 * Which vendor accounts a partner also has: the vendor's accounts and the partner's own (records the engine
 * wrote into the partner's CRM are the vendor's, not the partner's, and are left out) matched by domain and
 * name (src/matching), each pair with its score and reason and both sides' populations and owners.
 */
export async function computeOverlaps(workspace: Workspace, stores: EngineStores, partnerId: string): Promise<OverlapReport> {
  const partner = workspace.partners.find((p) => p.id === partnerId);
  if (!partner) throw new Error(`no partner "${partnerId}" in the workspace; partners: ${workspace.partners.map((p) => p.id).join(', ') || 'none'}`);
  const vendorAccounts = await readSourceAccounts(stores, 'vendor', crmObjectFor(workspace.vendor.connection.kind, 'account'));
  const partnerAccounts = (await readSourceAccounts(stores, partnerId, crmObjectFor(partner.connection.kind, 'account'))).filter((a) => !a.alsoIn.includes('vendor'));
  const vendorById = new Map(vendorAccounts.map((a) => [a.canonicalId, a]));
  const partnerById = new Map(partnerAccounts.map((a) => [a.canonicalId, a]));
  const matches = matchAccounts(vendorAccounts.map(toRecord), partnerAccounts.map(toRecord), partner.matchThreshold === undefined ? {} : { threshold: partner.matchThreshold });
  const side = (account: SourceAccount) => ({ canonicalId: account.canonicalId, crmId: account.crmId, name: text(account.values.name) ?? '', owner: text(account.values.ownerName) ?? text(account.values.ownerEmail) ?? null, populations: populationsOf(account.values, workspace.populations) });
  const pairs: OverlapPair[] = matches.flatMap((match) => {
    const vendor = vendorById.get(match.vendorId);
    const own = partnerById.get(match.partnerId);
    return vendor && own ? [{ vendor: side(vendor), partner: side(own), score: match.score, reason: match.reason }] : [];
  });
  const matrix: Record<string, Record<string, number>> = {};
  for (const pair of pairs) {
    for (const v of ['all', ...pair.vendor.populations]) {
      const row = (matrix[v] ??= {});
      for (const p of ['all', ...pair.partner.populations]) row[p] = (row[p] ?? 0) + 1;
    }
  }
  return { partnerId, computedAt: new Date().toISOString(), vendorAccounts: vendorAccounts.length, partnerAccounts: partnerAccounts.length, matrix, pairs };
}

/** The latest report per partner, kept for the API and the dashboard. */
export async function saveOverlapReport(stores: { redis: Redis; prefix: string }, report: OverlapReport): Promise<void> {
  await stores.redis.set(stateKey(stores.prefix, 'overlaps', report.partnerId), JSON.stringify(report));
}
